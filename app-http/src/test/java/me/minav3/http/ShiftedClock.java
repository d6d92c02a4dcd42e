package me.minav3.http;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;
import me.minav3.mma.common.Clock;

/**
 * The system clock plus an offset a test moves forward: a real server keeps running in real time (browsers, token
 * lifetimes, timeouts), and a test that must wait out a long allowance on the server's side moves this instead of
 * sleeping.
 */
final class ShiftedClock implements Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public Instant now() {
        return Instant.now().plus(offset.get()).truncatedTo(ChronoUnit.MICROS);
    }

    /** From now on the clock reads {@code by} later than it would have. */
    void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time moves forward only: " + by);
        }
        offset.updateAndGet(o -> o.plus(by));
    }
}
