package me.minav3.mma.common;

import java.util.Objects;
import java.util.regex.Pattern;

/** The id of a generation; its row key is {@code generation:<value>}. */
public record GenerationId(String value) {

    private static final String PREFIX = "generation:";
    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public GenerationId {
        Objects.requireNonNull(value, "generation id");
        if (!LOCAL.matcher(value).matches()) {
            throw new IllegalArgumentException("not a generation id: '" + value + "'");
        }
    }

    /** Accepts both {@code generation:<id>} and the bare {@code <id>}. */
    public static GenerationId parse(String text) {
        Objects.requireNonNull(text, "generation id");
        String trimmed = text.strip();
        return new GenerationId(trimmed.startsWith(PREFIX) ? trimmed.substring(PREFIX.length()) : trimmed);
    }

    public String mgId() {
        return PREFIX + value;
    }

    @Override
    public String toString() {
        return mgId();
    }
}
