package me.minav3.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import me.minav3.mma.common.Foreground;
import me.minav3.mma.generation.Generation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's statements let the requests being served go first (decision 060): a worker about to take a
 * connection waits while a request is served, at most the hold-off, and only in a request's first hold-off (decision
 * 061); requests never wait for the pipeline this way. An hour's hold-off shows a wait that ended for another reason
 * than the hold-off.
 */
class RequestsFirstTest {

    private static final Duration HOUR = Duration.ofHours(1);

    private MegaDatabase db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aWorkersStatementWaitsWhileARequestIsServedAndRunsWhenItEnds() throws Exception {
        db = open(HOUR);
        Foreground foreground = db.foreground();
        Foreground.Served request = foreground.enter();

        AtomicReference<List<Generation>> claimed = new AtomicReference<>();
        Thread worker = Thread.ofPlatform().start(() -> claimed.set(claimNext()));
        awaitWaiting(worker);
        assertThat(db.workerUsage().active())
                .as("the worker took no connection yet")
                .isZero();

        // The request side is not held back: a request's read goes through at once.
        assertThat(db.queueDepth()).isZero();

        request.end();
        // join's answer, not isAlive(): a platform thread is TERMINATED a moment before isAlive() turns false
        assertThat(worker.join(Duration.ofSeconds(30))).as("the worker ended").isTrue();
        assertThat(claimed.get()).isEmpty();
        assertThat(foreground.heldOffCount()).isOne();
    }

    @Test
    void aRequestThatNeverEndsHoldsTheWorkersForItsFirstHoldOffOnly() throws Exception {
        db = open(Duration.ofMillis(20));
        db.foreground().enter();

        assertThat(claimNext()).isEmpty(); // within the request's first 20 ms it waits, but not for ever
        Thread.sleep(40);
        long waitsSoFar = db.foreground().heldOffCount();
        assertThat(claimNext()).isEmpty();
        assertThat(claimNext()).isEmpty();

        assertThat(db.foreground().heldOffCount())
                .as("claims after the request's first hold-off do not wait for it (decision 061)")
                .isEqualTo(waitsSoFar);
        assertThat(db.foreground().serving()).isOne();
    }

    @Test
    void withoutAHoldOffWorkersNeverWait() {
        db = MegaDatabase.open(TestDatabase.freshUrl(), new ConnectionBudget(4, 1));
        db.foreground().enter();

        assertThat(claimNext()).isEmpty();

        assertThat(db.foreground().heldOffCount()).isZero();
        assertThat(db.foreground().holdOff()).isZero();
    }

    @Test
    void aNegativeHoldOffIsRefusedBeforeAnythingIsOpened() {
        assertThatThrownBy(() -> new MegaDatabase.Settings(
                        null, Path.of("x"), 4, "t", null, null, Duration.ZERO, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hold-off must not be negative");
    }

    private MegaDatabase open(Duration holdOff) {
        return MegaDatabase.open(
                TestDatabase.freshUrl(), new ConnectionBudget(4, 1), MegaDatabase.DEFAULT_REQUEST_QUEUE, holdOff);
    }

    /** What a pipeline worker does first: claim queued jobs, through the workers' stores. */
    private List<Generation> claimNext() {
        return db.workerStores().generationQueue().claimUpTo("worker-1", Instant.now(), Duration.ofMinutes(2), 4);
    }

    private static void awaitWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (thread.getState() != Thread.State.TIMED_WAITING) {
            assertThat(thread.isAlive()).as("still waiting for its turn").isTrue();
            assertThat(System.nanoTime()).as("waiting in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
