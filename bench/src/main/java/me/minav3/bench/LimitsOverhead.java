package me.minav3.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.minav3.mma.config.ConfigKeys;

/**
 * What the per-user limits (issue 17.1, {@code mma.limits}) cost a create: the latency of {@code POST /api/stills}
 * on one {@code mina serve} process, with the limits off and on, in alternating rounds of the same run. With them
 * on, each create runs one more statement (the conditional upsert of its {@code usage_meter} row); the caps are set
 * high enough that nothing is refused, so only the counting is measured. The fake providers answer instantly, so the
 * workers running the queued stills load the machine alike on both sides.
 *
 * <pre>bench/run LimitsOverhead [--creates 300] [--rounds 2] [--clients 8] [--users 8]</pre>
 */
public final class LimitsOverhead {

    private LimitsOverhead() {}

    public static void main(String[] argv) throws Exception {
        Args args = Args.of(argv);
        int creates = args.integer("--creates", 300);
        int rounds = args.integer("--rounds", 2);
        int clients = args.integer("--clients", 8);
        int userCount = args.integer("--users", 8);
        try (Cluster cluster = Cluster.start(args.text("--database-url", null))) {
            ServerProcess server = cluster.startServer("server", Map.of("MINA_WORKERS", "16"));
            List<StudioClient> users = new ArrayList<>();
            long matcha = (long) creates * (rounds * 2 + 1) / userCount + 10;
            for (int u = 0; u < userCount; u++) {
                users.add(cluster.user("limits" + u + "@example.com", matcha, server));
            }
            Map<String, Object> off = Map.of("enabled", false);
            Map<String, Object> on = Map.of("enabled", true, "creates_per_minute", 1_000_000);
            System.out.printf(
                    Locale.ROOT,
                    "%d creates per round, %d rounds per side, %d clients, %d users%n",
                    creates,
                    rounds,
                    clients,
                    userCount);
            round(cluster, on, users, creates, clients); // warm-up, not counted
            Stats without = new Stats();
            Stats with = new Stats();
            for (int r = 0; r < rounds; r++) {
                boolean onFirst = r % 2 == 1;
                for (boolean limited : onFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
                    Stats round = round(cluster, limited ? on : off, users, creates, clients);
                    System.out.printf(
                            Locale.ROOT,
                            "  round %d limits %-3s %s%n",
                            r + 1,
                            limited ? "on" : "off",
                            round.describe());
                    (limited ? with : without).merge(round);
                }
            }
            System.out.printf(Locale.ROOT, "limits off: %s%n", without.describe());
            System.out.printf(Locale.ROOT, "limits on:  %s%n", with.describe());
            System.out.printf(
                    Locale.ROOT,
                    "create p99 on/off: %.2f   p50 on/off: %.2f%n",
                    with.percentile(99) / without.percentile(99),
                    with.percentile(50) / without.percentile(50));
            cluster.awaitAllFinished(Duration.ofMinutes(5));
            System.out.println("ledger: " + cluster.audit().describe());
        }
    }

    /** Publishes the limits, waits for the servers' config cache, then times {@code creates} creates. */
    private static Stats round(
            Cluster cluster, Map<String, Object> limits, List<StudioClient> users, int creates, int clients)
            throws Exception {
        cluster.publish(ConfigKeys.LIMITS, limits);
        Thread.sleep(2_500);
        cluster.awaitAllFinished(Duration.ofMinutes(5)); // each round starts on an idle queue
        Stats stats = new Stats();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < creates; i++) {
                StudioClient user = users.get(i % users.size());
                String brief = "bottle on travertine " + i;
                work.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    StudioClient.Reply reply = user.createStill(brief);
                    if (reply.status() == 202) {
                        stats.add((System.nanoTime() - start) / 1e6);
                    } else {
                        stats.failed();
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return stats;
    }
}
