package me.minav3.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import me.minav3.bootstrap.Serving;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mina serve}: the HTTP API, the studio page and the MMA workers, until stopped. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Run the studio: HTTP API, studio page, live streams, webhooks and the MMA workers.",
            "Several processes may share one database. Stops cleanly on Ctrl+C / SIGTERM: running generations "
                    + "finish or are handed back to the queue."
        })
final class ServeCommand extends MinaCommand {

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "The HTTP port (default: $PORT or 8080; 0 picks any free port).")
    @Nullable
    Integer port;

    @Option(
            names = "--drain",
            defaultValue = "20",
            paramLabel = "SECONDS",
            description = "On shutdown, how many seconds running generations get to finish (default ${DEFAULT-VALUE}).")
    int drainSeconds;

    private final Function<@Nullable Integer, Serving> serve;

    /** @param serve starts the studio (HTTP, workers, expiry, live lines) on a port, or the configured one for null */
    ServeCommand(Function<@Nullable Integer, Serving> serve) {
        this.serve = serve;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (root().env().get("MINA_LOG_LEVEL") == null) {
            // The server's log is where a local user reads login codes (without SMTP_URL) and what happened.
            ((LoggerContext) LoggerFactory.getILoggerFactory())
                    .getLogger("me.minav3")
                    .setLevel(Level.INFO);
        }
        Serving studio = serve.apply(port);
        out().note("MINAV3 studio: http://localhost:" + studio.port() + "/");
        out().note("  " + studio.description());
        studio.warnings().forEach(warning -> out().note("  WARNING: " + warning));
        out().note("  " + studio.loginMail());
        out().note("  Ctrl+C stops");
        CountDownLatch stopRequested = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stopRequested.countDown();
                            try {
                                stopped.await(drainSeconds + 10L, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "mina-shutdown"));
        stopRequested.await();
        out().note("stopping: no new requests; running generations get " + drainSeconds + " s");
        try {
            studio.stop(Duration.ofSeconds(drainSeconds));
            root().close();
        } finally {
            stopped.countDown(); // the shutdown hook must not wait out its timeout when closing failed
        }
        return ExitCode.OK;
    }
}
