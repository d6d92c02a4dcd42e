package me.minav3.mma.credits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.testing.InMemoryMega;
import me.minav3.mma.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** The sweep zeroes every expired balance, in batches, each by its own ledger row. */
class ExpireCreditsTest {

    private final InMemoryMega mega = new InMemoryMega();
    private final MutableClock clock = new MutableClock();
    private final ExpireCredits expire = new ExpireCredits(mega, clock);

    private PassId customerExpiringIn(int index, Duration validity) {
        PassId passId = PassId.user("c" + index);
        mega.post(new CreditEntry(
                CreditTxId.grant("g" + index),
                passId,
                3,
                CreditReason.PURCHASE,
                "test",
                null,
                null,
                null,
                clock.now().plus(validity),
                clock.now(),
                Json.obj()));
        return passId;
    }

    @Test
    void nothingDueZeroesNothing() {
        customerExpiringIn(1, Duration.ofDays(30));

        assertThat(expire.run()).isZero();
        assertThat(mega.find(PassId.user("c1")).orElseThrow().credits()).isEqualTo(3);
    }

    @Test
    void moreExpiredBalancesThanOneBatchAreAllZeroed() {
        for (int i = 0; i < 501; i++) {
            customerExpiringIn(i, Duration.ofDays(1));
        }
        PassId valid = customerExpiringIn(999, Duration.ofDays(30));
        clock.advance(Duration.ofDays(2));

        assertThat(expire.run()).isEqualTo(501);
        assertThat(mega.expiredWithBalance(clock.now(), 1000)).isEmpty();
        assertThat(mega.find(valid).orElseThrow().credits()).isEqualTo(3);
        assertThat(mega.drifts()).isEmpty();
        assertThat(expire.run()).as("a second sweep finds nothing").isZero();
    }
}
