package me.minav3.mma.common;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Work a person is waiting on in this process right now (an HTTP request being served), and the way background work
 * (the pipeline's next database statement) lets it go first (decisions 060 and 061). Background work that asks for its
 * turn while a request in its first hold-off is being served waits until none is, or for at most the hold-off,
 * whichever comes first: it never waits longer, so a steady stream of requests slows the pipeline by at most the
 * hold-off per statement and never stops it. A hold-off of zero turns the waiting off (the CLI, which serves no
 * requests).
 *
 * <p>A request goes first for its first hold-off only. One that is still served after that (a client sending its
 * upload slowly, a client reading its response slowly) waits on the network, not on this process's CPU, and holding
 * every statement back for it would only slow the pipeline, the more so as other requests come and go beside it.
 *
 * <p>Thread-safe. On the request side, {@link #enter()} and {@link Served#end()} are a few atomic updates and a
 * lock-free append; background work reads one volatile value when no young request is being served.
 */
public final class Foreground {

    private final long holdOffNanos;
    private final LongSupplier nanoClock;
    private final AtomicInteger serving = new AtomicInteger();
    /** Requests being served and in their first hold-off. */
    private final AtomicInteger young = new AtomicInteger();
    /** The young requests, oldest first, and some that ended or aged since; each removed once it has. */
    private final ConcurrentLinkedDeque<Served> recent = new ConcurrentLinkedDeque<>();

    private final ReentrantLock aging = new ReentrantLock();
    private final AtomicInteger waiting = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition quiet = lock.newCondition();
    private final LongAdder heldOffNanos = new LongAdder();
    private final LongAdder heldOff = new LongAdder();

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

    /** Something a person waits on begins; {@link Served#end()} exactly once when it ends. */
    public Served enter() {
        serving.incrementAndGet();
        if (holdOffNanos == 0) {
            return new Served(this, 0, Served.AGED);
        }
        Served served = new Served(this, nanoClock.getAsLong(), Served.YOUNG);
        young.incrementAndGet(); // before it can be aged: never below zero
        recent.addLast(served);
        // The list stays as short as the last hold-off's requests: one thread at a time tidies it, the others go on.
        if (aging.tryLock()) {
            try {
                age(served.began);
            } finally {
                aging.unlock();
            }
        }
        return served;
    }

    /** How many pieces of foreground work are under way right now, in their first hold-off or not. */
    public int serving() {
        return serving.get();
    }

    /** How many requests being served are in their first hold-off (as last looked at; tests). */
    int young() {
        return young.get();
    }

    /**
     * Background work's turn: returns at once when no request in its first hold-off is being served (or the hold-off
     * is zero), else when none is or after the hold-off. An interrupt ends the wait early and stays set.
     */
    public void awaitTurn() {
        if (holdOffNanos == 0 || young.get() == 0) {
            return;
        }
        long started = nanoClock.getAsLong();
        if (youngFor(started) <= 0) {
            return; // every young request aged since anything looked: no wait to count
        }
        waiting.incrementAndGet();
        lock.lock();
        try {
            while (true) {
                long now = nanoClock.getAsLong();
                long left = Math.min(youngFor(now), started + holdOffNanos - now);
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

    /** How long the oldest young request stays young, as of {@code now} (zero or less: no request is young). */
    private long youngFor(long now) {
        aging.lock();
        try {
            Served oldest = age(now);
            return oldest == null || young.get() == 0 ? 0 : oldest.began + holdOffNanos - now;
        } finally {
            aging.unlock();
        }
    }

    /** Under {@link #aging}: drops what ended or aged from the head of the list; returns the oldest young request. */
    private @Nullable Served age(long now) {
        for (Served oldest = recent.peekFirst(); oldest != null; oldest = recent.peekFirst()) {
            if (oldest.state.get() != Served.DONE && now - oldest.began < holdOffNanos) {
                return oldest;
            }
            if (oldest.state.compareAndSet(Served.YOUNG, Served.AGED)) {
                young.decrementAndGet();
            }
            recent.pollFirst(); // only the holder of the aging lock removes: this is still {@code oldest}
        }
        return null;
    }

    private void ended(Served served) {
        int was = served.state.getAndSet(Served.DONE);
        if (was == Served.DONE) {
            throw new IllegalStateException("this request has already ended");
        }
        serving.decrementAndGet();
        // A waiter counts itself before it looks at the young requests, and this looks at the waiters after the count
        // went down, so one of the two sees the other: no waiter sleeps through the last young request's end.
        if (was == Served.YOUNG && young.decrementAndGet() == 0 && waiting.get() > 0) {
            lock.lock();
            try {
                quiet.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** How many times background work waited for its turn so far. */
    public long heldOffCount() {
        return heldOff.sum();
    }

    /** How long background work waited for its turn so far, all waits together. */
    public Duration heldOffTime() {
        return Duration.ofNanos(heldOffNanos.sum());
    }

    /** One request being served: young in its first hold-off, then aged; {@link #end()} it once, when it ends. */
    public static final class Served {

        private static final int YOUNG = 0;
        private static final int AGED = 1;
        private static final int DONE = 2;

        private final Foreground foreground;
        private final long began;
        private final AtomicInteger state;

        private Served(Foreground foreground, long began, int state) {
            this.foreground = foreground;
            this.began = began;
            this.state = new AtomicInteger(state);
        }

        /** The request has ended; background work waiting for its turn goes on when no other young one is served. */
        public void end() {
            foreground.ended(this);
        }
    }
}
