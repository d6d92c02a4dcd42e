package me.minav3.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import me.minav3.adapters.postgres.PgNotifications;
import me.minav3.http.LiveLines;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.engine.LiveEvent;
import me.minav3.mma.engine.UserMessageSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live pipeline lines: the pipeline publishes, subscribers (SSE streams, a waiting CLI) listen per generation.
 * Once {@link #connect connected}, lines also travel through PostgreSQL NOTIFY ({@link NotifyOutbox}), so a stream
 * served by one process sees the lines of a generation another process runs. A slow or failing subscriber never
 * holds up the pipeline.
 */
public final class LiveBus implements UserMessageSink, LiveLines {

    private static final Logger log = LoggerFactory.getLogger(LiveBus.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Lines waiting to be sent to the other processes; beyond this many they are dropped (they are stored). */
    static final int OUTBOX_LIMIT = 20_000;

    private final String origin = UUID.randomUUID().toString();
    private final Subscribers<GenerationId, LiveEvent> subscribers = new Subscribers<>("live");
    private final NotifyOutbox outbox = new NotifyOutbox("live", OUTBOX_LIMIT);

    @Override
    public void publish(LiveEvent event) {
        publishAll(List.of(event));
    }

    /**
     * Delivers the events here at once, and queues them for the other processes (one NOTIFY round trip sends
     * whatever queued meanwhile). Other processes fall back to the stored lines when one is dropped: streams
     * re-read the generation periodically.
     */
    @Override
    public void publishAll(List<LiveEvent> events) {
        events.forEach(event -> subscribers.deliver(event.generationId(), event));
        if (outbox.connected()) {
            events.forEach(event -> outbox.offer(encode(event)));
        }
    }

    /** Lines not sent to other processes (outbox full or database unreachable) since start: a metric. */
    public long droppedCount() {
        return outbox.droppedCount();
    }

    /** Sends this process's lines to the other processes on the database, and delivers theirs here. */
    public void connect(PgNotifications channel) {
        outbox.connect(
                channel,
                payload -> decode(payload).ifPresent(event -> subscribers.deliver(event.generationId(), event)));
    }

    @Override
    public AutoCloseable subscribe(GenerationId id, Consumer<LiveEvent> listener) {
        return subscribers.subscribe(id, listener);
    }

    /** Subscribers right now (a metric). */
    public int subscriberCount() {
        return subscribers.count();
    }

    private String encode(LiveEvent event) {
        String text = event.text();
        // NOTIFY payloads are limited; a line is short, but never let a long one break delivery.
        if (text.length() > 2_000) {
            text = text.substring(0, 2_000);
        }
        try {
            return JSON.writeValueAsString(Json.obj(
                    "origin",
                    origin,
                    "generation",
                    event.generationId().value(),
                    "seq",
                    event.seq(),
                    "type",
                    event.type().name(),
                    "text",
                    text,
                    "data",
                    event.data(),
                    "at",
                    event.at().toString()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private java.util.Optional<LiveEvent> decode(String payload) {
        try {
            Map<String, Object> map = JSON.readValue(payload, new TypeReference<>() {});
            if (origin.equals(map.get("origin"))) {
                return java.util.Optional.empty(); // our own line, already delivered here
            }
            return java.util.Optional.of(new LiveEvent(
                    new GenerationId(required(map, "generation")),
                    Json.number(map, "seq", 0),
                    LiveEvent.Type.valueOf(required(map, "type")),
                    Json.string(map, "text", ""),
                    Json.object(map, "data"),
                    Instant.parse(required(map, "at"))));
        } catch (JsonProcessingException | RuntimeException e) {
            log.debug("live_payload_ignored error=\"{}\"", e.toString());
            return java.util.Optional.empty();
        }
    }

    /** A field every line carries; a line without it is ignored like any other malformed one. */
    private static String required(Map<String, Object> map, String key) {
        return Objects.requireNonNull(map.get(key), key).toString();
    }
}
