package me.minav3.bootstrap;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listeners per key (a generation's stream, a customer's balance stream). Delivery runs on the caller's thread and
 * a listener that throws is logged and skipped: a failing subscriber never holds up the writer or the others.
 */
final class Subscribers<K, V> {

    private static final Logger log = LoggerFactory.getLogger(Subscribers.class);

    private final String name;
    private final Map<K, List<Consumer<V>>> byKey = new ConcurrentHashMap<>();

    /** @param name names the log line of a failing listener */
    Subscribers(String name) {
        this.name = name;
    }

    /** Adds a listener of {@code key}; closing the result removes it (and the key once it has none). */
    AutoCloseable subscribe(K key, Consumer<V> listener) {
        byKey.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> byKey.computeIfPresent(key, (k, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    void deliver(K key, V value) {
        List<Consumer<V>> listeners = byKey.get(key);
        if (listeners == null) {
            return;
        }
        for (Consumer<V> listener : listeners) {
            try {
                listener.accept(value);
            } catch (RuntimeException e) {
                log.debug("{}_subscriber_failed error=\"{}\"", name, e.toString());
            }
        }
    }

    /** Listeners right now (a metric, and what tests watch). */
    int count() {
        return byKey.values().stream().mapToInt(List::size).sum();
    }
}
