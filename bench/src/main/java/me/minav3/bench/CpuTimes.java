package me.minav3.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CPU time used on this machine between two moments, split into the servers, PostgreSQL, this harness (the client
 * and the fake providers) and everything else: what a run spent its cores on. On Linux, the servers' share also names
 * what their JIT compiler threads used (a server still compiling is not yet at its steady state) and what their
 * garbage collector's threads used.
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
    private final Map<Long, Double> gcStart = new HashMap<>();

    /** HotSpot's compiler threads, as {@code /proc} names them (at most 15 characters). */
    private static final Pattern JIT_THREADS = Pattern.compile("C[12] CompilerThre.*");
    /** G1's (and the parallel collector's) own threads: its workers, marking, refinement, service thread. */
    private static final Pattern GC_THREADS = Pattern.compile("GC Thread#.*|G1 .*");

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
                times.gcStart.put(pid, threadSeconds(pid, GC_THREADS));
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
        return threadSeconds(pid, JIT_THREADS);
    }

    /** Seconds of CPU the threads of a process whose names match {@code names} used so far (as {@link #jitSeconds}). */
    private static double threadSeconds(long pid, Pattern names) {
        Path tasks = PROC.resolve(Long.toString(pid)).resolve("task");
        if (!Files.isDirectory(tasks)) {
            return 0;
        }
        double ticks = 0;
        try (var threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                try {
                    if (!names.matcher(Files.readString(thread.resolve("comm")).strip())
                            .matches()) {
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
        return new ServerShare(byGroup(serverPids, usedSince()).getOrDefault("servers", 0.0), jitSince(serverPids));
    }

    private double jitSince(Set<Long> serverPids) {
        return serverPids.stream()
                .mapToDouble(pid -> jitSeconds(pid) - jitStart.getOrDefault(pid, 0.0))
                .sum();
    }

    private double gcSince(Set<Long> serverPids) {
        return serverPids.stream()
                .mapToDouble(pid -> threadSeconds(pid, GC_THREADS) - gcStart.getOrDefault(pid, 0.0))
                .sum();
    }

    /** Seconds of CPU each process used since {@link #start()}; one started since then counts whole. */
    private Map<Long, Double> usedSince() {
        Map<Long, Double> used = new HashMap<>();
        snapshot()
                .forEach((pid, now) -> used.put(
                        pid,
                        (now.toNanos() - start.getOrDefault(pid, Duration.ZERO).toNanos()) / 1e9));
        return used;
    }

    private Map<String, Double> byGroup(Set<Long> serverPids, Map<Long, Double> usedSince) {
        Map<String, Double> seconds = new HashMap<>();
        long self = ProcessHandle.current().pid();
        usedSince.forEach((pid, used) -> {
            String command = commands.getOrDefault(pid, "?");
            String group = serverPids.contains(pid)
                    ? "servers"
                    : pid == self ? "harness" : command.endsWith("/postgres") ? "postgres" : "other";
            seconds.merge(group, used, Double::sum);
        });
        return seconds;
    }

    /**
     * PostgreSQL's processes by what their title ({@code /proc/<pid>/cmdline}, which PostgreSQL rewrites) says now:
     * {@code connections} (a client's backend: "postgres: user db host(port) …"), {@code autovacuum} (its workers)
     * or {@code background} (the postmaster, checkpointer, WAL writer, I/O workers, the autovacuum launcher…).
     */
    static String postgresRole(long pid) {
        String title;
        try {
            title = Files.readString(PROC.resolve(Long.toString(pid)).resolve("cmdline"))
                    .replace('\0', ' ')
                    .strip();
        } catch (IOException | RuntimeException gone) {
            return "background";
        }
        if (title.contains("autovacuum worker")) {
            return "autovacuum";
        }
        return title.matches("postgres: \\S+ \\S+ [^ ]+\\(\\d+\\).*") ? "connections" : "background";
    }

    /** Seconds of CPU since {@link #start()}: servers (and their JIT's and GC's parts), postgres, harness, other. */
    String describe(Set<Long> serverPids, int generations) {
        Map<Long, Double> usedSince = usedSince();
        Map<String, Double> seconds = byGroup(serverPids, usedSince);
        Map<String, Double> postgres = new java.util.TreeMap<>();
        usedSince.forEach((pid, used) -> {
            if (commands.getOrDefault(pid, "?").endsWith("/postgres")) {
                postgres.merge(postgresRole(pid), used, Double::sum);
            }
        });
        double jit = jitSince(serverPids);
        StringBuilder text = new StringBuilder("CPU seconds:");
        for (String group : new String[] {"servers", "postgres", "harness", "other"}) {
            double s = seconds.getOrDefault(group, 0.0);
            text.append(
                    String.format(Locale.ROOT, " %s %.1f (%.1f ms per generation", group, s, s * 1000 / generations));
            if (group.equals("servers")) {
                text.append(String.format(
                        Locale.ROOT, "; of which the JIT compiling %.1f, the GC %.1f", jit, gcSince(serverPids)));
            }
            if (group.equals("postgres") && !postgres.isEmpty()) {
                text.append("; of which");
                postgres.forEach((role, used) -> text.append(String.format(Locale.ROOT, " %s %.1f", role, used)));
            }
            text.append(");");
        }
        return text.toString();
    }
}
