package me.minav3.mma.common;

/** A non-negative amount of matcha (credits). */
public record Matcha(long amount) implements Comparable<Matcha> {

    /** Far above any real balance; keeps sums far from overflow. */
    public static final long MAX = 1_000_000_000L;

    public static final Matcha ZERO = new Matcha(0);

    public Matcha {
        if (amount < 0 || amount > MAX) {
            throw new IllegalArgumentException("matcha must be between 0 and " + MAX + ", was " + amount);
        }
    }

    public static Matcha of(long amount) {
        return new Matcha(amount);
    }

    /** Parses a whole, non-negative number of matcha as typed by a person. */
    public static Matcha parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (!trimmed.matches("[0-9]{1,10}")) {
            throw new IllegalArgumentException(
                    "matcha must be a whole number between 0 and " + MAX + ", was '" + text + "'");
        }
        return of(Long.parseLong(trimmed));
    }

    public Matcha plus(Matcha other) {
        return of(amount + other.amount);
    }

    public Matcha times(long factor) {
        if (factor < 0 || (factor > 0 && amount > MAX / factor)) {
            throw new IllegalArgumentException("matcha amount out of range: " + amount + " x " + factor);
        }
        return of(amount * factor);
    }

    public boolean isZero() {
        return amount == 0;
    }

    @Override
    public int compareTo(Matcha other) {
        return Long.compare(amount, other.amount);
    }

    @Override
    public String toString() {
        return amount + " matcha";
    }
}
