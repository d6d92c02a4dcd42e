package me.minav3.mma.assets;

import java.time.Duration;
import java.time.Instant;
import me.minav3.mma.common.Clock;
import org.jspecify.annotations.Nullable;

/**
 * The asset store's health for {@code /health}, checked at most once per {@code ttl} however often it is asked
 * (each check is one bounded call: the store's own timeout), so a probe every second costs one request in a few.
 */
public final class StorageStatus {

    public static final Duration TTL = Duration.ofSeconds(5);

    private record Cached(StorageHealth health, Instant at) {}

    private final AssetStore store;
    private final Clock clock;
    private final Duration ttl;
    private volatile @Nullable Cached cached;

    public StorageStatus(AssetStore store, Clock clock, Duration ttl) {
        this.store = store;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The last check when it is fresh, else a new one (callers arriving meanwhile wait for it, not start their own). */
    public StorageHealth current() {
        Cached last = cached;
        Instant now = clock.now();
        if (last != null && fresh(last, now)) {
            return last.health();
        }
        synchronized (this) {
            last = cached;
            if (last != null && fresh(last, clock.now())) {
                return last.health();
            }
            StorageHealth health = check();
            cached = new Cached(health, clock.now());
            return health;
        }
    }

    private boolean fresh(Cached last, Instant now) {
        return !now.isBefore(last.at()) && now.isBefore(last.at().plus(ttl));
    }

    private StorageHealth check() {
        try {
            return store.check();
        } catch (RuntimeException e) {
            return new StorageHealth(StorageHealth.Status.UNREACHABLE, "the check failed: " + e);
        }
    }
}
