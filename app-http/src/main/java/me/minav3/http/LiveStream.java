package me.minav3.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Map;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.engine.LiveEvent;
import me.minav3.mma.generation.FindGeneration;
import me.minav3.mma.generation.Generation;

/**
 * One SSE subscriber of a generation: first the lines already stored (after {@code Last-Event-ID}), then live
 * ones; {@code status} on every change and {@code done} at the end. Lines arrive from this process's pipeline or,
 * through PostgreSQL NOTIFY, from another process's; a slow re-read of the stored generation catches anything a
 * notification missed, so the stream never depends on one process's memory.
 */
final class LiveStream implements AutoCloseable {

    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    static final Duration REREAD = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SseClient client;
    private final GenerationId id;
    private final LiveLines live;
    private final FindGeneration generations;
    private long lastSent;
    private String lastStatus;
    private boolean done;
    private AutoCloseable subscription;
    private Thread ticker;

    LiveStream(SseClient client, GenerationId id, long lastEventId, LiveLines live, FindGeneration generations) {
        this.client = client;
        this.id = id;
        this.lastSent = lastEventId;
        this.live = live;
        this.generations = generations;
    }

    void start() {
        subscription = live.subscribe(id, this::live);
        catchUp();
        ticker = Thread.ofVirtual().name("sse-" + id.value()).start(this::tick);
    }

    private synchronized void live(LiveEvent event) {
        if (done) {
            return;
        }
        switch (event.type()) {
            case MESSAGE -> {
                if (event.seq() == lastSent + 1) {
                    send("message", Json.obj("seq", event.seq(), "text", event.text(), "at", event.at().toString()),
                            Long.toString(event.seq()));
                    lastSent = event.seq();
                } else if (event.seq() > lastSent + 1) {
                    catchUp(); // a line went missing in transit: the stored ones are the truth
                }
            }
            case STATUS -> status(event.text());
            case DONE -> {
                if (event.seq() <= lastSent) {
                    finish(event); // every line is out already: no need to read the generation again
                } else {
                    catchUp();
                }
            }
        }
    }

    /** The end, from the pipeline's own {@code done} event (a thousand subscribers, no thousand reads). */
    private void finish(LiveEvent event) {
        String status = Json.string(event.data(), "status", "done");
        status(status);
        send("done", Json.obj("status", status, "output_url", event.data().get("output_url"),
                "error", event.data().get("error"), "generation_id", id.mgId()), null);
        done = true;
        client.close();
    }

    /** Sends every stored line not sent yet, the current status, and the end when it is over. */
    private synchronized void catchUp() {
        if (done) {
            return;
        }
        Generation g = generations.find(id).orElse(null);
        if (g == null) {
            return;
        }
        for (var line : g.document().messages().lines()) {
            long seq = line.seq();
            if (seq > lastSent) {
                send("message", Json.obj("seq", seq, "text", line.text(), "at",
                        line.at() == null ? null : line.at().toString()), Long.toString(seq));
                lastSent = seq;
            }
        }
        status(g.status().wire());
        if (g.status().isTerminal()) {
            send("done", Json.obj("status", g.status().wire(), "output_url", g.outputUrl(), "error", g.error(),
                    "generation_id", g.id().mgId()), null);
            done = true;
            client.close();
        }
    }

    private void status(String status) {
        if (!status.equals(lastStatus)) {
            lastStatus = status;
            send("status", Json.obj("status", status), null);
        }
    }

    private void send(String event, Map<String, Object> data, String eventId) {
        try {
            client.sendEvent(event, JSON.writeValueAsString(data), eventId);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void tick() {
        long sinceReread = 0;
        while (!client.terminated() && !isDone()) {
            try {
                Thread.sleep(KEEP_ALIVE.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            client.sendComment("keep-alive");
            sinceReread += KEEP_ALIVE.toMillis();
            if (sinceReread >= REREAD.toMillis()) {
                sinceReread = 0;
                catchUp();
            }
        }
    }

    private synchronized boolean isDone() {
        return done;
    }

    @Override
    public void close() {
        try {
            if (subscription != null) {
                subscription.close();
            }
        } catch (Exception ignored) {
            // nothing to release
        }
        if (ticker != null) {
            ticker.interrupt();
        }
    }

    /** {@code Last-Event-ID} (header, or {@code last_event_id} query parameter): the last line the client has. */
    static long lastEventId(String header, String query) {
        String value = header != null ? header : query;
        if (value == null || !value.strip().matches("[0-9]{1,9}")) {
            return 0;
        }
        return Long.parseLong(value.strip());
    }

}
