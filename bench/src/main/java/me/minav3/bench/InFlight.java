package me.minav3.bench;

import static me.minav3.mma.common.Json.obj;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import me.minav3.mma.config.ConfigService;

/**
 * Many generations in flight at once in one {@code mina serve} with a bounded heap: N stills created over HTTP as
 * fast as the server takes them, every provider call taking {@code latency} (the fake providers: a reader, a
 * Seedream still and a post-scan per still), against the wall time of one still alone on the same server in the
 * same run (the baseline), both on a server warmed up first (below). Prints both, the ratio, the server's peak heap,
 * live data and generations in flight, the CPU time each process used (and the server's JIT's and GC's parts of it),
 * the WAL PostgreSQL wrote (and how much of it was full images of pages, which follow each checkpoint) and what the
 * server allocated.
 *
 * <pre>bench/run InFlight [--generations 2000] [--latency-ms 2000] [--warmup N] [--warmup-batches 8]
 *                     [--jit-settled 0.10] [--rounds 1] [--heap 512m] [--workers 2500] [--pool 10]
 *                     [--jvm "more server JVM options"] [--histogram yes] [--profile batch.jfr] [--statements yes]
 *                     [--inline-images never|auto|LIST] [--server-env "NAME=value …"]</pre>
 *
 * <p>The warm-up runs batches of {@code --warmup} stills (default: the batch size), uncounted, until the server's JIT
 * compiler threads used less than {@code --jit-settled} of its CPU in one (at most {@code --warmup-batches}): on two
 * busy cores C2 is still compiling after the first few thousand stills, and a running server finished that long ago.
 * {@code --rounds N} runs the counted batch N times on the same server, each with its own figures.
 *
 * <p>{@code --statements yes} loads {@code pg_stat_statements} into the embedded server and prints, per generation of
 * the counted batch, the statements that took PostgreSQL the most execution time.
 */
public final class InFlight {

    /** Bytes the server allocated, counted at each collection (Micrometer's {@code JvmGcMetrics}). */
    private static final String ALLOCATED = "jvm_gc_memory_allocated_bytes_total";
    /** Stills one user gets in one batch: the batch goes round the users. */
    private static final int PER_BATCH = 5;

    private InFlight() {}

    public static void main(String[] argv) throws Exception {
        Args args = Args.of(argv);
        int generations = args.integer("--generations", 2000);
        int latencyMs = args.integer("--latency-ms", 2000);
        int rounds = args.integer("--rounds", 1);
        int maxWarmups = args.integer("--warmup-batches", 8);
        double settled = args.decimal("--jit-settled", 0.10);
        try (Cluster cluster = Cluster.start(args.text("--database-url", null))) {
            cluster.jvmOptions(args.serverJvm());
            boolean statements = args.text("--statements", "no").equals("yes");
            if (statements) {
                Statements.load(cluster.database(), () -> cluster.restartDatabase(Duration.ZERO));
            }
            cluster.providers().latency(Duration.ofMillis(latencyMs));
            // Enough slots for every generation: this run measures MINA, not a provider's concurrency limit.
            int slots = generations + 500;
            // "never" (the default): images reach GPT by URL, as they do in production, where R2 URLs are public;
            // "auto" inlines them, as on a developer machine whose asset URLs are local (decision 057). A list
            // ("auto,never,never,auto") gives the counted rounds their modes in turn, on the same warm server (the
            // warm-up uses the first).
            List<String> inlineModes =
                    List.of(args.text("--inline-images", "never").split(","));
            cluster.publishGpt(slots, inlineModes.get(0));
            cluster.publish(
                    "mma.provider.seedream.defaults", obj("model", "seedream-4-0-250828", "max_concurrency", slots));
            ServerProcess server = cluster.startServer(
                    "server",
                    args.serverEnv(Map.of(
                            "MINA_WORKERS",
                            args.text("--workers", Integer.toString(slots)),
                            "MINA_DB_POOL_SIZE",
                            args.text("--pool", "10"))));
            int warmup = args.integer("--warmup", generations);
            // Each user takes at most PER_BATCH stills of a batch (submitAll goes round them) and can pay for every
            // batch this run may submit; user 0 runs the single stills.
            int batches = maxWarmups + rounds;
            List<StudioClient> users = new ArrayList<>();
            for (int u = 0; u <= (Math.max(generations, warmup) + PER_BATCH - 1) / PER_BATCH; u++) {
                users.add(cluster.user("inflight" + u + "@example.com", (long) PER_BATCH * batches + 5, server));
            }
            List<StudioClient> batchUsers = users.subList(1, users.size());
            cluster.providers().latency(Duration.ofMillis(latencyMs));
            warmUp(cluster, server, batchUsers, warmup, maxWarmups, settled);
            try (ServerWatch watch = new ServerWatch(List.of(server))) {
                singleWall(cluster, users.get(0)); // not counted either
                List<Double> singles = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    singles.add(singleWall(cluster, users.get(0)));
                }
                double single = Stats.median(singles);
                System.out.printf(
                        Locale.ROOT,
                        "one still alone: %s s (median %.2f s)%n",
                        singles.stream()
                                .map(s -> String.format(Locale.ROOT, "%.2f", s))
                                .toList(),
                        single);

                String profile = args.text("--profile", null);
                if (profile != null) {
                    jcmd(
                            server,
                            "JFR.start",
                            "name=batch",
                            "settings=profile",
                            "filename=" + Path.of(profile).toAbsolutePath());
                }
                for (int round = 1; round <= rounds; round++) {
                    if (rounds > 1) {
                        System.out.printf(Locale.ROOT, "== round %d of %d%n", round, rounds);
                    }
                    if (inlineModes.size() > 1) {
                        String mode = inlineModes.get((round - 1) % inlineModes.size());
                        cluster.publishGpt(slots, mode);
                        // a published version takes effect within the config cache's time to live
                        ServerProcess.sleep(ConfigService.DEFAULT_TTL.toMillis() + 1_000);
                        System.out.println(
                                "GPT's input images: " + ("never".equals(mode) ? "by URL" : "inline (" + mode + ")"));
                    }
                    if (statements) {
                        Statements.reset(cluster.database());
                    }
                    Instant start = Instant.now();
                    CpuTimes cpu = CpuTimes.start();
                    double allocatedBefore = server.metric(ALLOCATED, null);
                    Statements.Wal walBefore = Statements.wal(cluster.database());
                    Statements.Table scansBefore = Statements.table(cluster.database());
                    double submitSeconds = submitAll(batchUsers, generations);
                    if (args.text("--histogram", null) != null) {
                        histogram(server);
                    }
                    if (!cluster.awaitAllFinished(Duration.ofMinutes(10))) {
                        throw new IllegalStateException("not every generation finished within 10 minutes");
                    }
                    LedgerAudit.Report audit = cluster.audit();
                    String cpuUsed = cpu.describe(java.util.Set.of(server.pid()), generations);
                    double allocated = server.metric(ALLOCATED, null) - allocatedBefore;
                    double wall = Duration.between(start, audit.lastFinished()).toNanos() / 1e9;
                    System.out.printf(
                            Locale.ROOT,
                            "%d stills at once: %.2f s (submitting took %.2f s)%n",
                            generations,
                            wall,
                            submitSeconds);
                    System.out.printf(
                            Locale.ROOT, "ratio: %.2f x the wall time of one (target <= 2.0)%n", wall / single);
                    System.out.println("ledger: " + audit.describe());
                    System.out.println(cpuUsed);
                    System.out.println(Statements.walBetween(
                            walBefore, Statements.wal(cluster.database()), generations, "generation"));
                    System.out.println(Statements.scansBetween(
                            scansBefore, Statements.table(cluster.database()), generations, "generation"));
                    System.out.println(Statements.jsonSizes(cluster.database(), 200));
                    System.out.println(Statements.timeline(cluster.database(), start, latencyMs));
                    System.out.printf(
                            Locale.ROOT,
                            "server allocated: %.0f MB (%.0f KB per generation, as of its last collection)%n",
                            allocated / 1e6,
                            allocated / 1e3 / generations);
                    System.out.println(watch.describe());
                    System.out.println(cluster.providers().describe());
                    if (statements) {
                        System.out.println("statements of the batch, by execution time:");
                        System.out.println(Statements.byTime(cluster.database(), generations, "generation", 15));
                    }
                }
                if (profile != null) {
                    jcmd(server, "JFR.stop", "name=batch");
                }
            }
        }
    }

    /**
     * Uncounted batches until the server's JIT has settled ({@link WarmUp}); after each, PostgreSQL's part of the CPU
     * and how it read the table: a batch whose database CPU per still is far above the others' says so here, before
     * any counted round.
     */
    private static void warmUp(
            Cluster cluster, ServerProcess server, List<StudioClient> users, int warmup, int maxBatches, double settled)
            throws Exception {
        Statements.Table[] scansBefore = {Statements.Table.NONE}; // read as each batch begins
        WarmUp.untilTheJitSettles(
                server,
                maxBatches,
                settled,
                number -> {
                    scansBefore[0] = Statements.table(cluster.database());
                    submitAll(users, warmup);
                    if (!cluster.awaitAllFinished(Duration.ofMinutes(10))) {
                        throw new IllegalStateException("the warm-up batch did not finish within 10 minutes");
                    }
                },
                cpu -> "  " + cpu.describe(java.util.Set.of(server.pid()), warmup) + "\n  "
                        + Statements.scansBetween(
                                scansBefore[0], Statements.table(cluster.database()), warmup, "generation"));
    }

    /** The server's heap by class right now (live objects), top lines: where the memory of a run goes. */
    private static void histogram(ServerProcess server) throws Exception {
        jcmd(server, "GC.class_histogram").lines().limit(25).forEach(System.out::println);
    }

    private static String jcmd(ServerProcess server, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(server.pid())));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String text = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor();
        return text;
    }

    /** Seconds from submitting one still until it finished (the server's own finish time). */
    private static double singleWall(Cluster cluster, StudioClient user) {
        Instant start = Instant.now();
        StudioClient.Reply reply = user.createStill("one amber bottle alone");
        if (reply.status() != 202) {
            throw new IllegalStateException("create failed: " + reply);
        }
        cluster.awaitAllFinished(Duration.ofMinutes(2));
        return Duration.between(start, cluster.audit().lastFinished()).toNanos() / 1e9;
    }

    /** Submits {@code n} stills from the users, 64 requests at a time; returns how long submitting took. */
    private static double submitAll(List<StudioClient> users, int n) throws InterruptedException {
        long start = System.nanoTime();
        AtomicInteger refused = new AtomicInteger();
        Semaphore inFlight = new Semaphore(64);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                StudioClient user = users.get(i % users.size());
                String brief = "amber bottle " + i;
                inFlight.acquire();
                executor.submit(() -> {
                    try {
                        if (user.createStill(brief).status() != 202) {
                            refused.incrementAndGet();
                        }
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        if (refused.get() > 0) {
            throw new IllegalStateException(refused.get() + " creates were refused");
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
