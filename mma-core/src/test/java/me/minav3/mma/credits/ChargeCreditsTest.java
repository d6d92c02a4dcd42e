package me.minav3.mma.credits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.testing.InMemoryMega;
import me.minav3.mma.testing.MutableClock;
import me.minav3.mma.testing.SequentialIds;
import org.junit.jupiter.api.Test;

/** Charge, refund and the "Type for me" price, each once by its deterministic id; and reading what is left. */
class ChargeCreditsTest {

    private final InMemoryMega mega = new InMemoryMega();
    private final MutableClock clock = new MutableClock();
    private final GrantCredits grants =
            new GrantCredits(mega, mega, mega, new ExpiryPolicy(), clock, new SequentialIds());
    private final ChargeCredits charges = new ChargeCredits(mega, clock);
    private final CreditBalance balances = new CreditBalance(mega, mega, clock);
    private final CreditsLeft left = new CreditsLeft(mega);
    private final PassId alice = PassId.user("alice");
    private final GenerationId generation = new GenerationId("g-1");

    private void grant(long amount) {
        grants.grant(
                new GrantCredits.Request(alice, Matcha.of(amount), CreditReason.GRANT, "test", null, null, null),
                Actor.SYSTEM);
    }

    private long ledgerSum() {
        return mega.history(alice, 1000).stream()
                .mapToLong(CreditTransaction::delta)
                .sum();
    }

    @Test
    void aChargeAndItsRefundEachMoveTheBalanceOnce() {
        grant(10);

        CreditOutcome charged = charges.charge(alice, generation, Matcha.of(4));
        CreditOutcome chargedAgain = charges.charge(alice, generation, Matcha.of(4));

        assertThat(charged).isEqualTo(new CreditOutcome.Applied(CreditTxId.charge(generation), 6));
        assertThat(charged.changedBalance()).isTrue();
        assertThat(chargedAgain).isInstanceOf(CreditOutcome.AlreadyApplied.class);
        assertThat(chargedAgain.changedBalance()).isFalse();
        assertThat(left.of(alice)).isEqualTo(6);

        CreditOutcome refunded = charges.refund(alice, generation, Matcha.of(4), "provider failed");
        CreditOutcome refundedAgain = charges.refund(alice, generation, Matcha.of(4), "provider failed");

        assertThat(refunded).isEqualTo(new CreditOutcome.Applied(CreditTxId.refund(generation), 10));
        assertThat(refundedAgain).isEqualTo(new CreditOutcome.AlreadyApplied(CreditTxId.refund(generation), 10));
        assertThat(left.of(alice)).isEqualTo(10).isEqualTo(ledgerSum());
        assertThat(mega.history(alice, 1)).singleElement().satisfies(row -> {
            assertThat(row.reason()).isEqualTo(CreditReason.REFUND);
            assertThat(row.note()).isEqualTo("provider failed");
        });
    }

    @Test
    void aChargeLargerThanTheBalanceIsRefusedAndNeverGoesNegative() {
        grant(3);

        CreditOutcome refused = charges.charge(alice, generation, Matcha.of(4));

        assertThat(refused).isEqualTo(new CreditOutcome.InsufficientMatcha(3, 4));
        assertThat(refused.changedBalance()).isFalse();
        assertThat(left.of(alice)).isEqualTo(3).isEqualTo(ledgerSum());
    }

    @Test
    void eachBlockOfSuggestionsIsPaidOnceAndTakesMatchaAway() {
        grant(10);

        CreditOutcome first = charges.chargeSuggestions(alice, 0, Matcha.of(2));
        CreditOutcome sameBlock = charges.chargeSuggestions(alice, 0, Matcha.of(2));
        CreditOutcome nextBlock = charges.chargeSuggestions(alice, 1, Matcha.of(2));

        assertThat(first).isEqualTo(new CreditOutcome.Applied(CreditTxId.suggestions(alice, 0), 8));
        assertThat(sameBlock).isInstanceOf(CreditOutcome.AlreadyApplied.class);
        assertThat(nextBlock).isEqualTo(new CreditOutcome.Applied(CreditTxId.suggestions(alice, 1), 6));
        assertThat(mega.history(alice, 1)).singleElement().satisfies(row -> {
            assertThat(row.reason()).isEqualTo(CreditReason.SUGGESTION);
            assertThat(row.delta()).isEqualTo(-2);
            assertThat(row.refId()).isEqualTo("1");
        });
        assertThat(left.of(alice)).isEqualTo(6).isEqualTo(ledgerSum());
    }

    @Test
    void whatIsLeftIsTheStoredBalanceAndZeroForNobody() {
        grant(5);
        clock.advance(Duration.ofDays(31));

        assertThat(left.of(alice)).as("reporting expires nothing").isEqualTo(5);
        assertThat(left.of(PassId.user("nobody"))).isZero();
    }

    @Test
    void aBalanceAndItsHistoryNeedACustomer() {
        PassId nobody = PassId.user("nobody");

        assertThatThrownBy(() -> balances.of(nobody))
                .isInstanceOf(NotFound.class)
                .hasMessageContaining("pass:user:nobody");
        assertThatThrownBy(() -> balances.history(nobody, 10))
                .isInstanceOf(NotFound.class)
                .hasMessageContaining("pass:user:nobody");
    }

    @Test
    void historyReturnsAtLeastOneRowAndTheNewestFirst() {
        grant(5);
        clock.advance(Duration.ofMinutes(1));
        charges.charge(alice, generation, Matcha.of(1));

        assertThat(balances.history(alice, 10))
                .extracting(CreditTransaction::reason)
                .containsExactly(CreditReason.GENERATION, CreditReason.GRANT);
        assertThat(balances.history(alice, 0))
                .extracting(CreditTransaction::reason)
                .containsExactly(CreditReason.GENERATION);
    }
}
