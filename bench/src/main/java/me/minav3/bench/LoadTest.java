package me.minav3.bench;

import static me.minav3.mma.common.Json.obj;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A mixed studio load over HTTP on loopback: N {@code mina serve} processes on one PostgreSQL, the fake providers
 * with a latency and a failure rate, and U users each creating stills (watching the live stream), liking them,
 * sometimes tweaking or animating them, and reading their archive — bounded in stills per user and in time. Prints
 * a summary: latency per operation, generations finished, ledger audit, reconcile, provider faults, heap.
 *
 * <pre>
 * bench/run LoadTest [--servers 2] [--users 20] [--stills 5] [--seconds 120] [--latency-ms 500]
 *                    [--failure-rate 0.0] [--tweak-share 0.3] [--animate-share 0.1] [--workers 64] [--pool 10]
 *                    [--heap 512m] [--database-url URL]
 * </pre>
 */
public final class LoadTest {

    private LoadTest() {}

    public static void main(String[] argv) throws Exception {
        Args args = Args.of(argv);
        int serverCount = args.integer("--servers", 2);
        int users = args.integer("--users", 20);
        int stills = args.integer("--stills", 5);
        Duration budget = Duration.ofSeconds(args.integer("--seconds", 120));
        double tweakShare = args.decimal("--tweak-share", 0.3);
        double animateShare = args.decimal("--animate-share", 0.1);
        try (Cluster cluster = Cluster.start(args.text("--database-url", null))) {
            cluster.jvmOptions(List.of("-Xmx" + args.text("--heap", "512m")));
            cluster.providers()
                    .latency(Duration.ofMillis(args.integer("--latency-ms", 500)))
                    .failureRate(args.decimal("--failure-rate", 0.0))
                    .hang(Duration.ofSeconds(6));
            cluster.publish("mma.pipeline", obj("lease_seconds", 30, "max_attempts", 3, "poll_ms", 250));
            Map<String, Object> timeouts =
                    obj("connect_ms", 2_000, "request_ms", 5_000, "total_ms", 30_000, "max_attempts", 3);
            cluster.publish("mma.provider.openai.defaults", obj("model", "gpt-4.1-mini", "timeouts", timeouts));
            cluster.publish(
                    "mma.provider.seedream.defaults", obj("model", "seedream-4-0-250828", "timeouts", timeouts));
            cluster.publish(
                    "mma.provider.kling.defaults",
                    obj("model_name", "kling-v2-1", "poll_interval_ms", 500, "timeouts", timeouts));
            Map<String, String> env = Map.of(
                    "MINA_WORKERS", args.text("--workers", "64"), "MINA_DB_POOL_SIZE", args.text("--pool", "10"));
            List<ServerProcess> servers = new ArrayList<>();
            for (int i = 0; i < serverCount; i++) {
                servers.add(cluster.startServer("server-" + (i + 1), env));
            }
            System.out.printf(
                    Locale.ROOT,
                    "%d servers up (pids %s); %d users, %d stills each, at most %d s%n",
                    serverCount,
                    servers.stream().map(s -> Long.toString(s.pid())).toList(),
                    users,
                    stills,
                    budget.toSeconds());

            Map<String, Stats> ops = new LinkedHashMap<>();
            for (String op : List.of("create", "stream", "event", "tweak", "animate", "video_wait", "archive")) {
                ops.put(op, new Stats());
            }
            AtomicInteger streamedLines = new AtomicInteger();
            long deadline = System.nanoTime() + budget.toNanos();
            long start = System.nanoTime();
            try (ServerWatch heap = new ServerWatch(servers)) {
                List<Thread> threads = new ArrayList<>();
                for (int u = 0; u < users; u++) {
                    ServerProcess server = servers.get(u % servers.size());
                    StudioClient user = cluster.user("load" + u + "@example.com", stills * 12L, server);
                    threads.add(Thread.ofVirtual()
                            .start(() -> new Session(
                                            user, ops, streamedLines, deadline, stills, tweakShare, animateShare)
                                    .run()));
                }
                for (Thread thread : threads) {
                    thread.join();
                }
                boolean finished = cluster.awaitAllFinished(Duration.ofSeconds(60));
                double seconds = (System.nanoTime() - start) / 1e9;
                LedgerAudit.Report audit = cluster.audit();
                System.out.printf(
                        Locale.ROOT, "%nwall %.1f s%s%n", seconds, finished ? "" : " (some generations unfinished)");
                ops.forEach((op, stats) -> System.out.printf(Locale.ROOT, "  %-10s %s%n", op, stats.describe()));
                System.out.printf(Locale.ROOT, "  live lines received: %d%n", streamedLines.get());
                System.out.printf(
                        Locale.ROOT, "finished generations: %.1f/s%n", (audit.done() + audit.failed()) / seconds);
                System.out.println("ledger: " + audit.describe());
                System.out.println("reconcile exit code: " + cluster.cli("reconcile"));
                System.out.println(cluster.providers().describe());
                System.out.println(heap.describe());
                System.out.println("logs: " + cluster.logs());
            }
        }
    }

    /** One user's visit: create, watch, like, sometimes tweak or animate, read the archive; until done or late. */
    private record Session(
            StudioClient user,
            Map<String, Stats> ops,
            AtomicInteger lines,
            long deadline,
            int stills,
            double tweakShare,
            double animateShare) {

        void run() {
            for (int i = 0; i < stills && System.nanoTime() < deadline; i++) {
                String brief = "amber bottle on travertine, take " + i;
                String id = timed("create", () -> user.createStill(brief));
                if (id == null) {
                    continue;
                }
                watch(id);
                timed("event", () -> user.event(id, "like"));
                ThreadLocalRandom random = ThreadLocalRandom.current();
                if (random.nextDouble() < tweakShare) {
                    String tweak = timed("tweak", () -> user.tweak(id, "warmer light, less shadow"));
                    if (tweak != null) {
                        watch(tweak);
                    }
                }
                if (random.nextDouble() < animateShare) {
                    String video = timed("animate", () -> user.animate(id));
                    if (video != null) {
                        long start = System.nanoTime();
                        var done = user.awaitFinished(video, Duration.ofMinutes(2));
                        record("video_wait", start, done != null);
                    }
                }
                timed("archive", () -> user.archive(20));
            }
        }

        private void watch(String id) {
            long start = System.nanoTime();
            try {
                lines.addAndGet((int) user.stream(id, Duration.ofMinutes(2), () -> {}).stream()
                        .filter(e -> e.name().equals("message"))
                        .count());
                record("stream", start, true);
            } catch (java.io.IOException e) {
                record("stream", start, false);
            }
        }

        /** Runs a request, records its latency; returns the new generation id when it made one. */
        private String timed(String op, java.util.function.Supplier<StudioClient.Reply> call) {
            long start = System.nanoTime();
            StudioClient.Reply reply = call.get();
            record(op, start, reply.ok());
            return reply.ok() && reply.body().contains("\"generation_id\"")
                    ? reply.json().path("generation_id").asText()
                    : null;
        }

        private void record(String op, long startNanos, boolean ok) {
            Stats stats = ops.get(op);
            if (ok) {
                stats.add((System.nanoTime() - startNanos) / 1e6);
            } else {
                stats.failed();
            }
        }
    }
}
