package me.minav3.mma.providers;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import me.minav3.mma.common.ProviderTrace;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.config.ConfigVersion;
import me.minav3.mma.config.ProviderConcurrency;
import me.minav3.mma.error.ProviderFailure;

/**
 * A bulkhead per provider and role: at most {@code max_concurrency} calls at once in this process, the rest wait
 * their turn in arrival order. A slow provider then holds a bounded number of sockets and buffers however many
 * generations are in flight; waiting parks a virtual thread and holds no database connection. The size follows
 * the newest config row, read at each call (the config service caches it).
 */
final class ProviderLimits {

    private final ConfigService config;
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();

    ProviderLimits(ConfigService config) {
        this.config = config;
    }

    ProviderRegistry.Available wrap(ProviderRegistry.Available available) {
        return available.around(this::call);
    }

    List<ProviderRegistry.Usage> usage() {
        return gates.values().stream()
                .map(Gate::usage)
                .sorted(Comparator.comparing(ProviderRegistry.Usage::provider)
                        .thenComparing(ProviderRegistry.Usage::role))
                .toList();
    }

    /** Opens the bulkheads of every adapter up front, so metrics list them before their first call. */
    void register(ProviderRegistry.Available available) {
        available.vision().keySet().forEach(name -> gate(name, "vision"));
        available.images().keySet().forEach(name -> gate(name, "still"));
        available.videos().keySet().forEach(name -> gate(name, "video"));
        available.commerce().keySet().forEach(name -> gate(name, "commerce"));
        available.editors().keySet().forEach(name -> gate(name, "edit"));
    }

    <T> T call(String provider, String role, Supplier<T> call) {
        Gate gate = gate(provider, role);
        gate.enter();
        try {
            return call.get();
        } finally {
            gate.leave();
        }
    }

    private Gate gate(String provider, String role) {
        Gate gate = gates.computeIfAbsent(provider + "/" + role, k -> new Gate(provider, role));
        String key = ConfigKeys.providerDefaults(provider);
        Optional<ConfigVersion> latest = config.latest(key);
        // Version 0: the built-in value of a key never published.
        gate.resize(
                ProviderConcurrency.of(
                        provider, role, latest.map(ConfigVersion::value).orElseGet(() -> config.value(key))),
                latest.map(ConfigVersion::version).orElse(0));
        return gate;
    }

    /**
     * A fair semaphore whose number of permits can follow the config up and down, to the newest version it was given:
     * a call that read an older version (the config service answers a key's overlapping readers from the version it
     * had) never moves the limit back.
     */
    static final class Gate {
        private final String provider;
        private final String role;
        private final Permits permits = new Permits();
        private final AtomicInteger waiting = new AtomicInteger();
        private final AtomicInteger active = new AtomicInteger();
        private int limit;
        private int version = -1;

        Gate(String provider, String role) {
            this.provider = provider;
            this.role = role;
        }

        synchronized void resize(int newLimit, int configVersion) {
            if (configVersion < version) {
                return;
            }
            version = configVersion;
            if (newLimit > limit) {
                permits.release(newLimit - limit);
            } else if (newLimit < limit) {
                permits.reduce(limit - newLimit); // calls already running finish; new ones wait for the lower limit
            }
            limit = newLimit;
        }

        void enter() {
            waiting.incrementAndGet();
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderFailure(
                        provider,
                        ProviderFailure.Kind.TIMEOUT,
                        "stopped while waiting for a free " + provider + " slot",
                        ProviderTrace.EMPTY,
                        e);
            } finally {
                waiting.decrementAndGet();
            }
            active.incrementAndGet();
        }

        void leave() {
            active.decrementAndGet();
            permits.release();
        }

        synchronized ProviderRegistry.Usage usage() {
            return new ProviderRegistry.Usage(provider, role, limit, active.get(), waiting.get());
        }
    }

    /** {@link Semaphore#reducePermits} is protected; shrinking a bulkhead needs it. */
    private static final class Permits extends Semaphore {
        Permits() {
            super(0, true);
        }

        void reduce(int n) {
            reducePermits(n);
        }
    }
}
