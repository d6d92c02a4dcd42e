package me.minav3.mma.common;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Work a person is waiting on in this process right now (an HTTP request being served), and the way background work
 * (the pipeline's next database statement) lets it go first (decisions 060 and 061). Background work that asks for its
 * turn while something is being served waits until nothing is, or for at most the hold-off, whichever comes first: it
 * never waits longer, so a steady stream of requests slows the pipeline by at most the hold-off per statement and
 * never stops it. A hold-off of zero turns the waiting off (the CLI, which serves no requests).
 *
 * <p>A request goes first for its first hold-off only. One that is still served after that (a client sending its
 * upload slowly, a call waiting on the network) waits on something other than this process's CPU, and holding every
 * statement back for it would only slow the pipeline: background work waits only while the newest request being served
 * began less than a hold-off ago. When that newest request has already ended and an older one is still served, a
 * statement may wait for the rest of the newest one's hold-off: never longer than the hold-off, as before.
 *
 * <p>Thread-safe; {@link #enter()} and {@link #exit()} are a counter's increment and decrement (and {@code enter()}
 * one clock read), and the background side reads one volatile value when nothing is being served.
 */
public final class Foreground {

    private final long holdOffNanos;
    private final LongSupplier nanoClock;
    private final AtomicInteger serving = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition quiet = lock.newCondition();
    private final LongAdder heldOffNanos = new LongAdder();
    private final LongAdder heldOff = new LongAdder();
    /** When the newest request began ({@link #nanoClock}); written before {@link #serving} counts it. */
    private volatile long newestEntry;

    /** @param holdOff the longest background work waits for its turn; zero: it never waits */
    public Foreground(Duration holdOff) {
        this(holdOff, System::nanoTime);
    }

    /** A foreground on the given clock (nanoseconds, as {@link System#nanoTime()}), for tests. */
    Foreground(Duration holdOff, LongSupplier nanoClock) {
        if (holdOff.isNegative()) {
            throw new IllegalArgumentException("the hold-off must not be negative: " + holdOff);
        }
        this.holdOffNanos = holdOff.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Background work never waits (a process that serves nobody). */
    public static Foreground off() {
        return new Foreground(Duration.ZERO);
    }

    /** The longest background work waits for its turn (zero: it does not wait). */
    public Duration holdOff() {
        return Duration.ofNanos(holdOffNanos);
    }

    /** Something a person waits on begins; {@link #exit()} exactly once when it ends. */
    public void enter() {
        if (holdOffNanos > 0) {
            newestEntry = nanoClock.getAsLong();
        }
        serving.incrementAndGet();
    }

    /** What {@link #enter()} began has ended; background work waiting for its turn goes on when nothing else is. */
    public void exit() {
        int left = serving.decrementAndGet();
        if (left < 0) {
            serving.incrementAndGet();
            throw new IllegalStateException("more exits than entries");
        }
        // A waiter counts itself before it looks at what is being served, and this looks at the waiters after the
        // count went down, so one of the two sees the other: no waiter sleeps through the last exit.
        if (left == 0 && waiting.get() > 0) {
            lock.lock();
            try {
                quiet.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** How many pieces of foreground work are under way right now. */
    public int serving() {
        return serving.get();
    }

    /**
     * Background work's turn: returns at once when nothing is being served (or the hold-off is zero, or the newest
     * request began more than a hold-off ago), else when that is so or after the hold-off. An interrupt ends the wait
     * early and stays set.
     */
    public void awaitTurn() {
        if (holdOffNanos == 0 || serving.get() == 0 || heldBackFor(nanoClock.getAsLong()) <= 0) {
            return;
        }
        long started = nanoClock.getAsLong();
        waiting.incrementAndGet();
        lock.lock();
        try {
            while (true) {
                long now = nanoClock.getAsLong();
                long left = Math.min(heldBackFor(now), started + holdOffNanos - now);
                if (left <= 0) {
                    break;
                }
                quiet.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
            waiting.decrementAndGet();
            heldOff.increment();
            heldOffNanos.add(nanoClock.getAsLong() - started);
        }
    }

    /** How much longer background work is held back by what is served now, as of {@code now}; zero or less: not. */
    private long heldBackFor(long now) {
        // serving first: a request counted there has its entry time written already
        return serving.get() == 0 ? 0 : newestEntry + holdOffNanos - now;
    }

    /** How many times background work waited for its turn so far. */
    public long heldOffCount() {
        return heldOff.sum();
    }

    /** How long background work waited for its turn so far, all waits together. */
    public Duration heldOffTime() {
        return Duration.ofNanos(heldOffNanos.sum());
    }
}
