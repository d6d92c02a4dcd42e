package me.minav3.mma.limits;

import java.time.Duration;

/** Whether a customer may do one more thing now. */
public sealed interface LimitOutcome {

    /** Go ahead; {@code release} gives back what was held (an open-stream slot), a no-op otherwise. */
    record Allowed(Runnable release) implements LimitOutcome {

        public static final Allowed FREELY = new Allowed(() -> {});
    }

    /**
     * The optional price of "Type for me" is due and the balance cannot pay it (or has expired): nothing was charged,
     * the use was counted.
     */
    record NeedMatcha(long balance, long price, long every) implements LimitOutcome {

        public String message() {
            return "\"Type for me\" costs " + price + " matcha per " + every + " uses; you have " + balance + ".";
        }
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
