package me.minav3.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import me.minav3.adapters.postgres.PgNotifications;
import me.minav3.http.LiveLines;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.engine.LiveEvent;
import me.minav3.mma.engine.UserMessageSink;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live pipeline lines: the pipeline publishes, subscribers (SSE streams, a waiting CLI) listen per generation.
 * Once {@link #connect connected}, lines also travel through PostgreSQL NOTIFY, so a stream served by one process
 * sees the lines of a generation another process runs. A slow or failing subscriber never holds up the pipeline.
 */
public final class LiveBus implements UserMessageSink, LiveLines {

    private static final Logger log = LoggerFactory.getLogger(LiveBus.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Lines waiting to be sent to the other processes; beyond this many they are dropped (they are stored). */
    static final int OUTBOX_LIMIT = 20_000;

    private static final int BATCH = 200;

    private final String origin = UUID.randomUUID().toString();
    private final Map<GenerationId, List<Consumer<LiveEvent>>> subscribers = new ConcurrentHashMap<>();
    private final BlockingQueue<String> outbox = new LinkedBlockingQueue<>(OUTBOX_LIMIT);
    private final AtomicLong dropped = new AtomicLong();
    private volatile @Nullable PgNotifications remote;

    @Override
    public void publish(LiveEvent event) {
        publishAll(List.of(event));
    }

    /**
     * Delivers the events here at once, and queues them for the other processes: one forwarder sends whatever
     * queued meanwhile in one NOTIFY round trip. PostgreSQL serializes the commits of NOTIFY transactions, so one
     * per line would cost the pipeline a contended commit per line; batched, a busy moment costs a few.
     */
    @Override
    public void publishAll(List<LiveEvent> events) {
        events.forEach(this::deliver);
        if (remote == null) {
            return;
        }
        for (LiveEvent event : events) {
            if (!outbox.offer(encode(event))) {
                // Other processes fall back to the stored lines (streams re-read the generation periodically).
                dropped.incrementAndGet();
            }
        }
    }

    private void forward(PgNotifications channel) {
        List<String> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                batch.add(outbox.take());
            } catch (InterruptedException e) {
                return;
            }
            outbox.drainTo(batch, BATCH - 1);
            try {
                channel.publishAll(batch);
            } catch (RuntimeException e) {
                dropped.addAndGet(batch.size());
                log.debug("live_forward_failed lines={} error=\"{}\"", batch.size(), e.toString());
            }
            batch.clear();
        }
    }

    /** Lines not sent to other processes (outbox full or database unreachable) since start: a metric. */
    public long droppedCount() {
        return dropped.get();
    }

    /** Sends this process's lines to the other processes on the database, and delivers theirs here. */
    public synchronized void connect(PgNotifications channel) {
        if (remote != null) {
            return;
        }
        channel.listen(payload -> decode(payload).ifPresent(this::deliver));
        Thread.ofVirtual().name("live-forwarder").start(() -> forward(channel));
        remote = channel;
    }

    private void deliver(LiveEvent event) {
        List<Consumer<LiveEvent>> listeners = subscribers.get(event.generationId());
        if (listeners == null) {
            return;
        }
        for (Consumer<LiveEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.debug(
                        "live_subscriber_failed generation={} error=\"{}\"",
                        event.generationId().mgId(),
                        e.toString());
            }
        }
    }

    @Override
    public AutoCloseable subscribe(GenerationId id, Consumer<LiveEvent> listener) {
        subscribers.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> subscribers.computeIfPresent(id, (k, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    /** Subscribers right now (a metric). */
    public int subscriberCount() {
        return subscribers.values().stream().mapToInt(List::size).sum();
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
