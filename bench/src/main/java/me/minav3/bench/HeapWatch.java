package me.minav3.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Samples each server's {@code /metrics} every 250 ms while a run lasts: the most heap in use (garbage included,
 * {@code jvm_memory_used_bytes{area="heap"}}) and the most live data after a collection
 * ({@code jvm_gc_live_data_size_bytes}).
 */
final class HeapWatch implements AutoCloseable {

    private final List<ServerProcess> servers;
    private final Map<String, Double> peakUsed = new ConcurrentHashMap<>();
    private final Map<String, Double> peakLive = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean stopped;

    HeapWatch(List<ServerProcess> servers) {
        this.servers = List.copyOf(servers);
        this.sampler = Thread.ofVirtual().name("heap-watch").start(this::sample);
    }

    private void sample() {
        while (!stopped) {
            for (ServerProcess server : servers) {
                if (!server.alive()) {
                    continue;
                }
                double used = server.metric("jvm_memory_used_bytes", "area=\"heap\"");
                double live = server.metric("jvm_gc_live_data_size_bytes", null);
                if (!Double.isNaN(used)) {
                    peakUsed.merge(server.name(), used, Math::max);
                }
                if (!Double.isNaN(live)) {
                    peakLive.merge(server.name(), live, Math::max);
                }
            }
            ServerProcess.sleep(250);
        }
    }

    double peakUsedMb(ServerProcess server) {
        return peakUsed.getOrDefault(server.name(), Double.NaN) / (1024 * 1024);
    }

    double peakLiveMb(ServerProcess server) {
        return peakLive.getOrDefault(server.name(), Double.NaN) / (1024 * 1024);
    }

    String describe() {
        StringBuilder text = new StringBuilder();
        for (ServerProcess server : servers) {
            text.append(String.format(Locale.ROOT, "%s: peak heap used %.0f MB, peak live data after GC %.0f MB; ",
                    server.name(), peakUsedMb(server), peakLiveMb(server)));
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
