package me.minav3.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Samples each server's {@code /metrics} every two seconds while a run lasts and keeps the peaks: heap in use (garbage
 * included, {@code jvm_memory_used_bytes{area="heap"}}), live data after a collection
 * ({@code jvm_gc_live_data_size_bytes}), generations running in the process and database connections in use, and
 * how often and how long the pipeline's statements waited for requests (decision 060).
 */
final class ServerWatch implements AutoCloseable {

    private record Gauge(String metric, String labelPart) {}

    static final String HEAP = "heap";
    static final String LIVE = "live";
    static final String IN_FLIGHT = "in_flight";
    static final String DB_ACTIVE = "db_active";
    /** Counters, so their peak is their last value: the pipeline's waits for requests (decision 060). */
    static final String YIELDED = "yielded";

    static final String YIELDED_SECONDS = "yielded_seconds";
    private static final Map<String, Gauge> GAUGES = Map.of(
            HEAP, new Gauge("jvm_memory_used_bytes", "area=\"heap\""),
            LIVE, new Gauge("jvm_gc_live_data_size_bytes", null),
            IN_FLIGHT, new Gauge("mina_generations_in_flight", null),
            DB_ACTIVE, new Gauge("mina_db_pool_active", null),
            YIELDED, new Gauge("mina_pipeline_yielded_total", null),
            YIELDED_SECONDS, new Gauge("mina_pipeline_yielded_seconds_total", null));

    private final List<ServerProcess> servers;
    private final Map<String, Double> peaks = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean stopped;

    ServerWatch(List<ServerProcess> servers) {
        this.servers = List.copyOf(servers);
        this.sampler = Thread.ofVirtual().name("server-watch").start(this::sample);
    }

    private void sample() {
        while (!stopped) {
            for (ServerProcess server : servers) {
                if (!server.alive()) {
                    continue;
                }
                String metrics = server.metrics(); // one scrape for every gauge: the server's CPU counts in the run
                if (metrics == null) {
                    continue;
                }
                GAUGES.forEach((name, gauge) -> peaks.merge(
                        server.name() + "/" + name,
                        ServerProcess.sum(metrics, gauge.metric(), gauge.labelPart()),
                        Math::max));
            }
            ServerProcess.sleep(2_000);
        }
    }

    /** The highest value seen of one of the gauges above on one server. */
    double peak(ServerProcess server, String gauge) {
        return peaks.getOrDefault(server.name() + "/" + gauge, Double.NaN);
    }

    double peakMb(ServerProcess server, String gauge) {
        return peak(server, gauge) / (1024 * 1024);
    }

    String describe() {
        StringBuilder text = new StringBuilder();
        for (ServerProcess server : servers) {
            text.append(String.format(
                    Locale.ROOT,
                    "%s: peak heap used %.0f MB, peak live data after GC %.0f MB, peak in flight %.0f, peak db connections %.0f%n",
                    server.name(),
                    peakMb(server, HEAP),
                    peakMb(server, LIVE),
                    peak(server, IN_FLIGHT),
                    peak(server, DB_ACTIVE)));
            if (peak(server, YIELDED) > 0) {
                text.append(String.format(
                        Locale.ROOT,
                        "%s: pipeline statements that waited for requests: %.0f, %.1f s in all (since it started)%n",
                        server.name(),
                        peak(server, YIELDED),
                        peak(server, YIELDED_SECONDS)));
            }
        }
        return text.toString().strip();
    }

    @Override
    public void close() {
        stopped = true;
        try {
            sampler.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
