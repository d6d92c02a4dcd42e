package me.minav3.cli;

import java.io.IOException;
import java.io.InputStream;
import me.minav3.mma.error.InvalidInput;
import org.jspecify.annotations.Nullable;

/** The command's standard input: what a file argument of {@code -} reads, once per command line. */
final class Stdin {

    private final InputStream in;
    private @Nullable String readBy;

    Stdin(InputStream in) {
        this.in = in;
    }

    /** All of stdin for {@code argument} (e.g. {@code --product}); a second argument asking for it is refused. */
    synchronized byte[] readAll(String argument) {
        if (readBy != null) {
            throw new InvalidInput(
                    argument + ": stdin (-) was already read by " + readBy + "; only one argument can be -");
        }
        readBy = argument;
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new InvalidInput(argument + ": cannot read stdin: " + e.getMessage());
        }
    }
}
