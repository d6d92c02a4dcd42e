package me.minav3.adapters.postgres;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import me.minav3.mma.domain.BalanceDrift;
import me.minav3.mma.domain.CreditEntry;
import me.minav3.mma.domain.CreditOutcome;
import me.minav3.mma.domain.CreditTransaction;
import me.minav3.mma.domain.PassId;
import me.minav3.mma.port.Ledger;

/** MEGA_GENERATIONS through Jdbi; each port method is one transaction. */
final class JdbiLedger implements Ledger {

    private final JdbiCredits credits;

    JdbiLedger(JdbiCredits credits) {
        this.credits = credits;
    }

    @Override
    public CreditOutcome post(CreditEntry entry) {
        return credits.post(entry);
    }

    @Override
    public Optional<CreditOutcome> expireIfDue(PassId passId, Instant now) {
        return credits.expireIfDue(passId, now);
    }

    @Override
    public List<PassId> expiredWithBalance(Instant now, int limit) {
        return credits.expiredWithBalance(now, limit);
    }

    @Override
    public List<CreditTransaction> creditHistory(PassId passId, int limit) {
        return credits.history(passId, limit);
    }

    @Override
    public List<BalanceDrift> drifts() {
        return credits.drifts();
    }

    @Override
    public CreditOutcome correct(BalanceDrift drift, String source, Instant at) {
        return credits.correct(drift, source, at);
    }
}
