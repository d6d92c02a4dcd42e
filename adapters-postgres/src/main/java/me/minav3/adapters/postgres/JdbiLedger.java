package me.minav3.adapters.postgres;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import me.minav3.mma.domain.BalanceDrift;
import me.minav3.mma.domain.CreateOutcome;
import me.minav3.mma.domain.Generation;
import me.minav3.mma.domain.GenerationDocument;
import me.minav3.mma.domain.GenerationId;
import me.minav3.mma.domain.MmaEvent;
import me.minav3.mma.domain.MmaStatus;
import me.minav3.mma.domain.NewGeneration;
import me.minav3.mma.domain.StepRecord;
import me.minav3.mma.domain.StepUpdate;
import me.minav3.mma.domain.TasteSignal;
import me.minav3.mma.domain.CreditEntry;
import me.minav3.mma.domain.CreditOutcome;
import me.minav3.mma.domain.CreditTransaction;
import me.minav3.mma.domain.PassId;
import me.minav3.mma.port.Ledger;

/** MEGA_GENERATIONS through Jdbi; each port method is one transaction. */
final class JdbiLedger implements Ledger {

    private final JdbiCredits credits;
    private final JdbiGenerations generations;
    private final JdbiEvents events;
    private final JdbiSessions sessions;

    JdbiLedger(JdbiCredits credits, JdbiGenerations generations, JdbiEvents events, JdbiSessions sessions) {
        this.credits = credits;
        this.generations = generations;
        this.events = events;
        this.sessions = sessions;
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

    @Override
    public CreateOutcome createGeneration(NewGeneration generation) {
        return generations.create(generation);
    }

    @Override
    public Optional<Generation> findGeneration(GenerationId id) {
        return generations.find(id);
    }

    @Override
    public Optional<Generation> claimNext(String workerId, Instant now, Duration lease) {
        return generations.claim(workerId, now, lease);
    }

    @Override
    public List<Generation> claimUpTo(String workerId, Instant now, Duration lease, int max) {
        return generations.claimUpTo(workerId, now, lease, max);
    }

    @Override
    public Optional<Generation> claim(GenerationId id, String workerId, Instant now, Duration lease) {
        return generations.claimOne(id, workerId, now, lease);
    }

    @Override
    public boolean renewLease(GenerationId id, String workerId, Instant until) {
        return generations.renew(id, workerId, until);
    }

    @Override
    public void releaseLease(GenerationId id, String workerId) {
        generations.release(id, workerId);
    }

    @Override
    public boolean progress(GenerationId id, String workerId, MmaStatus status, GenerationDocument document, Instant at) {
        return generations.progress(id, workerId, status, document, at);
    }

    @Override
    public boolean recordStep(StepRecord step, String workerId, StepUpdate update, Instant at) {
        return generations.recordStep(step, workerId, update, at);
    }

    @Override
    public Optional<CreditOutcome> fail(GenerationId id, String workerId, StepRecord failedStep, String error,
                                        GenerationDocument document, CreditEntry refund, Instant at) {
        return generations.fail(id, workerId, failedStep, error, document, refund, at);
    }

    @Override
    public List<Generation> findGenerations(me.minav3.mma.domain.GenerationQuery query) {
        return generations.find(query);
    }

    @Override
    public void openSession(me.minav3.mma.domain.SessionInfo session) {
        sessions.open(session);
    }

    @Override
    public Optional<me.minav3.mma.domain.SessionInfo> latestSession(PassId passId) {
        return sessions.latest(passId);
    }

    @Override
    public List<StepRecord> steps(GenerationId id) {
        return generations.steps(id);
    }

    @Override
    public void recordEvent(MmaEvent event) {
        events.record(event);
    }

    @Override
    public List<MmaEvent> events(GenerationId id) {
        return events.of(id);
    }

    @Override
    public List<TasteSignal> tasteSignals(PassId passId, int limit) {
        return events.tasteSignals(passId, limit);
    }
}
