package me.minav3.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.InvalidInput;

/** Turns what a person typed into domain values, or a clear {@link InvalidInput} (exit 6). */
final class Inputs {

    private Inputs() {
    }

    static PassId passId(String text) {
        try {
            return PassId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
    }

    static Matcha positiveMatcha(String text) {
        try {
            Matcha amount = Matcha.parse(text);
            if (amount.isZero()) {
                throw new InvalidInput("the amount must be at least 1 matcha");
            }
            return amount;
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
    }

    /** A whole file (or stdin for {@code -}) as UTF-8 text. */
    static String text(String file) {
        try {
            if ("-".equals(file)) {
                return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInput("cannot read " + file + ": no such file");
        } catch (IOException | RuntimeException e) {
            throw new InvalidInput("cannot read " + file + ": " + (e.getMessage() == null ? e : e.getMessage()));
        }
    }
}
