package me.minav3.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live lines fanned out to many SSE subscribers: G stills are created, then S subscribers (spread over the
 * generations and over the servers) open their streams and read until {@code done}. For every line a subscriber
 * received live (made after its stream opened) the latency is the time from the line being made in the pipeline
 * (its {@code at}, before the write that stores it) to its arrival; every subscriber must end with every stored line
 * of its generation, in order, none missing. With two servers, the subscribers on the server that does not run a
 * generation read lines that crossed processes through PostgreSQL NOTIFY; the latency is printed per server too.
 *
 * <p>The provider calls of the watched stills are held until every stream is open (or has failed), so the first line
 * that counts is made after the connection storm (whose length is printed too) and the figure is delivery. Each
 * provider call then takes {@code --latency-ms}, so a generation's lines come in bursts that far apart. A stream's
 * events are parsed only after every stream has ended, so the harness's own JSON work does not compete with the
 * server while lines are timed.
 *
 * <p>Each stream is read over its own plain socket ({@code --client socket}, the default), the way each browser reads
 * its one stream. {@code --client jdk} reads them all through one JDK {@code HttpClient}, whose single selector
 * thread queues a burst to hundreds of streams on the client side; {@code --client both} splits every generation's
 * subscribers between the two and prints each side's latency (docs/benchmarks.md, "P6 read the way browsers read").
 *
 * <pre>bench/run SseFanout [--subscribers 1000] [--generations 10] [--servers 1] [--latency-ms 4000]
 *                      [--client socket|jdk|both] [--jvm OPTIONS]</pre>
 */
public final class SseFanout {

    private SseFanout() {}

    /** What one subscriber saw. */
    private record Seen(
            String generationId,
            List<Long> seqs,
            List<Double> latenciesMs,
            List<Long> liveSeqs,
            boolean done,
            Instant opened,
            int server,
            boolean socket) {}

    public static void main(String[] argv) throws Exception {
        Args args = Args.of(argv);
        int subscribers = args.integer("--subscribers", 1000);
        int generations = args.integer("--generations", 10);
        int serverCount = args.integer("--servers", 1);
        String client = args.text("--client", "socket");
        if (!List.of("socket", "jdk", "both").contains(client)) {
            throw new IllegalArgumentException("--client is socket, jdk or both: " + client);
        }
        try (Cluster cluster = Cluster.start(args.text("--database-url", null))) {
            cluster.jvmOptions(args.serverJvm());
            List<ServerProcess> servers = cluster.startServers("server", serverCount, Map.of("MINA_WORKERS", "64"));
            cluster.providers().latency(Duration.ZERO);
            warmUp(cluster, servers);
            cluster.providers().latency(Duration.ofMillis(args.integer("--latency-ms", 4000)));

            cluster.providers().hold();
            List<StudioClient> owners = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int g = 0; g < generations; g++) {
                StudioClient owner = cluster.user("watched" + g + "@example.com", 2, servers.get(0));
                owners.add(owner);
                ids.add(owner.createStill("a bottle watched by many, " + g)
                        .json()
                        .path("generation_id")
                        .asText());
            }
            List<Received> received = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger failures = new AtomicInteger();
            Instant subscribing = Instant.now();
            CountDownLatch finished = new CountDownLatch(subscribers);
            CountDownLatch openOrFailed = new CountDownLatch(subscribers);
            for (int s = 0; s < subscribers; s++) {
                int g = s % generations;
                int server = s % serverCount;
                boolean socket = client.equals("socket") || (client.equals("both") && (s / generations) % 2 == 0);
                StudioClient subscriber = owners.get(g).on(servers.get(server).baseUrl());
                Thread.ofVirtual().start(() -> {
                    try {
                        received.add(watch(subscriber, ids.get(g), server, socket, openOrFailed::countDown));
                    } catch (IOException | RuntimeException e) {
                        failures.incrementAndGet();
                        openOrFailed.countDown(); // a stream that failed after opening counts twice: harmless
                    } finally {
                        finished.countDown();
                    }
                });
            }
            boolean allOpen = openOrFailed.await(FakeProviders.MAX_HOLD.toMillis(), TimeUnit.MILLISECONDS);
            cluster.providers().release();
            System.out.printf(
                    Locale.ROOT,
                    "provider calls released after %.2f s, %s%n",
                    Duration.between(subscribing, Instant.now()).toNanos() / 1e9,
                    allOpen
                            ? "every stream open (or failed)"
                            : openOrFailed.getCount() + " streams still opening (the hold's limit)");
            finished.await();
            List<Seen> seen = received.stream().map(SseFanout::seen).toList();
            Instant lastOpened =
                    seen.stream().map(Seen::opened).max(Instant::compareTo).orElse(subscribing);
            System.out.printf(
                    Locale.ROOT,
                    "all %d streams open after %.2f s%n",
                    seen.size(),
                    Duration.between(subscribing, lastOpened).toNanos() / 1e9);
            report(cluster, owners, ids, seen, failures.get(), subscribers, serverCount, client.equals("both"));
        }
    }

    /**
     * Reads one stream to its end and keeps its events as they came; they are parsed only after every stream has
     * ended ({@link #seen}), so the harness's own JSON work does not compete with the server while lines are timed.
     */
    private static Received watch(StudioClient subscriber, String id, int server, boolean socket, Runnable open)
            throws IOException {
        Instant[] opened = new Instant[1];
        Runnable onOpen = () -> {
            opened[0] = Instant.now();
            open.run();
        };
        List<StudioClient.Event> events = socket
                ? subscriber.streamOverSocket(id, Duration.ofMinutes(3), onOpen)
                : subscriber.stream(id, Duration.ofMinutes(3), onOpen);
        return new Received(id, events, opened[0], server, socket);
    }

    /** What one stream received, not yet parsed; {@code server} is the index of the server it read from. */
    private record Received(
            String generationId, List<StudioClient.Event> events, Instant opened, int server, boolean socket) {}

    private static Seen seen(Received received) {
        List<Long> seqs = new ArrayList<>();
        List<Double> latencies = new ArrayList<>();
        List<Long> liveSeqs = new ArrayList<>();
        boolean done = false;
        for (StudioClient.Event event : received.events()) {
            if (event.name().equals("done")) {
                done = true;
            }
            if (!event.name().equals("message")) {
                continue;
            }
            JsonNode data;
            try {
                data = StudioClient.JSON.readTree(event.data());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            seqs.add(data.path("seq").asLong());
            Instant at = Instant.parse(data.path("at").asText());
            if (at.isAfter(received.opened())) {
                latencies.add(Duration.between(at, event.receivedAt()).toNanos() / 1e6);
                liveSeqs.add(data.path("seq").asLong());
            }
        }
        return new Seen(
                received.generationId(),
                seqs,
                latencies,
                liveSeqs,
                done,
                received.opened(),
                received.server(),
                received.socket());
    }

    private static void report(
            Cluster cluster,
            List<StudioClient> owners,
            List<String> ids,
            List<Seen> seen,
            int failures,
            int subscribers,
            int serverCount,
            boolean byClient) {
        Stats latency = new Stats();
        java.util.Map<Long, Stats> bySeq = new java.util.TreeMap<>();
        List<Stats> byServer = new ArrayList<>();
        for (int i = 0; i < serverCount; i++) {
            byServer.add(new Stats());
        }
        Stats overSocket = new Stats();
        Stats overJdkClient = new Stats();
        int complete = 0;
        for (Seen s : seen) {
            s.latenciesMs().forEach(latency::add);
            s.latenciesMs().forEach(byServer.get(s.server())::add);
            s.latenciesMs().forEach(s.socket() ? overSocket::add : overJdkClient::add);
            for (int i = 0; i < s.liveSeqs().size(); i++) {
                bySeq.computeIfAbsent(s.liveSeqs().get(i), k -> new Stats())
                        .add(s.latenciesMs().get(i));
            }
            StudioClient owner = owners.get(ids.indexOf(s.generationId()));
            int stored = owner.get("/api/generations/" + s.generationId())
                    .json()
                    .path("user_messages")
                    .size();
            TreeSet<Long> expected = new TreeSet<>();
            for (long seq = 1; seq <= stored; seq++) {
                expected.add(seq);
            }
            if (s.done() && s.seqs().equals(new ArrayList<>(expected))) {
                complete++;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "subscribers: %d, streams failed: %d, ended with every line in order: %d%n",
                subscribers,
                failures,
                complete);
        System.out.println("live line latency (made -> received): " + latency.describe());
        System.out.printf(Locale.ROOT, "p99 %.0f ms (target < 100 ms, issue 21 P6)%n", latency.percentile(99));
        bySeq.forEach((seq, stats) -> System.out.println("  line " + seq + ": " + stats.describe()));
        if (serverCount > 1) {
            for (int i = 0; i < serverCount; i++) {
                System.out.println("  streams on server " + (i + 1) + ": "
                        + byServer.get(i).describe());
            }
        }
        if (byClient) {
            System.out.println("  read over plain sockets: " + overSocket.describe());
            System.out.println("  read with the JDK HTTP client: " + overJdkClient.describe());
        }
        System.out.println("ledger: " + cluster.audit().describe());
    }

    /** A few stills through every server, so the JIT has compiled the streaming path before it is timed. */
    private static void warmUp(Cluster cluster, List<ServerProcess> servers) {
        for (ServerProcess server : servers) {
            StudioClient user = cluster.user("warm-" + server.name() + "@example.com", 50, server);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String id = user.createStill("warm-up " + i)
                        .json()
                        .path("generation_id")
                        .asText();
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        user.stream(id, Duration.ofMinutes(1), () -> {});
                    } catch (IOException e) {
                        // a warm-up stream may fail; only the measured ones count
                    }
                }));
            }
            for (Thread thread : threads) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
