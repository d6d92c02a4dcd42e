package me.minav3.cli;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** What every command that starts a generation and waits for it shares. */
final class RunOptions {

    @Option(
            names = "--request-id",
            paramLabel = "KEY",
            description = "An idempotency key: running again with the same key never charges twice.")
    @Nullable
    String requestId;

    @Option(
            names = "--timeout",
            defaultValue = "900",
            paramLabel = "SECONDS",
            description =
                    "Give up waiting after this many seconds (default ${DEFAULT-VALUE}); the generation keeps running.")
    int timeoutSeconds;

    @Option(names = "--json", description = "Print one JSON document on stdout, for a failure too.")
    boolean json;

    Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }
}
