package me.minav3.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CPU time used on this machine between two moments, split into the servers, PostgreSQL, this harness (the client
 * and the fake providers) and everything else: what a run spent its cores on.
 */
final class CpuTimes {

    private final Map<Long, Duration> start;
    private final Map<Long, String> commands = new HashMap<>();

    private CpuTimes(Map<Long, Duration> start) {
        this.start = start;
    }

    static CpuTimes start() {
        CpuTimes times = new CpuTimes(new HashMap<>());
        times.start.putAll(times.snapshot());
        return times;
    }

    private Map<Long, Duration> snapshot() {
        Map<Long, Duration> cpu = new HashMap<>();
        ProcessHandle.allProcesses()
                .forEach(p -> p.info().totalCpuDuration().ifPresent(d -> {
                    cpu.put(p.pid(), d);
                    commands.put(p.pid(), p.info().command().orElse("?"));
                }));
        return cpu;
    }

    /** Seconds of CPU since {@link #start()}: servers, postgres, harness, other. */
    String describe(Set<Long> serverPids, int generations) {
        Map<String, Double> seconds = new HashMap<>();
        long self = ProcessHandle.current().pid();
        snapshot().forEach((pid, now) -> {
            double used =
                    (now.toNanos() - start.getOrDefault(pid, Duration.ZERO).toNanos()) / 1e9;
            String command = commands.getOrDefault(pid, "?");
            String group = serverPids.contains(pid)
                    ? "servers"
                    : pid == self ? "harness" : command.endsWith("/postgres") ? "postgres" : "other";
            seconds.merge(group, used, Double::sum);
        });
        StringBuilder text = new StringBuilder("CPU seconds:");
        for (String group : new String[] {"servers", "postgres", "harness", "other"}) {
            double s = seconds.getOrDefault(group, 0.0);
            text.append(
                    String.format(Locale.ROOT, " %s %.1f (%.1f ms per generation);", group, s, s * 1000 / generations));
        }
        return text.toString();
    }
}
