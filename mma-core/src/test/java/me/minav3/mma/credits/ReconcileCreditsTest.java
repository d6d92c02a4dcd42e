package me.minav3.mma.credits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import me.minav3.mma.audit.AuditEntry;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.PassId;
import me.minav3.mma.generation.GenerationDocumentCodec;
import me.minav3.mma.generation.NewGeneration;
import me.minav3.mma.testing.InMemoryMega;
import me.minav3.mma.testing.MutableClock;
import me.minav3.mma.testing.SequentialIds;
import org.junit.jupiter.api.Test;

/** Invariant 1 (balance = ledger sum): a drift is reported, and with fix corrected by a ledger row and audited. */
class ReconcileCreditsTest {

    private final InMemoryMega mega = new InMemoryMega();
    private final MutableClock clock = new MutableClock();
    private final ReconcileCredits reconcile = new ReconcileCredits(mega, mega, clock, new SequentialIds());
    private final PassId alice = PassId.user("alice");
    private final Actor admin = new Actor("admin:ops", "/api/admin/credits/reconcile", "POST");

    private void grant(PassId passId, long amount) {
        mega.post(new CreditEntry(
                CreditTxId.grant(passId.localId()),
                passId,
                amount,
                CreditReason.GRANT,
                "test",
                null,
                null,
                null,
                null,
                clock.now(),
                Json.obj()));
    }

    private List<AuditEntry> fixes() {
        return mega.recent(100).stream()
                .filter(a -> a.action().equals("credits.reconcile.fix"))
                .toList();
    }

    @Test
    void aConsistentLedgerIsCleanAndNothingIsWritten() {
        grant(alice, 10);

        ReconcileCredits.Report report = reconcile.run(true, admin);

        assertThat(report.drifts()).isEmpty();
        assertThat(report.fixed()).isEmpty();
        assertThat(report.clean()).isTrue();
        assertThat(mega.history(alice, 10)).hasSize(1);
        assertThat(fixes()).isEmpty();
    }

    @Test
    void aToolPoolThatDriftsFromItsLedgerIsReportedAndNeverFixedByItself() {
        grant(alice, 2);
        GenerationId run = new GenerationId("0190a1b2-0000-7000-8000-0000000000aa");
        mega.create(new NewGeneration(
                run,
                alice,
                null,
                null,
                MmaMode.STILL,
                GenerationDocumentCodec.decode(Json.obj()),
                Json.obj(),
                Matcha.ZERO,
                clock.now(),
                null,
                NewGeneration.POOL_UNITS_PER_MATCHA / 2));
        assertThat(reconcile.run(false, admin).clean())
                .as("a drawn pool matches its ledger")
                .isTrue();

        mega.corruptToolPool(alice, NewGeneration.POOL_UNITS_PER_MATCHA);
        ReconcileCredits.Report report = reconcile.run(true, admin);

        assertThat(report.poolDrifts()).containsExactly(new PoolDrift(alice, 2520, 1260));
        assertThat(report.clean()).isFalse();
        assertThat(mega.toolPool(alice)).isEqualTo(2520);
        assertThat(mega.history(alice, 10)).hasSize(2);
    }

    @Test
    void withoutFixADriftIsOnlyReported() {
        grant(alice, 10);
        mega.corruptBalance(alice, 13);

        ReconcileCredits.Report report = reconcile.run(false, admin);

        assertThat(report.drifts())
                .singleElement()
                .satisfies(d -> assertThat(d.difference()).isEqualTo(3));
        assertThat(report.fixed()).isEmpty();
        assertThat(report.clean()).isFalse();
        assertThat(mega.drifts()).hasSize(1);
        assertThat(fixes()).isEmpty();
    }

    @Test
    void withFixEachDriftGetsACorrectingRowAndAnAuditEntry() {
        grant(alice, 10);
        mega.corruptBalance(alice, 13);

        ReconcileCredits.Report report = reconcile.run(true, admin);

        assertThat(report.fixed()).isEqualTo(report.drifts()).hasSize(1);
        assertThat(report.clean()).isTrue();
        assertThat(mega.drifts()).isEmpty();
        assertThat(mega.find(alice).orElseThrow().credits())
                .as("the balance is never edited")
                .isEqualTo(13);
        assertThat(mega.history(alice, 1)).singleElement().satisfies(row -> {
            assertThat(row.reason()).isEqualTo(CreditReason.RECONCILE);
            assertThat(row.delta()).isEqualTo(3);
            assertThat(row.source()).isEqualTo("admin:ops");
        });
        assertThat(fixes()).singleElement().satisfies(a -> {
            assertThat(a.actor()).isEqualTo("admin:ops");
            assertThat(a.route()).isEqualTo("/api/admin/credits/reconcile");
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.detail())
                    .containsEntry("pass_id", alice.value())
                    .containsEntry("balance", 13L)
                    .containsEntry("ledger_sum", 10L)
                    .containsEntry("correction", 3L)
                    .containsEntry("outcome", "Applied");
        });
        assertThat(reconcile.run(true, admin).drifts())
                .as("a second run finds nothing")
                .isEmpty();
    }

    @Test
    void aDriftAnotherRunCorrectedMeanwhileCountsAsFixed() {
        grant(alice, 10);
        mega.corruptBalance(alice, 13);
        List<BalanceDrift> seenBefore = mega.drifts();
        mega.correct(seenBefore.get(0), "other run", clock.now());
        Credits racing = new DelegatingCredits(mega) {
            @Override
            public List<BalanceDrift> drifts() {
                return seenBefore;
            }
        };

        ReconcileCredits.Report report =
                new ReconcileCredits(racing, mega, clock, new SequentialIds()).run(true, admin);

        assertThat(report.fixed()).hasSize(1);
        assertThat(report.clean()).isTrue();
        assertThat(mega.history(alice, 10))
                .filteredOn(r -> r.reason() == CreditReason.RECONCILE)
                .hasSize(1);
        assertThat(fixes())
                .singleElement()
                .satisfies(a -> assertThat(a.detail()).containsEntry("outcome", "AlreadyApplied"));
    }

    @Test
    void aDriftTheLedgerRefusesToCorrectIsNotCountedFixed() {
        grant(alice, 10);
        mega.corruptBalance(alice, 13);
        Credits refusing = new DelegatingCredits(mega) {
            @Override
            public CreditOutcome correct(BalanceDrift drift, String source, Instant at) {
                return new CreditOutcome.InsufficientMatcha(drift.balance(), 0);
            }
        };

        ReconcileCredits.Report report =
                new ReconcileCredits(refusing, mega, clock, new SequentialIds()).run(true, admin);

        assertThat(report.drifts()).hasSize(1);
        assertThat(report.fixed()).isEmpty();
        assertThat(report.clean()).isFalse();
        assertThat(fixes())
                .singleElement()
                .satisfies(a -> assertThat(a.detail()).containsEntry("outcome", "InsufficientMatcha"));
    }

    /** The ledger as it is, with one answer replaced by each test. */
    private static class DelegatingCredits implements Credits {
        private final Credits ledger;

        DelegatingCredits(Credits ledger) {
            this.ledger = ledger;
        }

        @Override
        public CreditOutcome post(CreditEntry entry) {
            return ledger.post(entry);
        }

        @Override
        public Optional<CreditOutcome> expireIfDue(PassId passId, Instant now) {
            return ledger.expireIfDue(passId, now);
        }

        @Override
        public List<PassId> expiredWithBalance(Instant now, int limit) {
            return ledger.expiredWithBalance(now, limit);
        }

        @Override
        public List<CreditTransaction> history(PassId passId, int limit) {
            return ledger.history(passId, limit);
        }

        @Override
        public List<BalanceDrift> drifts() {
            return ledger.drifts();
        }

        @Override
        public long toolPool(PassId passId) {
            return ledger.toolPool(passId);
        }

        @Override
        public List<PoolDrift> poolDrifts() {
            return ledger.poolDrifts();
        }

        @Override
        public CreditOutcome correct(BalanceDrift drift, String source, Instant at) {
            return ledger.correct(drift, source, at);
        }

        @Override
        public java.util.Optional<CreditTransaction> find(CreditTxId id) {
            return ledger.find(id);
        }

        @Override
        public TakeBackOutcome takeBack(TakeBack takeBack) {
            return ledger.takeBack(takeBack);
        }

        @Override
        public List<TakeBackRecord> takeBacks(PassId passId, int limit) {
            return ledger.takeBacks(passId, limit);
        }
    }
}
