package me.minav3.app;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import me.minav3.mma.domain.GenerationId;
import me.minav3.mma.domain.LiveEvent;
import me.minav3.mma.port.UserMessageSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live pipeline lines inside this process: the pipeline publishes, subscribers (SSE streams, a waiting CLI)
 * listen per generation. A slow or failing subscriber never holds up the pipeline.
 */
public final class LiveBus implements UserMessageSink {

    private static final Logger log = LoggerFactory.getLogger(LiveBus.class);

    private final Map<GenerationId, List<Consumer<LiveEvent>>> subscribers = new ConcurrentHashMap<>();
    private final List<Consumer<LiveEvent>> everything = new CopyOnWriteArrayList<>();

    @Override
    public void publish(LiveEvent event) {
        deliver(everything, event);
        List<Consumer<LiveEvent>> listeners = subscribers.get(event.generationId());
        if (listeners != null) {
            deliver(listeners, event);
        }
    }

    private static void deliver(List<Consumer<LiveEvent>> listeners, LiveEvent event) {
        for (Consumer<LiveEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.debug("live_subscriber_failed generation={} error=\"{}\"", event.generationId().mgId(), e.toString());
            }
        }
    }

    /** Listens to one generation until the returned handle is closed. */
    public AutoCloseable subscribe(GenerationId id, Consumer<LiveEvent> listener) {
        subscribers.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> subscribers.computeIfPresent(id, (k, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    /** Listens to every generation (e.g. to forward lines to other processes). */
    public void subscribeAll(Consumer<LiveEvent> listener) {
        everything.add(listener);
    }
}
