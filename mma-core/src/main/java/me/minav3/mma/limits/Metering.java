package me.minav3.mma.limits;

import java.time.Instant;

/** The answer of {@link UsageMeters#take}: counted, or refused with the meter over its cap and when it resets. */
public sealed interface Metering {

    /** Every charge was added. */
    record Counted() implements Metering {
    }

    /** Nothing was added: {@code meter} would go over its cap before {@code resetsAt}. */
    record Refused(Meter meter, Instant resetsAt) implements Metering {
    }
}
