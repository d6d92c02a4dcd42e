package me.minav3.mma.credits;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import me.minav3.mma.common.Clock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the expiry sweep ({@link ExpireCredits}) at start and then every interval ({@code
 * mma.credits.expire_every_seconds}, read again each time) on one virtual thread. Expired matcha can never be
 * spent even between sweeps (the debit checks the expiry, reads expire lazily); the sweep writes the
 * {@code expired} rows so balances and the ledger show it. Several processes may sweep at once: each expiry is
 * written once.
 */
public final class ExpiryJob implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExpiryJob.class);
    /** How often the thread looks at the clock; a tick does nothing until the interval has passed. */
    private static final Duration LOOK = Duration.ofSeconds(1);

    private final IntSupplier sweep;
    private final Supplier<Duration> interval;
    private final Clock clock;
    private final Duration look;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopped = lock.newCondition();
    private @Nullable Instant nextRun;
    private boolean stopping;
    private @Nullable Thread thread;

    /** @param sweep zeroes expired balances and returns how many ({@code expireCredits::run}) */
    public ExpiryJob(IntSupplier sweep, Supplier<Duration> interval, Clock clock) {
        this(sweep, interval, clock, LOOK);
    }

    /** @param look how often the thread looks at the clock (tests make it long, to see that close wakes it) */
    ExpiryJob(IntSupplier sweep, Supplier<Duration> interval, Clock clock, Duration look) {
        this.sweep = sweep;
        this.interval = interval;
        this.clock = clock;
        this.look = look;
    }

    /** Sweeps if it is due at {@code clock.now()}; returns how many balances were zeroed, or empty when not due. */
    public OptionalInt tick() {
        Instant now = clock.now();
        lock.lock();
        try {
            if (nextRun != null && now.isBefore(nextRun)) {
                return OptionalInt.empty();
            }
            nextRun = now.plus(positive(interval.get()));
        } finally {
            lock.unlock();
        }
        int expired = sweep.getAsInt();
        if (expired > 0) {
            log.info("credits_expired balances={}", expired);
        }
        return OptionalInt.of(expired);
    }

    /** Starts the background thread (idempotent). */
    public void start() {
        lock.lock();
        try {
            if (thread == null && !stopping) {
                thread = Thread.ofVirtual().name("credits-expiry").start(this::loop);
            }
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (true) {
            try {
                tick();
            } catch (RuntimeException e) {
                // The database may be away for a moment; the next tick tries again.
                log.warn("credits_expiry_failed error=\"{}\"", e.toString());
            }
            lock.lock();
            try {
                if (!stopping) {
                    stopped.await(look.toMillis(), TimeUnit.MILLISECONDS);
                }
                if (stopping) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Stops the thread; a sweep under way finishes first. */
    @Override
    public void close() {
        Thread running;
        lock.lock();
        try {
            stopping = true;
            stopped.signalAll();
            running = thread;
        } finally {
            lock.unlock();
        }
        if (running != null) {
            try {
                running.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Duration positive(Duration interval) {
        return interval == null || interval.isNegative() || interval.isZero() ? Duration.ofMinutes(15) : interval;
    }
}
