package me.minav3.mma.limits;

import java.time.Duration;

/** Whether a customer may do one more thing now. */
public sealed interface LimitOutcome {

    /** Go ahead; {@code release} gives back what was held (an open-stream slot), a no-op otherwise. */
    record Allowed(Runnable release) implements LimitOutcome {

        public static final Allowed FREELY = new Allowed(() -> {
        });
    }

    /** Over {@code cap} {@code meter} per {@code per}; nothing was counted. Try again after {@code retryAfter}. */
    record Limited(String what, long cap, String per, Duration retryAfter) implements LimitOutcome {

        /** "You reached the limit of 10 creates per minute; try again in 42 s." */
        public String message() {
            return "You reached the limit of " + cap + " " + what + " " + per + "; try again in "
                    + Math.max(1, retryAfter.toSeconds()) + " s.";
        }
    }
}
