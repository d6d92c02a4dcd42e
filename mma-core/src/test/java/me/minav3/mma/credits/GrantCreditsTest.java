package me.minav3.mma.credits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    private final GrantCredits grants =
            new GrantCredits(mega, mega, mega, new ExpiryPolicy(), clock, new SequentialIds());
    private final CreditBalance balances = new CreditBalance(mega, mega, clock);
    private final PassId alice = PassId.user("alice");

    private CreditOutcome grant(long amount, CreditReason reason) {
        return grants.grant(
                new GrantCredits.Request(alice, Matcha.of(amount), reason, "test", null, null, null), Actor.SYSTEM);
    }

    @Test
    void aNewGrantNeverRevivesExpiredCredits() {
        grant(5, CreditReason.GRANT);
        clock.advance(Duration.ofDays(31));

        grant(50, CreditReason.PURCHASE);

        CreditBalance.Balance balance = balances.of(alice);
        assertThat(balance.credits()).isEqualTo(50);
        assertThat(balance.expiresAt()).isEqualTo(clock.now().plus(Duration.ofDays(30)));
        assertThat(mega.history(alice, 10))
                .extracting(CreditTransaction::reason)
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

    @Test
    void aGrantWithARequestKeyIsAppliedOnceAndAuditedEachTime() {
        var request = new GrantCredits.Request(
                alice, Matcha.of(5), CreditReason.GRANT, "support", "sorry", "ticket-42", null);

        CreditOutcome first = grants.grant(request, Actor.SYSTEM);
        CreditOutcome retry = grants.grant(request, Actor.SYSTEM);

        assertThat(first).isEqualTo(new CreditOutcome.Applied(CreditTxId.grant("ticket-42"), 5));
        assertThat(retry).isEqualTo(new CreditOutcome.AlreadyApplied(CreditTxId.grant("ticket-42"), 5));
        assertThat(mega.history(alice, 10))
                .singleElement()
                .satisfies(row -> assertThat(row.id().value()).isEqualTo("credit_transaction:grant:ticket-42"));
        assertThat(mega.recent(10)).extracting(a -> a.status()).containsExactly(208, 200);
    }

    @Test
    void grantsWithoutARequestKeyAreEachTheirOwn() {
        grant(5, CreditReason.GRANT);
        grant(5, CreditReason.GRANT);

        assertThat(balances.of(alice).credits()).isEqualTo(10);
    }

    @Test
    void aGrantIsAtLeastOneMatchaAndOnlyAFreeGrantOrAPurchase() {
        assertThatThrownBy(
                        () -> new GrantCredits.Request(alice, Matcha.of(0), CreditReason.GRANT, "t", null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
        for (CreditReason reason :
                new CreditReason[] {CreditReason.REFUND, CreditReason.GENERATION, CreditReason.RECONCILE}) {
            assertThatThrownBy(() -> new GrantCredits.Request(alice, Matcha.of(5), reason, "t", null, null, null))
                    .as(reason.wire())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(reason.wire());
        }
        assertThat(new GrantCredits.Request(alice, Matcha.of(5), CreditReason.PURCHASE, "t", null, null, null)
                        .profile())
                .isNotNull();
        assertThat(mega.find(alice)).isEmpty();
    }
}
