package me.minav3.mma.common;

import java.time.Instant;

/** The time every rule and every stored timestamp uses; tests control it. */
@FunctionalInterface
public interface Clock {

    Instant now();

    /** The system clock, truncated to microseconds (what PostgreSQL stores). */
    static Clock system() {
        return () -> Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
