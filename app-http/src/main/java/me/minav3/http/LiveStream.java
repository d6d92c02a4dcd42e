package me.minav3.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.engine.LiveEvent;
import me.minav3.mma.generation.Generation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SSE subscriber of a generation: first the lines already stored (after {@code Last-Event-ID}), then live
 * ones; {@code status} on every change and {@code done} at the end. Lines arrive from this process's pipeline or,
 * through PostgreSQL NOTIFY, from another process's; a slow re-read of the stored generation catches anything a
 * notification missed, so the stream never depends on one process's memory. At every re-read, and at once when
 * this process signs its login out, the stream also asks whether its login still holds; a signed-out or revoked
 * login ends it (decision 023).
 *
 * <p>Everything a stream does (reading the generation, writing to the client) happens on the one thread that
 * {@link #run() runs} it; other threads only queue lines for it or ask it to {@link #end() end}. Nothing ever
 * interrupts that thread: an interrupt arriving inside a database call closes the pooled connection under it
 * (issue 17: 500 streams dropped at once broke 26 connections). See decision 023.
 */
final class LiveStream implements OpenStreams.Served {

    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    static final Duration REREAD = Duration.ofSeconds(10);
    /** Lines queued for a stream that has not sent them yet; beyond this it re-reads the stored ones instead. */
    static final int BACKLOG = 1_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);

    /** What other threads hand the stream's thread: a live line, or a nudge to look at {@link #ended}. */
    private sealed interface Signal {}

    private record Line(LiveEvent event) implements Signal {}

    private record Nudge() implements Signal {}

    private final SseClient client;
    private final SseWriter out;
    private final GenerationId id;
    private final LiveLines live;
    private final Function<GenerationId, Optional<Generation>> generations;
    private final BooleanSupplier signedOut;
    private final long keepAliveNanos;
    private final BlockingQueue<Signal> inbox = new LinkedBlockingQueue<>(BACKLOG);
    private volatile boolean ended;
    private volatile boolean missedLines;
    private volatile boolean loginToCheck;
    private long lastSent;
    private @Nullable String lastStatus;
    private boolean done;
    private long lastWrite;

    /**
     * @param generations reads the stored generation (shared by the streams of one generation, decision 047)
     * @param signedOut whether the login that opened the stream was signed out or revoked since (reads the database)
     * @param keepAlive how long the stream may stay silent before it writes a keep-alive ({@link #KEEP_ALIVE})
     */
    LiveStream(
            SseClient client,
            GenerationId id,
            long lastEventId,
            LiveLines live,
            Function<GenerationId, Optional<Generation>> generations,
            BooleanSupplier signedOut,
            Duration keepAlive) {
        this.client = client;
        this.out = new SseWriter(client);
        this.keepAliveNanos = keepAlive.toNanos();
        this.signedOut = signedOut;
        this.id = id;
        this.lastSent = lastEventId;
        this.live = live;
        this.generations = generations;
        client.onClose(this::end);
    }

    /** Serves the stream on the calling thread until it is done, its client goes away, or {@link #end()}. */
    @Override
    public void run() {
        try (AutoCloseable subscription = live.subscribe(id, this::offer)) {
            serve();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // nobody here interrupts; if someone did, stop before any other call
        } catch (Exception e) {
            log.warn("stream_failed generation={} error=\"{}\"", id.mgId(), e.toString());
        }
    }

    /**
     * The stream's loop. Each turn takes what is queued (every signal already there, not just the first) and writes
     * what that produced in one flush at the end of the turn.
     */
    private void serve() throws InterruptedException {
        lastWrite = System.nanoTime(); // the headers just went out
        reread();
        flush();
        long nextReread = System.nanoTime() + REREAD.toNanos();
        while (!over()) {
            long now = System.nanoTime();
            long wait = Math.min(nextReread, lastWrite + keepAliveNanos) - now;
            Signal signal = inbox.poll(Math.max(wait, 0), TimeUnit.NANOSECONDS);
            if (signal == null && System.nanoTime() - lastWrite >= keepAliveNanos) {
                keepAlive();
            }
            for (; signal != null; signal = inbox.poll()) {
                if (signal instanceof Line line) {
                    live(line.event());
                }
            }
            if (System.nanoTime() >= nextReread) {
                nextReread = System.nanoTime() + REREAD.toNanos();
                loginToCheck = true;
                missedLines = true;
            }
            if (loginToCheck) {
                loginToCheck = false;
                checkLoginNow();
            }
            if (missedLines) {
                missedLines = false;
                reread();
            }
            flush();
        }
    }

    /** Sends what this turn produced (also after the stream's end, its last events). */
    private void flush() {
        if (out.flush()) {
            lastWrite = System.nanoTime();
        }
    }

    /** Called on the publisher's thread (the pipeline, or the NOTIFY listener): never blocks, never reads. */
    private void offer(LiveEvent event) {
        if (!ended && !inbox.offer(new Line(event))) {
            missedLines = true; // the stored lines are the truth: the next re-read sends what was dropped here
        }
    }

    /** Asks the stream to end (server stopping, its login signed out); returns at once, interrupts nothing. */
    @Override
    public void end() {
        ended = true;
        inbox.offer(new Nudge());
    }

    /** Asks the stream to check at once whether its login still holds (it was just signed out on this process). */
    @Override
    public void checkLoginSoon() {
        loginToCheck = true;
        inbox.offer(new Nudge());
    }

    private boolean over() {
        return ended || done || client.terminated();
    }

    private void live(LiveEvent event) {
        switch (event.type()) {
            case MESSAGE -> {
                if (event.seq() == lastSent + 1) {
                    send(
                            "message",
                            Json.obj(
                                    "seq",
                                    event.seq(),
                                    "text",
                                    event.text(),
                                    "at",
                                    event.at().toString()),
                            Long.toString(event.seq()));
                    lastSent = event.seq();
                } else if (event.seq() > lastSent + 1) {
                    missedLines = true; // a line went missing in transit: the stored ones are the truth
                }
            }
            case STATUS -> status(event.text());
            case DONE -> {
                if (event.seq() <= lastSent) {
                    finish(event); // every line is out already: no need to read the generation again
                } else {
                    missedLines = true;
                }
            }
        }
    }

    /** The end, from the pipeline's own {@code done} event (a thousand subscribers, no thousand reads). */
    private void finish(LiveEvent event) {
        String status = Json.string(event.data(), "status", "done");
        status(status);
        send(
                "done",
                Json.obj(
                        "status",
                        status,
                        "output_url",
                        event.data().get("output_url"),
                        "error",
                        event.data().get("error"),
                        "generation_id",
                        id.mgId()),
                null);
        done = true;
    }

    private void checkLoginNow() {
        if (over()) {
            return;
        }
        try {
            if (signedOut.getAsBoolean()) {
                log.info("stream_ended_signed_out generation={}", id.mgId());
                ended = true;
            }
        } catch (RuntimeException e) {
            log.warn("stream_login_check_failed generation={} error=\"{}\"", id.mgId(), e.toString());
        }
    }

    /** Catches up from the stored generation; a database fault is logged and tried again at the next re-read. */
    private void reread() {
        if (over()) {
            return;
        }
        try {
            catchUp();
        } catch (RuntimeException e) {
            log.warn("stream_reread_failed generation={} error=\"{}\"", id.mgId(), e.toString());
        }
    }

    /** Sends every stored line not sent yet, the current status, and the end when it is over. */
    private void catchUp() {
        Generation g = generations.apply(id).orElse(null);
        if (g == null) {
            return;
        }
        for (var line : g.document().messages().lines()) {
            long seq = line.seq();
            if (seq > lastSent) {
                send(
                        "message",
                        Json.obj(
                                "seq",
                                seq,
                                "text",
                                line.text(),
                                "at",
                                line.at() == null ? null : line.at().toString()),
                        Long.toString(seq));
                lastSent = seq;
            }
        }
        status(g.status().wire());
        if (g.status().isTerminal()) {
            send(
                    "done",
                    Json.obj(
                            "status",
                            g.status().wire(),
                            "output_url",
                            g.outputUrl(),
                            "error",
                            g.error(),
                            "generation_id",
                            g.id().mgId()),
                    null);
            done = true;
        }
    }

    private void status(String status) {
        if (!status.equals(lastStatus)) {
            lastStatus = status;
            send("status", Json.obj("status", status), null);
        }
    }

    /**
     * Adds one event to this turn's write ({@link #flush()}); a client that went away ends the stream (through
     * {@link SseClient#onClose}).
     */
    private void send(String event, Map<String, Object> data, @Nullable String eventId) {
        if (over()) {
            return;
        }
        try {
            out.event(event, JSON.writeValueAsString(data), eventId);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void keepAlive() {
        if (!over()) {
            out.comment("keep-alive");
        }
    }

    /** {@code Last-Event-ID} (header, or {@code last_event_id} query parameter): the last line the client has. */
    static long lastEventId(@Nullable String header, @Nullable String query) {
        String value = header != null ? header : query;
        if (value == null || !value.strip().matches("[0-9]{1,9}")) {
            return 0;
        }
        return Long.parseLong(value.strip());
    }
}
