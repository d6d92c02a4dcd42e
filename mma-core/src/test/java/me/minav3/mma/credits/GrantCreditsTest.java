package me.minav3.mma.credits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.PassId;
import me.minav3.mma.testing.InMemoryMega;
import me.minav3.mma.testing.MutableClock;
import me.minav3.mma.testing.SequentialIds;
import org.junit.jupiter.api.Test;

class GrantCreditsTest {

    private final InMemoryMega mega = new InMemoryMega();
    private final MutableClock clock = new MutableClock();
    private final GrantCredits grants = new GrantCredits(mega, mega, mega, new ExpiryPolicy(), clock, new SequentialIds());
    private final CreditBalance balances = new CreditBalance(mega, mega, clock);
    private final PassId alice = PassId.user("alice");

    private CreditOutcome grant(long amount, CreditReason reason) {
        return grants.grant(new GrantCredits.Request(alice, Matcha.of(amount), reason, "test", null, null, null), Actor.SYSTEM);
    }

    @Test
    void aNewGrantNeverRevivesExpiredCredits() {
        grant(5, CreditReason.GRANT);
        clock.advance(Duration.ofDays(31));

        grant(50, CreditReason.PURCHASE);

        CreditBalance.Balance balance = balances.of(alice);
        assertThat(balance.credits()).isEqualTo(50);
        assertThat(balance.expiresAt()).isEqualTo(clock.now().plus(Duration.ofDays(30)));
        assertThat(mega.history(alice, 10)).extracting(CreditTransaction::reason)
                .containsExactly(CreditReason.PURCHASE, CreditReason.EXPIRED, CreditReason.GRANT);
    }

    @Test
    void readingAnExpiredBalanceZeroesItByALedgerRow() {
        grant(5, CreditReason.GRANT);
        clock.advance(Duration.ofDays(30));

        CreditBalance.Balance balance = balances.of(alice);

        assertThat(balance.credits()).isZero();
        assertThat(balance.expired()).isTrue();
        assertThat(mega.drifts()).isEmpty();
    }

    @Test
    void everyGrantIsAudited() {
        grant(5, CreditReason.GRANT);
        assertThat(mega.recent(1)).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("credits.grant");
            assertThat(entry.detail()).containsEntry("amount", 5L).containsEntry("pass_id", "pass:user:alice");
        });
    }
}
