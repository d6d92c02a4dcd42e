package me.minav3.mma.credits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.Conflict;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.testing.InMemoryMega;
import me.minav3.mma.testing.MutableClock;
import me.minav3.mma.testing.SequentialIds;
import org.junit.jupiter.api.Test;

class AdjustCreditsTest {

    private final InMemoryMega mega = new InMemoryMega();
    private final MutableClock clock = new MutableClock();
    private final AdjustCredits adjust = new AdjustCredits(mega, mega, mega, new ExpiryPolicy(), clock);
    private final PassId alice = PassId.user("alice");
    private final Actor boss = new Actor("pass:user:boss", "/api/admin/customers/{pass_id}/credits", "POST");

    private void holding(long credits) {
        new GrantCredits(mega, mega, mega, new ExpiryPolicy(), clock, new SequentialIds())
                .grant(
                        new GrantCredits.Request(
                                alice, Matcha.of(credits), CreditReason.PURCHASE, "test", null, "seed", null),
                        Actor.SYSTEM);
        clock.advance(Duration.ofSeconds(1));
    }

    @Test
    void aDecreaseTakesMatchaAwayByItsOwnLedgerRowWithTheReason() {
        holding(10);

        var result = adjust.adjust(new AdjustCredits.Request(alice, -4, "double charge", "adj-1"), boss);

        assertThat(result.applied()).isTrue();
        assertThat(result.balance()).isEqualTo(6);
        assertThat(result.id().value()).isEqualTo("credit_transaction:adjust:pass:user:alice:adj-1");
        assertThat(mega.history(alice, 1)).singleElement().satisfies(row -> {
            assertThat(row.delta()).isEqualTo(-4);
            assertThat(row.reason()).isEqualTo(CreditReason.ADJUSTMENT);
            assertThat(row.note()).isEqualTo("double charge");
        });
        assertThat(mega.drifts()).isEmpty();
    }

    @Test
    void theSameAdjustmentIdAppliesOnce() {
        holding(10);
        var request = new AdjustCredits.Request(alice, -4, "double click", "adj-2");

        adjust.adjust(request, boss);
        var again = adjust.adjust(request, boss);

        assertThat(again.applied()).isFalse();
        assertThat(again.balance()).isEqualTo(6);
        assertThat(mega.history(alice, 10)).hasSize(2);
    }

    @Test
    void aDecreaseBelowZeroIsAConflictAndWritesNoLedgerRow() {
        holding(3);

        assertThatThrownBy(() -> adjust.adjust(new AdjustCredits.Request(alice, -4, "too much", "adj-3"), boss))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("below zero");

        assertThat(mega.find(alice).orElseThrow().credits()).isEqualTo(3);
        assertThat(mega.history(alice, 10)).hasSize(1);
        assertThat(mega.recent(1)).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("credits.adjust");
            assertThat(entry.status()).isEqualTo(409);
        });
    }

    @Test
    void anIncreaseIsSpendableForAFullValidityFromNowAndAuditedWithTheActor() {
        holding(1);
        clock.advance(Duration.ofDays(40));

        var result = adjust.adjust(new AdjustCredits.Request(alice, 5, "goodwill", "adj-4"), boss);

        assertThat(result.balance()).as("the expired 1 was zeroed first").isEqualTo(5);
        assertThat(mega.find(alice).orElseThrow().expiresAt())
                .isEqualTo(clock.now().plus(Duration.ofDays(30)));
        assertThat(mega.recent(1)).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("pass:user:boss");
            assertThat(entry.action()).isEqualTo("credits.adjust");
            assertThat(entry.detail()).containsEntry("reason", "goodwill").containsEntry("delta", 5L);
        });
    }

    @Test
    void anUnknownCustomerIsNotFoundAndNothingIsCreated() {
        assertThatThrownBy(() -> adjust.adjust(new AdjustCredits.Request(alice, 5, "why", "adj-5"), boss))
                .isInstanceOf(NotFound.class);
        assertThat(mega.find(alice)).isEmpty();
    }

    @Test
    void aReasonAnAdjustmentIdAndANonZeroDeltaAreRequired() {
        assertThatThrownBy(() -> new AdjustCredits.Request(alice, 5, "  ", "k")).hasMessageContaining("reason");
        assertThatThrownBy(() -> new AdjustCredits.Request(alice, 0, "why", "k"))
                .hasMessageContaining("non-zero");
        assertThatThrownBy(() -> new AdjustCredits.Request(alice, 5, "why", "no spaces"))
                .hasMessageContaining("adjustment id");
    }
}
