package me.minav3.bootstrap;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import me.minav3.mma.engine.LiveEvent;
import me.minav3.mma.providers.ProviderRegistry;

/**
 * The product's metrics (Prometheus): request latency (app-http), generations finished by status, provider
 * latency by provider and outcome, provider bulkheads, queue depth, database pool, live subscribers and the JVM.
 */
public final class Telemetry {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Counts a finished generation when its DONE event passes. */
    void observe(LiveEvent event) {
        if (event.type() == LiveEvent.Type.DONE) {
            registry.counter(
                            "mina.generations.finished",
                            "status",
                            String.valueOf(event.data().get("status")))
                    .increment();
        }
    }

    /** A gauge read at most every few seconds (database counts are not free). */
    void cachedGauge(String name, String description, Supplier<Number> value) {
        var cache = new Object() {
            volatile double last;
            volatile long readAt;
        };
        Gauge.builder(name, () -> {
                    long now = System.nanoTime();
                    if (now - cache.readAt > Duration.ofSeconds(5).toNanos()) {
                        try {
                            cache.last = value.get().doubleValue();
                        } catch (RuntimeException e) {
                            cache.last = Double.NaN;
                        }
                        cache.readAt = now;
                    }
                    return cache.last;
                })
                .description(description)
                .register(registry);
    }

    void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, () -> value.get().doubleValue())
                .description(description)
                .register(registry);
    }

    /**
     * A count that only grows, read from {@code source} when scraped. Micrometer holds {@code source} weakly: it must
     * be held elsewhere for as long as the process runs (a lambda made here would be collected and read as nothing).
     */
    <T> void counter(String name, String description, T source, ToDoubleFunction<T> value) {
        FunctionCounter.builder(name, source, value).description(description).register(registry);
    }

    private boolean jvmBound;

    /**
     * Heap, garbage collection, threads and CPU of this JVM ({@code jvm_*}, {@code process_*}, {@code system_*});
     * bound once, when a server that serves {@code /metrics} starts: a CLI call has no one to read them, and binding
     * them (the management beans, GC listeners) cost it ~3 % of its time (decision 050).
     */
    synchronized void jvm() {
        if (jvmBound) {
            return;
        }
        jvmBound = true;
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    /** Each provider role's bulkhead: its limit, the calls running and the calls waiting for a slot. */
    void providerLimits(Supplier<List<ProviderRegistry.Usage>> usage) {
        for (ProviderRegistry.Usage u : usage.get()) {
            Function<ToIntFunction<ProviderRegistry.Usage>, Supplier<Number>> read = field -> () -> usage.get().stream()
                    .filter(x -> x.provider().equals(u.provider()) && x.role().equals(u.role()))
                    .mapToInt(field)
                    .findFirst()
                    .orElse(0);
            gauge(
                    "mina.provider.limit",
                    "most calls at once to this provider role in this process (max_concurrency)",
                    read.apply(ProviderRegistry.Usage::limit),
                    u);
            gauge(
                    "mina.provider.active",
                    "calls to this provider role running now",
                    read.apply(ProviderRegistry.Usage::active),
                    u);
            gauge(
                    "mina.provider.waiting",
                    "calls waiting for a free slot of this provider role",
                    read.apply(ProviderRegistry.Usage::waiting),
                    u);
        }
    }

    private void gauge(String name, String description, Supplier<Number> value, ProviderRegistry.Usage u) {
        Gauge.builder(name, () -> value.get().doubleValue())
                .description(description)
                .tag("provider", u.provider())
                .tag("role", u.role())
                .register(registry);
    }

    /** Times one provider call ({@link ProviderRegistry.Around}). */
    <T> T timed(String provider, String role, Supplier<T> call) {
        long start = System.nanoTime();
        String outcome = "ok";
        try {
            return call.get();
        } catch (RuntimeException e) {
            outcome = "error";
            throw e;
        } finally {
            Timer.builder("mina.provider.latency")
                    .tag("provider", provider)
                    .tag("role", role)
                    .tag("outcome", outcome)
                    .publishPercentiles(0.5, 0.95, 0.99)
                    .register(registry)
                    .record(Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
