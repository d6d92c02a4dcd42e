package me.minav3.bootstrap;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.BalanceDrift;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditOutcome;
import me.minav3.mma.credits.CreditTransaction;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.credits.Credits;
import me.minav3.mma.credits.TakeBack;
import me.minav3.mma.credits.TakeBackOutcome;
import me.minav3.mma.credits.TakeBackRecord;
import org.jspecify.annotations.Nullable;

/**
 * The ledger, announcing each write on the {@link BalanceBus} after it committed (decision 034): every credit
 * movement (grant, purchase, charge, refund, adjustment, expiry, correction, take-back) goes through {@link Credits},
 * so wrapping the port once at the composition root reaches every use case without touching them.
 */
final class AnnouncingCredits implements Credits {

    private final Credits credits;
    private final BalanceBus bus;

    AnnouncingCredits(Credits credits, BalanceBus bus) {
        this.credits = credits;
        this.bus = bus;
    }

    @Override
    public CreditOutcome post(CreditEntry entry) {
        CreditOutcome outcome = credits.post(entry);
        if (outcome instanceof CreditOutcome.Applied) {
            bus.changed(entry.passId());
        }
        return outcome;
    }

    @Override
    public Optional<CreditOutcome> expireIfDue(PassId passId, Instant now) {
        Optional<CreditOutcome> outcome = credits.expireIfDue(passId, now);
        if (outcome.isPresent() && outcome.get() instanceof CreditOutcome.Applied) {
            bus.changed(passId);
        }
        return outcome;
    }

    @Override
    public List<PassId> expiredWithBalance(Instant now, int limit) {
        return credits.expiredWithBalance(now, limit);
    }

    @Override
    public List<CreditTransaction> history(PassId passId, int limit) {
        return credits.history(passId, limit);
    }

    @Override
    public List<BalanceDrift> drifts() {
        return credits.drifts();
    }

    @Override
    public long toolPool(PassId passId) {
        return credits.toolPool(passId);
    }

    @Override
    public List<me.minav3.mma.credits.PoolDrift> poolDrifts() {
        return credits.poolDrifts();
    }

    @Override
    public CreditOutcome correct(BalanceDrift drift, String source, Instant at) {
        // A correcting row leaves the balance as it is: nothing for a stream to show.
        return credits.correct(drift, source, at);
    }

    @Override
    public Optional<CreditTransaction> find(CreditTxId id) {
        return credits.find(id);
    }

    @Override
    public TakeBackOutcome takeBack(TakeBack takeBack) {
        TakeBackOutcome outcome = credits.takeBack(takeBack);
        bus.changed(takeBack.passId());
        return outcome;
    }

    @Override
    public List<TakeBackRecord> takeBacks(@Nullable PassId passId, int limit) {
        return credits.takeBacks(passId, limit);
    }
}
