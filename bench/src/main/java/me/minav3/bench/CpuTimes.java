package me.minav3.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CPU time used on this machine between two moments, split into the servers, PostgreSQL, this harness (the client
 * and the fake providers) and everything else: what a run spent its cores on. On Linux, the servers' share also names
 * what their JIT compiler threads used: a server still compiling is not yet at its steady state.
 */
final class CpuTimes {

    private static final Path PROC = Path.of("/proc");
    /** {@code getconf CLK_TCK}: {@code /proc}'s times are in USER_HZ, 100 on Linux (fixed in the kernel's ABI). */
    private static final double CLOCK_TICKS_PER_SECOND = 100;
    /** Fields 14–17 of {@code stat} (utime, stime, cutime, cstime) in {@link #statFields}. */
    private static final int UTIME = 11;

    private static final int STIME = 12;
    private static final int CUTIME = 13;
    private static final int CSTIME = 14;

    private final Map<Long, Duration> start;
    private final Map<Long, String> commands = new HashMap<>();
    private final Map<Long, Double> jitStart = new HashMap<>();

    private CpuTimes(Map<Long, Duration> start) {
        this.start = start;
    }

    static CpuTimes start() {
        CpuTimes times = new CpuTimes(new HashMap<>());
        times.start.putAll(times.snapshot());
        // Only JVMs have JIT threads: no need to read the threads of every other process on the machine.
        times.commands.forEach((pid, command) -> {
            if (command.endsWith("/java")) {
                times.jitStart.put(pid, jitSeconds(pid));
            }
        });
        return times;
    }

    /**
     * Seconds of CPU a JVM's JIT compiler threads ({@code C1 CompilerThre…}, {@code C2 CompilerThre…}) used so far;
     * 0 for a process that has none or where {@code /proc} cannot be read. Those threads live as long as the JVM, so
     * the difference of two readings is what the JIT used between them.
     */
    static double jitSeconds(long pid) {
        Path tasks = PROC.resolve(Long.toString(pid)).resolve("task");
        if (!Files.isDirectory(tasks)) {
            return 0;
        }
        double ticks = 0;
        try (var threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                try {
                    if (!Files.readString(thread.resolve("comm")).strip().matches("C[12] CompilerThre.*")) {
                        continue;
                    }
                    String[] fields = statFields(thread.resolve("stat"));
                    ticks += Long.parseLong(fields[UTIME]) + Long.parseLong(fields[STIME]);
                } catch (IOException | RuntimeException gone) {
                    // a thread that ended between the listing and the read used nothing more
                }
            }
        } catch (IOException unreadable) {
            return 0;
        }
        return ticks / CLOCK_TICKS_PER_SECOND;
    }

    /**
     * CPU time of a process's children that have exited and been waited for ({@code cutime} and {@code cstime}):
     * PostgreSQL's postmaster reaps its backends, so this is what the connections closed so far used. Zero where
     * {@code /proc} cannot be read.
     */
    static Duration reapedChildren(long pid) {
        try {
            String[] fields = statFields(PROC.resolve(Long.toString(pid)).resolve("stat"));
            long ticks = Long.parseLong(fields[CUTIME]) + Long.parseLong(fields[CSTIME]);
            return Duration.ofMillis(Math.round(ticks * 1000 / CLOCK_TICKS_PER_SECOND));
        } catch (IOException | RuntimeException unreadable) {
            return Duration.ZERO;
        }
    }

    /**
     * The fields of a {@code /proc} {@code stat} file after the command's closing parenthesis (the command may hold
     * spaces): index 0 is field 3 (the state), so field N is at N - 3.
     */
    private static String[] statFields(Path stat) throws IOException {
        String text = Files.readString(stat);
        return text.substring(text.lastIndexOf(')') + 2).split(" ");
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

    /** What the servers used since {@link #start()}, and how much of it their JIT compiler threads did. */
    record ServerShare(double seconds, double jitSeconds) {

        /** The JIT's part of the servers' CPU (0 when they used none). */
        double jitShare() {
            return seconds <= 0 ? 0 : jitSeconds / seconds;
        }
    }

    ServerShare servers(Set<Long> serverPids) {
        return new ServerShare(byGroup(serverPids).getOrDefault("servers", 0.0), jitSince(serverPids));
    }

    private double jitSince(Set<Long> serverPids) {
        return serverPids.stream()
                .mapToDouble(pid -> jitSeconds(pid) - jitStart.getOrDefault(pid, 0.0))
                .sum();
    }

    private Map<String, Double> byGroup(Set<Long> serverPids) {
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
        return seconds;
    }

    /** Seconds of CPU since {@link #start()}: servers (and their JIT's part), postgres, harness, other. */
    String describe(Set<Long> serverPids, int generations) {
        Map<String, Double> seconds = byGroup(serverPids);
        double jit = jitSince(serverPids);
        StringBuilder text = new StringBuilder("CPU seconds:");
        for (String group : new String[] {"servers", "postgres", "harness", "other"}) {
            double s = seconds.getOrDefault(group, 0.0);
            text.append(
                    String.format(Locale.ROOT, " %s %.1f (%.1f ms per generation", group, s, s * 1000 / generations));
            if (group.equals("servers")) {
                text.append(String.format(Locale.ROOT, "; of which the JIT compiling %.1f", jit));
            }
            text.append(");");
        }
        return text.toString();
    }
}
