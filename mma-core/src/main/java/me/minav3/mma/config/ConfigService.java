package me.minav3.mma.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import me.minav3.mma.common.Clock;
import me.minav3.mma.error.ConfigurationError;

/**
 * Reads the newest version of config keys with a short cache, so a hot path does not query the database each
 * time and a published version takes effect within {@link #DEFAULT_TTL}.
 *
 * <p>One read per key at a time: when a cached key expires, the first caller reads it again and every other caller
 * answers from the version it had until that read is back (a running pipeline's threads would otherwise each queue a
 * read of the same row for a connection, decision 047). A key never read yet, or {@link #invalidate invalidated},
 * is waited for.
 */
public final class ConfigService {

    public static final Duration DEFAULT_TTL = Duration.ofSeconds(2);

    private final ConfigStore store;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> reading = new ConcurrentHashMap<>();

    private record Cached(Optional<ConfigVersion> version, java.time.Instant fetchedAt) {}

    public ConfigService(ConfigStore store, Clock clock, Duration ttl) {
        this.store = store;
        this.clock = clock;
        this.ttl = ttl;
    }

    public ConfigService(ConfigStore store, Clock clock) {
        this(store, clock, DEFAULT_TTL);
    }

    /** Writes version 1 of every default key that has no version yet. */
    public void seedDefaults() {
        DefaultConfig.values().forEach((key, value) -> store.seed(key, value, clock.now()));
        cache.clear();
    }

    /** The newest version of a key. */
    public Optional<ConfigVersion> latest(String key) {
        Cached cached = cache.get(key);
        if (cached != null && fresh(cached, clock.now())) {
            return cached.version();
        }
        ReentrantLock lock = reading.computeIfAbsent(key, k -> new ReentrantLock());
        if (cached != null && !lock.tryLock()) {
            return cached.version(); // another caller is reading it right now
        }
        if (cached == null) {
            lock.lock();
        }
        try {
            java.time.Instant now = clock.now();
            Cached current = cache.get(key);
            if (current != null && fresh(current, now)) {
                return current.version(); // read by the caller we waited for
            }
            Cached read = new Cached(store.latest(key), now);
            cache.put(key, read);
            return read.version();
        } finally {
            lock.unlock();
        }
    }

    private boolean fresh(Cached cached, java.time.Instant now) {
        return cached.fetchedAt().plus(ttl).isAfter(now) && !cached.fetchedAt().isAfter(now);
    }

    /** The newest version of a key that must exist (every default key is seeded on start). */
    public ConfigVersion require(String key) {
        return latest(key)
                .orElseThrow(() -> new ConfigurationError("config key " + key + " has no version; "
                        + "start the app once to seed the defaults, or publish it with `mina config publish`"));
    }

    /** The newest value of a key, or its built-in default when the key was never published. */
    public Map<String, Object> value(String key) {
        return latest(key)
                .map(ConfigVersion::value)
                .orElseGet(() -> DefaultConfig.values().getOrDefault(key, Map.of()));
    }

    /** Forgets cached versions (after a publish in this process). */
    public void invalidate(String key) {
        cache.remove(key);
    }
}
