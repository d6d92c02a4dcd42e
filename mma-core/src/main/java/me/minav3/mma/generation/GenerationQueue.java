package me.minav3.mma.generation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditOutcome;
import org.jspecify.annotations.Nullable;

/**
 * Generation rows as jobs: the row is the job. Creating one charges it; workers claim it with a lease, record its
 * steps and finish or fail it. Every method is one atomic operation: the core never holds a database transaction.
 */
public interface GenerationQueue {

    /**
     * Creates the queued generation row and charges its cost ({@code credit_transaction:gen:<id>}) in one
     * transaction. Not enough or expired matcha writes nothing. An id that exists already is reported as
     * {@link CreateOutcome.AlreadyExists} and charges nothing, so a retried request is safe.
     */
    CreateOutcome create(NewGeneration generation);

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
        List<Generation> claimed = new ArrayList<>();
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
    Optional<CreditOutcome> fail(
            GenerationId id,
            @Nullable String workerId,
            @Nullable StepRecord failedStep,
            String error,
            GenerationDocument document,
            @Nullable CreditEntry refund,
            Instant at);
}
