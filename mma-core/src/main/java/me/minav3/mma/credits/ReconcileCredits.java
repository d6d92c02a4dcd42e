package me.minav3.mma.credits;

import java.util.ArrayList;
import java.util.List;
import me.minav3.mma.audit.AuditEntry;
import me.minav3.mma.audit.AuditLog;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.IdGenerator;
import me.minav3.mma.common.Json;

/**
 * Compares every balance with the sum of its ledger rows. With {@code fix}, each drift gets a correcting ledger
 * row (history is never edited), written and audited.
 */
public final class ReconcileCredits {

    /** What was found, and what was corrected. */
    /**
     * What was found, and what was corrected. A pool drift is reported, never corrected automatically: the pool
     * holds fractions of paid matcha, so which way to correct it is a person's call (decision 042).
     */
    public record Report(List<BalanceDrift> drifts, List<BalanceDrift> fixed, List<PoolDrift> poolDrifts) {
        public Report(List<BalanceDrift> drifts, List<BalanceDrift> fixed) {
            this(drifts, fixed, List.of());
        }

        public boolean clean() {
            return (drifts.isEmpty() || drifts.size() == fixed.size()) && poolDrifts.isEmpty();
        }
    }

    private final Credits credits;
    private final AuditLog audit;
    private final Clock clock;
    private final IdGenerator ids;

    public ReconcileCredits(Credits credits, AuditLog audit, Clock clock, IdGenerator ids) {
        this.credits = credits;
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
    }

    public Report run(boolean fix, Actor actor) {
        List<BalanceDrift> drifts = credits.drifts();
        List<BalanceDrift> fixed = new ArrayList<>();
        if (fix) {
            for (BalanceDrift drift : drifts) {
                CreditOutcome outcome = credits.correct(drift, actor.id(), clock.now());
                if (outcome instanceof CreditOutcome.Applied || outcome instanceof CreditOutcome.AlreadyApplied) {
                    fixed.add(drift);
                }
                audit.record(new AuditEntry(
                        "admin_audit:" + ids.newId(),
                        actor.id(),
                        "credits.reconcile.fix",
                        actor.route(),
                        actor.method(),
                        200,
                        Json.obj(
                                "pass_id",
                                drift.passId().value(),
                                "balance",
                                drift.balance(),
                                "ledger_sum",
                                drift.ledgerSum(),
                                "correction",
                                drift.difference(),
                                "outcome",
                                outcome.getClass().getSimpleName()),
                        clock.now()));
            }
        }
        return new Report(List.copyOf(drifts), List.copyOf(fixed), List.copyOf(credits.poolDrifts()));
    }
}
