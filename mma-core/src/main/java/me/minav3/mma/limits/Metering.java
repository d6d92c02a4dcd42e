package me.minav3.mma.limits;

import java.time.Instant;
import java.util.Map;

/** The answer of {@link UsageMeters#take}: counted, or refused with the meter over its cap and when it resets. */
public sealed interface Metering {

    /** Every charge was added; {@code used} is each charged meter's total in its window, this use included. */
    record Counted(Map<Meter, Long> used) implements Metering {

        public Counted {
            used = Map.copyOf(used);
        }
    }

    /** Nothing was added: {@code meter} would go over its cap before {@code resetsAt}. */
    record Refused(Meter meter, Instant resetsAt) implements Metering {}
}
