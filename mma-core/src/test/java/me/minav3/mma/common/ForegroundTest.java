package me.minav3.mma.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The hold-off that lets requests go before the pipeline's statements, each for its first hold-off (decisions 060 and
 * 061). The hold-offs here are an hour where a test shows that something does not wait for it: a wait that ended
 * proves it ended for another reason.
 */
class ForegroundTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration ENDS_WITHIN = Duration.ofSeconds(30);

    @Test
    void backgroundWorkGoesOnAtOnceWhenNothingIsServed() throws Exception {
        Foreground foreground = new Foreground(HOUR);

        awaitEnd(start(foreground::awaitTurn));

        assertThat(foreground.heldOffCount()).isZero();
    }

    @Test
    void backgroundWorkWaitsWhileARequestIsServedAndGoesOnWhenItEnds() throws Exception {
        Foreground foreground = new Foreground(HOUR);
        Foreground.Served request = foreground.enter();

        awaitTurnUntilItEnds(foreground, request);

        assertThat(foreground.heldOffCount()).isOne();
        assertThat(foreground.serving()).isZero();
    }

    @Test
    void itWaitsUntilTheLastOfSeveralRequestsEnds() throws Exception {
        Foreground foreground = new Foreground(HOUR);
        Foreground.Served first = foreground.enter();
        Foreground.Served second = foreground.enter();

        Thread waiter = start(foreground::awaitTurn);
        awaitParked(waiter);
        first.end();
        Thread.sleep(50); // long enough for a wrongly woken waiter to have finished
        assertThat(waiter.isAlive()).isTrue();
        second.end();
        awaitEnd(waiter);
    }

    @Test
    void aRequestThatNeverEndsHoldsBackgroundWorkForTheHoldOffOnly() throws Exception {
        Foreground foreground = new Foreground(Duration.ofMillis(50));
        foreground.enter();

        awaitEnd(start(foreground::awaitTurn));

        assertThat(foreground.serving()).isOne();
    }

    @Test
    void aRequestServedLongerThanTheHoldOffNoLongerHoldsBackgroundWork() throws Exception {
        AtomicLong clock = new AtomicLong(-5); // any start: System.nanoTime() may be negative
        Foreground foreground = new Foreground(HOUR, clock::get);
        foreground.enter(); // a client sending its upload slowly, say
        clock.addAndGet(HOUR.toNanos() + 1);

        awaitEnd(start(foreground::awaitTurn));

        assertThat(foreground.heldOffCount()).as("went on without waiting").isZero();
        assertThat(foreground.serving()).isOne();
    }

    @Test
    void aNewRequestBesideAnOldOneHoldsBackgroundWorkUntilTheNewOneEnds() throws Exception {
        AtomicLong clock = new AtomicLong();
        Foreground foreground = new Foreground(HOUR, clock::get);
        foreground.enter(); // the slow upload
        clock.addAndGet(HOUR.toNanos() + 1);
        Foreground.Served create = foreground.enter();

        awaitTurnUntilItEnds(foreground, create);

        assertThat(foreground.heldOffCount()).isOne();
        assertThat(foreground.serving()).as("the slow upload").isOne();
    }

    @Test
    void requestsThatCameAndWentBesideAnOldOneHoldNothing() throws Exception {
        AtomicLong clock = new AtomicLong();
        Foreground foreground = new Foreground(HOUR, clock::get);
        foreground.enter(); // the slow upload
        clock.addAndGet(HOUR.toNanos() + 1);
        for (int poll = 0; poll < 3; poll++) {
            foreground.enter().end(); // the studio polling beside it, a moment ago
        }

        awaitEnd(start(foreground::awaitTurn));

        assertThat(foreground.heldOffCount()).as("went on without waiting").isZero();
    }

    @Test
    void offNeverWaits() throws Exception {
        Foreground foreground = Foreground.off();
        foreground.enter();

        awaitEnd(start(foreground::awaitTurn));

        assertThat(foreground.heldOffCount()).isZero();
    }

    @Test
    void anInterruptEndsTheWaitAndStaysSet() throws Exception {
        Foreground foreground = new Foreground(HOUR);
        foreground.enter();
        AtomicBoolean interrupted = new AtomicBoolean();

        Thread waiter = start(() -> {
            foreground.awaitTurn();
            interrupted.set(Thread.currentThread().isInterrupted());
        });
        awaitParked(waiter);
        waiter.interrupt();
        awaitEnd(waiter);

        assertThat(interrupted).isTrue();
    }

    @Test
    void aSecondEndOfOneRequestIsRefusedAndCountsNothing() {
        Foreground foreground = new Foreground(HOUR);
        Foreground.Served request = foreground.enter();
        foreground.enter();
        request.end();

        assertThatThrownBy(request::end).isInstanceOf(IllegalStateException.class);
        assertThat(foreground.serving()).isOne();
    }

    @Test
    void noWaiterSleepsThroughTheLastEndWhenBothRace() throws Exception {
        Foreground foreground = new Foreground(HOUR);
        for (int round = 0; round < 2_000; round++) {
            Foreground.Served request = foreground.enter();
            Thread waiter = Thread.ofPlatform().start(foreground::awaitTurn);
            Thread exiter = Thread.ofPlatform().start(request::end);
            exiter.join();
            awaitEnd(waiter);
        }
        assertThat(foreground.serving()).isZero();
    }

    @Test
    void requestsEndingAsTheyAgeCountEachOnceAndLeaveNothingYoung() throws Exception {
        Foreground foreground = new Foreground(Duration.ofNanos(20_000)); // ends and agings race all the time
        AtomicBoolean serving = new AtomicBoolean(true);
        List<Thread> requests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            requests.add(start(() -> {
                for (int n = 0; n < 20_000; n++) {
                    Foreground.Served request = foreground.enter();
                    Thread.onSpinWait();
                    request.end();
                }
            }));
        }
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            waiters.add(start(() -> {
                while (serving.get()) {
                    foreground.awaitTurn();
                }
            }));
        }
        for (Thread request : requests) {
            awaitEnd(request);
        }
        serving.set(false);
        for (Thread waiter : waiters) {
            awaitEnd(waiter);
        }

        assertThat(foreground.serving()).isZero();
        assertThat(foreground.young()).as("aged or ended, never both").isZero();
    }

    @Test
    void aNegativeHoldOffIsRefused() {
        assertThatThrownBy(() -> new Foreground(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manyWaitersAllGoOnAtTheLastEnd() throws Exception {
        Foreground foreground = new Foreground(HOUR);
        Foreground.Served request = foreground.enter();
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            waiters.add(Thread.ofVirtual().start(foreground::awaitTurn));
        }
        for (Thread waiter : waiters) {
            awaitParked(waiter);
        }
        request.end();
        for (Thread waiter : waiters) {
            awaitEnd(waiter);
        }
        assertThat(foreground.heldOffCount()).isEqualTo(200);
    }

    private static Thread start(Runnable task) {
        return Thread.ofPlatform().start(task);
    }

    /** A waiter for background work's turn parks while {@code request} is served, and goes on once it has ended. */
    private static void awaitTurnUntilItEnds(Foreground foreground, Foreground.Served request)
            throws InterruptedException {
        Thread waiter = start(foreground::awaitTurn);
        awaitParked(waiter);
        request.end();
        awaitEnd(waiter);
    }

    /** Waits until {@code thread} is parked (waiting for its turn), failing if it ended instead. */
    private static void awaitParked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + ENDS_WITHIN.toNanos();
        while (thread.getState() != Thread.State.TIMED_WAITING) {
            assertThat(thread.isAlive()).as("still waiting for its turn").isTrue();
            assertThat(System.nanoTime()).as("parked in time").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    /**
     * Waits for {@code thread} to end. Judged by what {@code join} returns: on JDK 25 a platform thread is already
     * {@code TERMINATED} (and {@code join} returns) a moment before {@code isAlive()} turns false.
     */
    private static void awaitEnd(Thread thread) throws InterruptedException {
        assertThat(thread.join(ENDS_WITHIN)).as("the wait ended").isTrue();
    }
}
