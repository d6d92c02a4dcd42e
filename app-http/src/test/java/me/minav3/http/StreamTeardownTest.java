package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import me.minav3.adapters.postgres.MegaDatabase;
import me.minav3.adapters.postgres.TestDatabase;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Json;
import me.minav3.mma.config.ConfigKeys;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 17: 500 streams of one token dropped at once broke pooled connections (threads interrupted inside a
 * database call). Real server, real PostgreSQL, real sockets that open a stream and then reset the connection.
 */
class StreamTeardownTest {

    private static final int STREAMS = 500;

    /**
     * A stream notices a client that went away when it next writes, at the latest on its keep-alive; production's
     * 15 s ({@link LiveStream#KEEP_ALIVE}) is shortened here so the test waits one second for what it proves.
     */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(1);

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ConcurrentLinkedQueue<Throwable> uncaught = new ConcurrentLinkedQueue<>();
    private Thread.UncaughtExceptionHandler previousHandler;

    @BeforeEach
    void captureWarningsAndUncaughtExceptions() {
        log.start();
        root.addAppender(log);
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
    }

    @AfterEach
    void release() {
        root.detachAppender(log);
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
    }

    @Test
    void fiveHundredStreamsDroppedAtOnceLeaveThePoolWholeAndLogNothing() throws Exception {
        // No workers: the generation stays queued, so every stream stays open until its client goes away.
        try (TestServer server = new TestServer(Map.of(), TestDatabase.freshDatabaseUrlSetting(), false, KEEP_ALIVE)) {
            withoutStreamLimit(server);
            String token = server.token("crowd@example.com");
            server.customer(token, 1);
            String id = server.still(token, "watched by many");
            log.list.clear();

            List<Socket> streams = open(server, id, token, STREAMS);
            assertThat(server.wiring.live().subscriberCount()).isEqualTo(STREAMS);
            var requestThreads = (QueuedThreadPool)
                    server.server.javalin().jettyServer().server().getThreadPool();
            assertThat(requestThreads.getBusyThreads())
                    .as("open streams run on threads of their own, not on request threads (decision 051)")
                    .isLessThan(STREAMS / 10);
            MegaDatabase database = server.wiring.database();
            // The pool grows on demand (minimum idle 2), so the crowd may have opened fewer than its maximum; a
            // connection leaves the pool only when it breaks (idle timeout 10 min, lifetime 30 min).
            MegaDatabase.PoolUsage crowded = database.poolUsage();
            int opened = crowded.active() + crowded.idle();
            for (Socket stream : streams) {
                reset(stream);
            }

            // A dropped client is noticed on the next keep-alive (every second here); then its stream ends.
            await(Duration.ofSeconds(60), () -> server.wiring.live().subscriberCount() == 0);
            await(Duration.ofSeconds(5), () -> database.poolUsage().active() == 0);
            Thread.sleep(500);

            MegaDatabase.PoolUsage pool = database.poolUsage();
            assertThat(pool.active()).isZero();
            assertThat(pool.pending()).isZero();
            assertThat(pool.idle())
                    .as("every connection the crowd opened (%d) is still there, idle (none broken)", opened)
                    .isGreaterThanOrEqualTo(opened);
            assertThat(server.get("/health", null).status()).isEqualTo(200);
            assertNothingWentWrong();
        }
    }

    /**
     * A finished generation's stream sends its lines and {@code done} and completes its request at once, possibly
     * before the request's own thread has left Jetty (decision 051): 200 at the same time, each whole, nothing logged.
     */
    @Test
    void streamsOfAFinishedGenerationEndAtOnceAndLogNothing() throws Exception {
        try (TestServer server = new TestServer(Map.of(), TestDatabase.freshDatabaseUrlSetting(), true, KEEP_ALIVE)) {
            withoutStreamLimit(server);
            String token = server.token("replayed@example.com");
            server.customer(token, 1);
            String id = server.still(token, "seen again and again");
            String path = "/api/generations/" + id + "/stream";
            assertThat(SseReader.await(SseReader.open(server, path, token, null)))
                    .extracting(SseReader.Event::name)
                    .endsWith("done");
            log.list.clear();

            List<CompletableFuture<List<SseReader.Event>>> replays = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                replays.add(SseReader.open(server, path, token, null));
            }
            for (CompletableFuture<List<SseReader.Event>> replay : replays) {
                assertThat(SseReader.await(replay))
                        .extracting(SseReader.Event::name)
                        .contains("message")
                        .endsWith("done");
            }
            Thread.sleep(500);
            assertNothingWentWrong();
        }
    }

    @Test
    void stoppingTheServerEndsItsOpenStreamsBeforeTheDatabaseCloses() throws Exception {
        TestServer server = new TestServer(Map.of(), TestDatabase.freshDatabaseUrlSetting(), false, KEEP_ALIVE);
        List<Socket> streams;
        try {
            withoutStreamLimit(server);
            String token = server.token("late@example.com");
            server.customer(token, 1);
            String id = server.still(token, "open at shutdown");
            log.list.clear();
            streams = open(server, id, token, 100);

            server.server.close();
            assertThat(server.wiring.live().subscriberCount())
                    .as("no stream outlives the server")
                    .isZero();
            for (Socket stream : streams) {
                assertThat(readToEnd(stream))
                        .as("the client sees its stream end")
                        .isTrue();
            }
        } finally {
            server.wiring.close();
        }
        Thread.sleep(KEEP_ALIVE.toMillis() + 2_000); // a stream left running would wake up now
        assertNothingWentWrong();
    }

    private void assertNothingWentWrong() {
        List<ILoggingEvent> logged;
        synchronized (log) { // the appender adds under its own lock, from stream threads still logging their ends
            logged = List.copyOf(log.list);
        }
        assertThat(logged)
                .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(e -> e.getLoggerName() + ": " + e.getFormattedMessage())
                .isEmpty();
        assertThat(uncaught).extracting(Throwable::toString).isEmpty();
    }

    /** Opens {@code count} streams at once, each read until its first event (the generation's status). */
    private static List<Socket> open(TestServer server, String id, String token, int count) throws Exception {
        Semaphore connecting = new Semaphore(50);
        List<Future<Socket>> opening = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                opening.add(executor.submit(() -> {
                    connecting.acquire();
                    try {
                        return openOne(server.server.port(), id, token);
                    } finally {
                        connecting.release();
                    }
                }));
            }
        }
        List<Socket> sockets = new ArrayList<>();
        for (Future<Socket> socket : opening) {
            sockets.add(socket.get());
        }
        return sockets;
    }

    private static Socket openOne(int port, String id, String token) throws IOException {
        Socket socket = new Socket("localhost", port);
        socket.setSoTimeout(30_000);
        socket.getOutputStream()
                .write(("GET /api/generations/" + id + "/stream HTTP/1.1\r\nHost: localhost\r\n"
                                + "Authorization: Bearer " + token + "\r\nAccept: text/event-stream\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        StringBuilder seen = new StringBuilder();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        while (!seen.toString().contains("\"status\"")) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new AssertionError("stream closed before its first event: " + seen);
            }
            seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        assertThat(seen.toString()).startsWith("HTTP/1.1 200");
        return socket;
    }

    /** An abrupt disconnect: the client resets the connection instead of closing it politely. */
    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    private static boolean readToEnd(Socket socket) throws IOException {
        socket.setSoTimeout(5_000);
        try (socket) {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            while (in.read(buffer) >= 0) {
                // keep-alives or nothing; the end is what counts
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true; // reset by the stopping server: ended too
        }
    }

    private static void await(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + limit);
            }
            Thread.sleep(50);
        }
    }

    /** Many streams of one customer are what teardown is about here; the per-customer cap is UsageLimitsHttpTest's. */
    private static void withoutStreamLimit(TestServer server) {
        server.wiring.publishConfig().publish(ConfigKeys.LIMITS, Json.obj("open_streams", null), Actor.SYSTEM);
        server.wiring.config().invalidate(ConfigKeys.LIMITS);
    }
}
