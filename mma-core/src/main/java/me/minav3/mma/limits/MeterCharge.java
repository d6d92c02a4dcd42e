package me.minav3.mma.limits;

import java.time.Duration;
import java.util.Objects;

/**
 * One use to count: {@code amount} more on {@code meter}, allowed while the meter's total in the current fixed
 * window (aligned to the epoch: whole minutes, hours, days in UTC) stays at or below {@code cap}.
 */
public record MeterCharge(Meter meter, long amount, long cap, Duration window) {

    public MeterCharge {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(window, "window");
        if (amount < 0 || cap < 0 || window.toSeconds() < 1) {
            throw new IllegalArgumentException(
                    "a meter charge needs amount >= 0, cap >= 0 and a window of a second or more");
        }
    }

    /** The start of the window {@code epochSecond} falls in, in epoch seconds (what the counters store). */
    public long windowStart(long epochSecond) {
        long seconds = window.toSeconds();
        return Math.floorDiv(epochSecond, seconds) * seconds;
    }

    /** The end of the window {@code epochSecond} falls in, in epoch seconds. */
    public long windowEnd(long epochSecond) {
        return windowStart(epochSecond) + window.toSeconds();
    }
}
