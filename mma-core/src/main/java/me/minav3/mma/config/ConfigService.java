package me.minav3.mma.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import me.minav3.mma.common.Clock;
import me.minav3.mma.error.ConfigurationError;

/**
 * Reads the newest version of config keys with a short cache, so a hot path does not query the database each
 * time and a published version takes effect within {@link #DEFAULT_TTL}.
 */
public final class ConfigService {

    public static final Duration DEFAULT_TTL = Duration.ofSeconds(2);

    private final ConfigStore store;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

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
        java.time.Instant now = clock.now();
        Cached cached = cache.get(key);
        if (cached == null
                || !cached.fetchedAt().plus(ttl).isAfter(now)
                || cached.fetchedAt().isAfter(now)) {
            cached = new Cached(store.latest(key), now);
            cache.put(key, cached);
        }
        return cached.version();
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
