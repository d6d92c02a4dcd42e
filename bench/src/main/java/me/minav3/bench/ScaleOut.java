package me.minav3.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Throughput of one {@code mina serve} against two on the same PostgreSQL, in the same run: rounds alternate
 * between one process (the second one frozen with SIGSTOP, so it claims nothing but stays warm) and two. Each
 * round submits N stills over HTTP to the first server and times them until the last one finished; jobs are shared
 * through the database ({@code FOR UPDATE SKIP LOCKED}). Each process runs at most {@code --workers} generations
 * at once, the fake providers take {@code --latency-ms} per call.
 *
 * <pre>bench/run ScaleOut [--generations 300] [--latency-ms 1000] [--workers 16] [--rounds 3] [--warmup 300]</pre>
 */
public final class ScaleOut {

    private ScaleOut() {}

    public static void main(String[] argv) throws Exception {
        Args args = Args.of(argv);
        int generations = args.integer("--generations", 300);
        int rounds = args.integer("--rounds", 3);
        int latencyMs = args.integer("--latency-ms", 1000);
        int warmup = args.integer("--warmup", 300);
        try (Cluster cluster = Cluster.start(args.text("--database-url", null))) {
            cluster.jvmOptions(List.of("-Xmx" + args.text("--heap", "512m")));
            Map<String, String> env = Map.of(
                    "MINA_WORKERS", args.text("--workers", "16"), "MINA_DB_POOL_SIZE", args.text("--pool", "10"));
            List<ServerProcess> servers = cluster.startServers("server", 2, env);
            ServerProcess first = servers.get(0);
            ServerProcess second = servers.get(1);
            AtomicInteger userNumber = new AtomicInteger();

            cluster.providers().latency(Duration.ZERO);
            round(cluster, first, warmup, userNumber); // both processes warm up their JIT, not counted
            cluster.providers().latency(Duration.ofMillis(latencyMs));

            List<Double> one = new ArrayList<>();
            List<Double> two = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                second.pause();
                ServerProcess.sleep(500);
                double single = round(cluster, first, generations, userNumber);
                second.resume();
                double both = round(cluster, first, generations, userNumber);
                one.add(single);
                two.add(both);
                System.out.printf(
                        Locale.ROOT,
                        "round %d: one process %.2f stills/s, two processes %.2f stills/s%n",
                        r + 1,
                        single,
                        both);
            }
            double a = Stats.median(one);
            double b = Stats.median(two);
            System.out.printf(Locale.ROOT, "%nmedian: one process %.2f stills/s, two processes %.2f stills/s%n", a, b);
            System.out.printf(Locale.ROOT, "ratio: %.2f (target >= 1.6)%n", b / a);
            for (ServerProcess server : servers) {
                System.out.printf(
                        Locale.ROOT,
                        "%s finished %.0f generations%n",
                        server.name(),
                        server.metric("mina_generations_finished_total", null));
            }
            System.out.println("ledger: " + cluster.audit().describe());
        }
    }

    /** Submits {@code n} stills to {@code server} and returns stills per second until the last one finished. */
    private static double round(Cluster cluster, ServerProcess server, int n, AtomicInteger userNumber)
            throws InterruptedException {
        List<StudioClient> users = new ArrayList<>();
        for (int u = 0; u < (n + 9) / 10; u++) {
            users.add(cluster.user("scale" + userNumber.incrementAndGet() + "@example.com", 10, server));
        }
        CpuTimes cpu = CpuTimes.start();
        Instant start = Instant.now();
        Semaphore inFlight = new Semaphore(32);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                StudioClient user = users.get(i % users.size());
                String brief = "bottle " + i;
                inFlight.acquire();
                executor.submit(() -> {
                    try {
                        if (user.createStill(brief).status() != 202) {
                            throw new IllegalStateException("a create was refused");
                        }
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        if (!cluster.awaitAllFinished(Duration.ofMinutes(10))) {
            throw new IllegalStateException("a round did not finish");
        }
        double seconds = Duration.between(start, cluster.audit().lastFinished()).toNanos() / 1e9;
        System.out.println("  "
                + cpu.describe(
                        Set.copyOf(cluster.servers().stream()
                                .map(ServerProcess::pid)
                                .toList()),
                        n));
        return n / seconds;
    }
}
