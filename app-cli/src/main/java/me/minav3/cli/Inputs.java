package me.minav3.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.InvalidInput;

/** Turns what a person typed into domain values, or a clear {@link InvalidInput} (exit 6). */
final class Inputs {

    private Inputs() {}

    static PassId passId(String text) {
        try {
            return PassId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
    }

    /** A whole number of matcha from 1 up, as the message says (0 grants nothing, so it is refused too). */
    static Matcha positiveMatcha(String text) {
        String range = "the amount must be a whole number from 1 to " + Matcha.MAX + ", not '" + text + "'";
        try {
            Matcha amount = Matcha.parse(text);
            if (amount.isZero()) {
                throw new InvalidInput(range);
            }
            return amount;
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(range);
        }
    }

    /** A whole file (or stdin for {@code -}) as UTF-8 text; {@code argument} names it for stdin's one reader. */
    static String text(String file, String argument, Stdin stdin) {
        return new String(bytes(file, argument, stdin), StandardCharsets.UTF_8);
    }

    /** A whole file, or stdin for {@code -}; a file that cannot be read is named once, with the reason. */
    static byte[] bytes(String file, String argument, Stdin stdin) {
        if ("-".equals(file)) {
            return stdin.readAll(argument);
        }
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException | InvalidPathException e) {
            throw new InvalidInput("cannot read " + file + ": " + reason(e, file));
        }
    }

    /** Why a file could not be read, without its path (the JDK's messages often are the path alone). */
    private static String reason(Exception e, String file) {
        return switch (e) {
            case NoSuchFileException ignored -> "no such file";
            case AccessDeniedException ignored -> "permission denied";
            case FileSystemException f when f.getReason() != null -> f.getReason();
            default -> {
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                yield message.replace(file + ": ", "").replace(file, "the file");
            }
        };
    }
}
