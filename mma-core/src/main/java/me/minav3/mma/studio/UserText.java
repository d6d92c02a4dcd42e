package me.minav3.mma.studio;

import java.util.Optional;
import me.minav3.mma.error.InvalidInput;
import org.jspecify.annotations.Nullable;

/**
 * What text from people (a brief, feedback, a style, a link) may hold: any character except control characters
 * and half a surrogate pair. Tab, line feed and carriage return are allowed, so a brief can have lines. NUL in
 * particular never reaches PostgreSQL, which cannot store it (decision 019).
 */
public final class UserText {

    private UserText() {}

    /** Why {@code value} is not acceptable text, e.g. "contains a control character (U+0000)"; empty when it is. */
    public static Optional<String> problem(@Nullable String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return Optional.of("contains a control character (U+%04X); only tabs and line breaks are allowed"
                        .formatted((int) c));
            }
            if (Character.isHighSurrogate(c)
                            && (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)))) {
                return Optional.of("contains half of a character (U+%04X)".formatted((int) c));
            }
        }
        return Optional.empty();
    }

    /** {@code value} unchanged, or {@link InvalidInput} naming {@code what} ("the brief") when it holds a control character. */
    public static @Nullable String check(String what, @Nullable String value) {
        problem(value).ifPresent(problem -> {
            throw new InvalidInput(what + " " + problem);
        });
        return value;
    }
}
