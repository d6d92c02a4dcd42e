package me.minav3.mma.port;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import me.minav3.mma.domain.BalanceDrift;
import me.minav3.mma.domain.CreateOutcome;
import me.minav3.mma.domain.CreditEntry;
import me.minav3.mma.domain.CreditOutcome;
import me.minav3.mma.domain.CreditTransaction;
import me.minav3.mma.domain.Generation;
import me.minav3.mma.domain.GenerationDocument;
import me.minav3.mma.domain.GenerationId;
import me.minav3.mma.domain.MmaEvent;
import me.minav3.mma.domain.MmaStatus;
import me.minav3.mma.domain.NewGeneration;
import me.minav3.mma.domain.PassId;
import me.minav3.mma.domain.StepRecord;
import me.minav3.mma.domain.StepUpdate;
import me.minav3.mma.domain.TasteSignal;
import me.minav3.mma.error.NotFound;

/**
 * MEGA_GENERATIONS, the append-only ledger. Every method is one atomic operation: the core never holds a
 * database transaction.
 */
public interface Ledger {

    /**
     * Posts one credit movement: the {@code credit_transaction} row and the balance change commit together. An
     * id seen before changes nothing and returns {@link CreditOutcome.AlreadyApplied}, also when both arrive at
     * once. A debit is one conditional update: it never takes the balance below zero and never spends expired
     * credits. A grant creates the customer if needed and moves the expiry to {@code newExpiry} if that is later.
     */
    CreditOutcome post(CreditEntry entry);

    /**
     * If the customer's credits are past their expiry and not zero, writes an {@code expired} row that takes the
     * balance to zero (id {@link me.minav3.mma.domain.CreditTxId#expiry}); otherwise does nothing and returns empty.
     */
    Optional<CreditOutcome> expireIfDue(PassId passId, Instant now);

    /** Customers holding credits past their expiry, for the periodic expiry job. */
    List<PassId> expiredWithBalance(Instant now, int limit);

    /** The customer's credit rows, newest first. */
    List<CreditTransaction> creditHistory(PassId passId, int limit);

    /** Every customer whose balance differs from its ledger sum (including ledger rows with no customer). */
    List<BalanceDrift> drifts();

    /**
     * Writes a correcting ledger row (delta = balance − ledger sum) without touching the balance, so the ledger
     * sum equals the balance again. History is never edited. Idempotent for the same drift.
     */
    CreditOutcome correct(BalanceDrift drift, String source, Instant at);

    // ---- generations: the row is the job ------------------------------------------------------------------

    /**
     * Creates the queued generation row and charges its cost ({@code credit_transaction:gen:<id>}) in one
     * transaction. Not enough or expired matcha writes nothing. An id that exists already is reported as
     * {@link CreateOutcome.AlreadyExists} and charges nothing, so a retried request is safe.
     */
    CreateOutcome createGeneration(NewGeneration generation);

    Optional<Generation> findGeneration(GenerationId id);

    /**
     * The generation, if it belongs to {@code passId}. Someone else's generation gets the same {@link NotFound} as an
     * id that does not exist, so an answer never tells that an id is in use.
     */
    default Generation findOwnedGeneration(GenerationId id, PassId passId) {
        return findGeneration(id).filter(g -> g.passId().equals(passId))
                .orElseThrow(() -> new NotFound("no generation " + id.mgId()));
    }

    /**
     * Claims the oldest unfinished generation whose lease is free or expired ({@code FOR UPDATE SKIP LOCKED}):
     * sets the lease to {@code workerId} until {@code now + lease} and counts the attempt. Never hands one job to
     * two workers at once.
     */
    Optional<Generation> claimNext(String workerId, Instant now, Duration lease);

    /**
     * Claims up to {@code max} of the oldest claimable generations, each as {@link #claimNext} would, oldest first:
     * a busy worker pool fills its free slots in one round trip instead of one per job.
     */
    default List<Generation> claimUpTo(String workerId, Instant now, Duration lease, int max) {
        List<Generation> claimed = new java.util.ArrayList<>();
        Optional<Generation> next;
        while (claimed.size() < max && (next = claimNext(workerId, now, lease)).isPresent()) {
            claimed.add(next.get());
        }
        return claimed;
    }

    /**
     * Claims one specific unfinished generation if its lease is free or expired (a CLI running its own job
     * instead of taking other people's from the queue).
     */
    Optional<Generation> claim(GenerationId id, String workerId, Instant now, Duration lease);

    /** Extends the lease while a long step runs; false when the lease was lost (another worker owns the job). */
    boolean renewLease(GenerationId id, String workerId, Instant until);

    /** Gives an unfinished job back (graceful shutdown) so another worker claims it at once. */
    void releaseLease(GenerationId id, String workerId);

    /** Moves an unfinished generation to {@code status} with its new document; false when the lease was lost. */
    boolean progress(GenerationId id, String workerId, MmaStatus status, GenerationDocument document, Instant at);

    /**
     * Records a finished step and the generation's new status and document (and, at the end, its artifact) in one
     * transaction. A step number recorded before is not written again. False when the lease was lost.
     */
    boolean recordStep(StepRecord step, String workerId, StepUpdate update, Instant at);

    /**
     * Ends an unfinished generation in {@code error}: records the failing step (if any), the readable error, and
     * the refund, all in one transaction. Returns the refund's outcome, or empty when the generation was already
     * finished or the lease belongs to another worker (nothing written). {@code workerId} null skips the lease check.
     */
    Optional<CreditOutcome> fail(GenerationId id, String workerId, StepRecord failedStep, String error,
                                 GenerationDocument document, CreditEntry refund, Instant at);

    /**
     * Generations matching the query, newest first ({@code mg_created_at}, then id), at most {@code limit}; pass the
     * last item as {@link GenerationQuery.Cursor} to get the next page. Flat cost at any depth (keyset).
     */
    List<Generation> findGenerations(me.minav3.mma.domain.GenerationQuery query);

    /** The generation's steps in order. */
    List<StepRecord> steps(GenerationId id);

    // ---- sessions -----------------------------------------------------------------------------------------

    /** Writes a {@code session:<id>} row (a new studio session began). */
    void openSession(me.minav3.mma.domain.SessionInfo session);

    /** The customer's most recent session. */
    Optional<me.minav3.mma.domain.SessionInfo> latestSession(PassId passId);

    // ---- events -------------------------------------------------------------------------------------------

    /** Writes an {@code mma_event} row; an id written before is ignored. */
    void recordEvent(MmaEvent event);

    /** The events about one generation, oldest first. */
    List<MmaEvent> events(GenerationId id);

    /** The customer's latest like/dislike/download events with the generation each is about, newest first. */
    List<TasteSignal> tasteSignals(PassId passId, int limit);
}
