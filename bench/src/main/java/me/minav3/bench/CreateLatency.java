package me.minav3.bench;

import static me.minav3.mma.common.Json.obj;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * P7: how long {@code POST /api/stills} takes while a server runs thousands of stills, against the same call on the
 * same server idle. One {@code mina serve} (bounded heap, the fake providers, every provider call taking
 * {@code latency}); after an uncounted warm-up batch, a few probe clients create stills at a steady pace on the idle
 * server (the reference), then again while a batch of N stills is created {@code --concurrency} at a time and runs
 * (the probes count from the batch's first create to its last finish). Prints both probes' percentiles, the p99
 * ratio, every create of the batch that was refused (by status) and the server's peaks. The loaded probes are also
 * split by when they started: during the creation storm (before the batch's last create was answered: requests
 * against requests) and after it, while the stills run (requests against the pipeline: what P7 is about).
 * The warm-up repeats its batch until the server's JIT compiler threads used less than {@code --jit-settled} of its
 * CPU in one, at most {@code --warmup-batches} times, as P3's does ({@link WarmUp}; {@code --warmup-batches 1} is the
 * single warm-up batch of sessions 30–38).
 * {@code --idle-probes} sets the idle reference's size apart from {@code --probes} (the loaded probes are five times
 * {@code --probes}): with 60 idle probes their p99 is their slowest one, so the ratios move with one probe.
 * {@code --rounds N} runs the batch N times on the same server, one after the other against the one idle reference,
 * each with users of its own, and prints each round's figures and the median of P7's figure (after the storm): about
 * 260 probes after a storm make its p99 their third slowest, and one run's figure moved between 2.4× and 5.3× on
 * one build in one sitting (session 49).
 * Each probe goes on a connection of its own from a platform thread, as another user's browser would
 * ({@code --probe-client socket}); {@code jdk} sends them through the harness's one JDK client, {@code both} splits
 * the probers and prints each side (decision 056).
 * GPT gets its images by URL, as in production, unless {@code --inline-images auto} (a developer machine's path,
 * which sessions 30–39 measured; decisions 057, 060).
 *
 * <pre>bench/run CreateLatency [--generations 2000] [--latency-ms 2000] [--concurrency 256] [--warmup 1000]
 *                          [--warmup-batches 8] [--jit-settled 0.10] [--probes 100] [--idle-probes PROBES]
 *                          [--probers 4] [--pace-ms 200] [--heap 512m] [--pool 10]
 *                          [--request-connections N] [--probe-client socket|jdk|both] [--jvm "more server JVM options"]
 *                          [--server-env "NAME=value …"] [--inline-images never|auto] [--rounds 1]</pre>
 */
public final class CreateLatency {

    static final int PER_USER = 10; // under the default 20 creates per minute per user

    private CreateLatency() {}

    public static void main(String[] argv) throws Exception {
        Args args = Args.of(argv);
        int generations = args.integer("--generations", 2000);
        int latencyMs = args.integer("--latency-ms", 2000);
        int concurrency = args.integer("--concurrency", 256);
        int warmup = args.integer("--warmup", 1000);
        int probes = args.integer("--probes", 100);
        int idleProbes = args.integer("--idle-probes", probes);
        int probers = args.integer("--probers", 4);
        int paceMs = args.integer("--pace-ms", 200);
        String probeClient = args.text("--probe-client", "socket");
        int rounds = args.integer("--rounds", 1);
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds is at least 1: " + rounds);
        }
        if (!List.of("socket", "jdk", "both").contains(probeClient)) {
            throw new IllegalArgumentException("--probe-client is socket, jdk or both: " + probeClient);
        }
        try (Cluster cluster = Cluster.start(args.text("--database-url", null))) {
            cluster.jvmOptions(args.serverJvm());
            cluster.providers().latency(Duration.ofMillis(latencyMs));
            // Enough provider slots and workers for every still: this measures MINA, not a provider's limit.
            int slots = generations + 500;
            // By URL unless told (as P3 since decision 057): production's path, R2's URLs being public.
            cluster.publishGpt(slots, args.text("--inline-images", "never"));
            cluster.publish(
                    "mma.provider.seedream.defaults", obj("model", "seedream-4-0-250828", "max_concurrency", slots));
            Map<String, String> env = new java.util.HashMap<>(Map.of(
                    "MINA_WORKERS", args.text("--workers", Integer.toString(slots)),
                    "MINA_DB_POOL_SIZE", args.text("--pool", "10")));
            String requestConnections = args.text("--request-connections", null);
            if (requestConnections != null) {
                env.put("MINA_DB_REQUEST_CONNECTIONS", requestConnections);
            }
            ServerProcess server = cluster.startServer("server", args.serverEnv(env));
            // Users of their own for each round's batch and probes: a user's creates stay under the per-minute limit.
            List<List<StudioClient>> batchUsers = new ArrayList<>();
            List<List<StudioClient>> busyProbeUsers = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                batchUsers.add(users(cluster, server, "batch" + round + "-", generations));
                // The loaded probes run as long as the batch does; there are users for five times the idle probes.
                busyProbeUsers.add(users(cluster, server, "busy" + round + "-", Probes.creates(probes * 5, probers)));
            }
            List<StudioClient> idleProbeUsers = users(cluster, server, "idle", Probes.creates(idleProbes, probers));

            // Not counted: the JIT's first minutes, until it has settled (decision 054), each batch by users of its
            // own.
            WarmUp.untilTheJitSettles(
                    server,
                    args.integer("--warmup-batches", 8),
                    args.decimal("--jit-settled", 0.10),
                    number -> {
                        Batch warm = submit(users(cluster, server, "warm" + number + "-", warmup), warmup, concurrency);
                        cluster.awaitAllFinished(Duration.ofMinutes(10));
                        System.out.println("warm-up batch creates: " + warm.describe());
                    },
                    cpu -> "");

            try (ServerWatch watch = new ServerWatch(List.of(server))) {
                Probes idle = new Probes(idleProbeUsers, idleProbes, probers, paceMs, probeClient);
                idle.start();
                idle.awaitDone();
                cluster.awaitAllFinished(Duration.ofMinutes(2));
                System.out.println("idle: POST /api/stills " + idle.describe());

                List<Double> afterRatios = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    if (rounds > 1) {
                        System.out.printf(Locale.ROOT, "== round %d of %d%n", round, rounds);
                    }
                    afterRatios.add(round(
                            cluster,
                            server,
                            idle,
                            new Probes(busyProbeUsers.get(round - 1), probes * 5, probers, paceMs, probeClient),
                            batchUsers.get(round - 1),
                            generations,
                            concurrency,
                            probeClient));
                }
                if (rounds > 1) {
                    System.out.printf(
                            Locale.ROOT,
                            "P7 after the storm, round by round: %s x idle; median %.2f x (target <= 3)%n",
                            afterRatios.stream()
                                    .map(r -> String.format(Locale.ROOT, "%.2f", r))
                                    .toList(),
                            Stats.median(afterRatios));
                }
                System.out.println(watch.describe());
            }
        }
    }

    /**
     * One counted round: the probes start, a batch of {@code generations} stills is created and runs, the probes stop
     * once every still has finished. Prints the round's figures against the {@code idle} reference; returns P7's
     * figure, the p99 of the probes started after the creation storm over the idle p99.
     */
    private static double round(
            Cluster cluster,
            ServerProcess server,
            Probes idle,
            Probes busy,
            List<StudioClient> batchUsers,
            int generations,
            int concurrency,
            String probeClient)
            throws InterruptedException {
        CpuTimes cpu = CpuTimes.start();
        busy.start();
        Batch batch = submit(batchUsers, generations, concurrency);
        long stormEnded = System.nanoTime();
        boolean finished = cluster.awaitAllFinished(Duration.ofMinutes(10));
        busy.stop();
        busy.awaitDone();
        String cpuUsed = cpu.describe(Set.of(server.pid()), generations);
        System.out.printf(
                Locale.ROOT,
                "while %d stills run (%d creates at a time, submitting took %.2f s): POST /api/stills %s%n",
                generations,
                concurrency,
                batch.seconds,
                busy.describe());
        Stats storm = busy.startedBefore(stormEnded, true);
        Stats after = busy.startedBefore(stormEnded, false);
        System.out.println("  during the creation storm (probes started before the batch's last create was answered): "
                + storm.describe());
        System.out.println("  after it, while the stills run: " + after.describe());
        if (probeClient.equals("both")) {
            for (boolean socket : new boolean[] {true, false}) {
                String reader = socket ? "over plain sockets" : "with the JDK HTTP client";
                double idleP99 = idle.byClient(socket).percentile(99);
                Stats afterStorm = busy.startedBefore(stormEnded, false, socket);
                System.out.printf(
                        Locale.ROOT,
                        "  probes %s: idle p99 %.0f ms; after the storm %s (p99 %.2f x idle)%n",
                        reader,
                        idleP99,
                        afterStorm.describe(),
                        afterStorm.percentile(99) / idleP99);
            }
        }
        System.out.println("the batch's own creates: " + batch.describe());
        System.out.printf(
                Locale.ROOT,
                "P7 ratio: p99 %.2f x idle (target <= 3), p50 %.2f x; batch creates refused: %d (target 0)%n",
                busy.stats.percentile(99) / idle.stats.percentile(99),
                busy.stats.percentile(50) / idle.stats.percentile(50),
                batch.stats.failures());
        System.out.printf(
                Locale.ROOT,
                "P7 phases: creation storm p99 %.2f x idle (n=%d, refused %d); after it, while the stills run,"
                        + " p99 %.2f x idle (n=%d, refused %d)%n",
                storm.percentile(99) / idle.stats.percentile(99),
                storm.count(),
                storm.failures(),
                after.percentile(99) / idle.stats.percentile(99),
                after.count(),
                after.failures());
        if (!finished) {
            System.out.println("NOT every generation finished within 10 minutes");
        }
        System.out.println("ledger: " + cluster.audit().describe());
        System.out.println(cpuUsed);
        return after.percentile(99) / idle.stats.percentile(99);
    }

    private static List<StudioClient> users(Cluster cluster, ServerProcess server, String prefix, int creates) {
        List<StudioClient> users = new ArrayList<>();
        for (int u = 0; u < (creates + PER_USER - 1) / PER_USER; u++) {
            users.add(cluster.user("p7-" + prefix + u + "@example.com", PER_USER * 10L, server));
        }
        return users;
    }

    /** The creates of a batch: their latencies, the refused ones by status, how long submitting took. */
    private static final class Batch {
        final Stats stats = new Stats();
        final Map<Integer, AtomicInteger> refused = new ConcurrentHashMap<>();
        double seconds;

        String describe() {
            return stats.describe() + (refused.isEmpty() ? "" : " refused by status " + refused);
        }
    }

    /** Creates {@code n} stills, {@code concurrency} requests at a time, each user at most {@link #PER_USER}. */
    private static Batch submit(List<StudioClient> users, int n, int concurrency) throws InterruptedException {
        Batch batch = new Batch();
        long start = System.nanoTime();
        Semaphore inFlight = new Semaphore(concurrency);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                StudioClient user = users.get(i / PER_USER);
                String brief = "amber bottle " + i;
                inFlight.acquire();
                executor.submit(() -> {
                    try {
                        create(user, brief, batch.stats, batch.refused, false);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        batch.seconds = (System.nanoTime() - start) / 1e9;
        return batch;
    }

    /**
     * One create: when it started, how long it took, its status ({@code -1}: no answer) and whether it went over a
     * plain socket of its own.
     */
    private record Sample(long startNanos, double millis, int status, boolean socket) {
        boolean accepted() {
            return status == 202;
        }
    }

    private static Sample create(
            StudioClient user, String brief, Stats stats, Map<Integer, AtomicInteger> refused, boolean socket) {
        long start = System.nanoTime();
        int status;
        try {
            status = (socket ? user.createStillOverSocket(brief) : user.createStill(brief)).status();
        } catch (RuntimeException e) {
            status = -1; // no answer at all
        }
        Sample sample = new Sample(start, (System.nanoTime() - start) / 1e6, status, socket);
        if (sample.accepted()) {
            stats.add(sample.millis());
        } else {
            stats.failed();
            refused.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        }
        return sample;
    }

    /** A few clients creating one still at a time each, {@code paceMs} apart, until stopped or out of creates. */
    static final class Probes {
        final Stats stats = new Stats();
        final Map<Integer, AtomicInteger> refused = new ConcurrentHashMap<>();
        private final List<Sample> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        private final List<StudioClient> users;
        private final int most;
        private final int probers;
        private final int paceMs;
        private final String client;
        private final AtomicInteger next = new AtomicInteger();
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean stopped;

        /**
         * @param client {@code socket}: each prober a platform thread sending each create on a connection of its own,
         *     as another user's browser would; {@code jdk}: virtual threads through the harness's one JDK client,
         *     which shares the harness's carrier threads and selector with everything else it does (the fake
         *     providers among them); {@code both}: every other prober each way
         */
        Probes(List<StudioClient> users, int most, int probers, int paceMs, String client) {
            this.users = users;
            this.most = most;
            this.probers = probers;
            this.paceMs = paceMs;
            this.client = client;
        }

        void start() {
            for (int p = 0; p < probers; p++) {
                boolean socket = client.equals("socket") || (client.equals("both") && p % 2 == 0);
                Thread.Builder builder = socket ? Thread.ofPlatform().daemon() : Thread.ofVirtual();
                threads.add(builder.name("probe-" + p).start(() -> probe(socket)));
            }
        }

        private void probe(boolean socket) {
            while (!stopped) {
                int i = next.getAndIncrement();
                if (i >= most) {
                    return;
                }
                samples.add(create(users.get(user(i, probers)), "probe bottle " + i, stats, refused, socket));
                ServerProcess.sleep(paceMs);
            }
        }

        /**
         * The user of probe {@code i}: the probers send at the same moments (each paces itself after its own create),
         * and probes sent together go to different users, as other users' browsers would. Probes {@code i} and
         * {@code i + 1} for one user would queue on that customer's row, each charge waiting for the one before it to
         * commit, and measure that queue instead of the server (until session 49 they did). Each user gets
         * {@link #PER_USER} probes.
         */
        static int user(int i, int probers) {
            return i % probers + probers * (i / (probers * PER_USER));
        }

        /** How many creates to make users for, so that {@link #user} has one for each of {@code probes} probes. */
        static int creates(int probes, int probers) {
            return probes + probers * PER_USER;
        }

        String describe() {
            return stats.describe() + (refused.isEmpty() ? "" : " refused by status " + refused);
        }

        void stop() {
            stopped = true;
        }

        /** The probes that started before {@code nanos} ({@code before}) or at or after it, counted as above. */
        Stats startedBefore(long nanos, boolean before) {
            return counted(sample -> (sample.startNanos() - nanos < 0) == before);
        }

        /** The same, of the probes sent one way ({@code socket} or through the JDK client). */
        Stats startedBefore(long nanos, boolean before, boolean socket) {
            return counted(sample -> (sample.startNanos() - nanos < 0) == before && sample.socket() == socket);
        }

        /** Every probe sent one way. */
        Stats byClient(boolean socket) {
            return counted(sample -> sample.socket() == socket);
        }

        private Stats counted(java.util.function.Predicate<Sample> which) {
            Stats phase = new Stats();
            synchronized (samples) {
                for (Sample sample : samples) {
                    if (!which.test(sample)) {
                        continue;
                    }
                    if (sample.accepted()) {
                        phase.add(sample.millis());
                    } else {
                        phase.failed();
                    }
                }
            }
            return phase;
        }

        void awaitDone() throws InterruptedException {
            for (Thread t : threads) {
                t.join();
            }
        }
    }
}
