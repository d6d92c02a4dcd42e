package me.minav3.bench;

import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import me.minav3.adapters.postgres.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Real {@code mina serve} processes on a real PostgreSQL, with the fake providers, under faults: a server killed
 * with {@code kill -9} mid-work, PostgreSQL restarted mid-load, providers failing a fifth of their calls. Whatever
 * happens, every generation ends {@code done} or {@code error}, each is charged once, a failed one is refunded
 * once, and {@code mina reconcile} finds every balance equal to its ledger.
 *
 * <p>The three scenarios run at the same time (each mostly waits: provider latency, leases, a restart), each on its
 * own database, its own fake providers and its own servers; the one that restarts PostgreSQL has a server of its own.
 */
@Execution(ExecutionMode.CONCURRENT)
class ChaosTest {

    /** Servers start faster on two cores with the client compiler only and a small serial heap. */
    private static final List<String> JVM = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private static final java.util.concurrent.atomic.AtomicInteger USERS =
            new java.util.concurrent.atomic.AtomicInteger();
    private static EmbeddedPostgresServer postgres;
    private static Scratch scratch;
    private static final java.util.concurrent.atomic.AtomicInteger DATABASES =
            new java.util.concurrent.atomic.AtomicInteger();

    @BeforeAll
    static void startPostgres() throws Exception {
        scratch = Scratch.create("mina-chaos-pg");
        postgres = EmbeddedPostgresServer.startOrAttach(scratch.dir());
    }

    @AfterAll
    static void stopPostgres() {
        try {
            postgres.close();
        } finally {
            scratch.close();
        }
    }

    /** A cluster on a new database of the class's PostgreSQL server. */
    private static Cluster cluster(Duration lease) {
        return configured(Cluster.on(postgres, "chaos_" + DATABASES.incrementAndGet()), lease);
    }

    /** A cluster on a PostgreSQL server of its own, which it may restart without touching the other scenarios. */
    private static Cluster clusterWithItsOwnDatabaseServer(Duration lease) {
        return configured(Cluster.start(null), lease);
    }

    private static Cluster configured(Cluster cluster, Duration lease) {
        try {
            cluster.jvmOptions(JVM);
            cluster.publish("mma.pipeline", obj("lease_seconds", lease.toSeconds(), "max_attempts", 3, "poll_ms", 100));
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    @Test
    void aServerKilledWithFiftyGenerationsInFlightLosesNoneAndChargesNoneTwice() {
        try (Cluster cluster = cluster(Duration.ofSeconds(4))) {
            cluster.providers().latency(Duration.ofMillis(2_000));
            ServerProcess first = cluster.startServer("first", Map.of("MINA_WORKERS", "64"));
            List<Made> made = create(cluster, first, 50, "bottle");
            awaitTrue(
                    "all fifty claimed by the first server",
                    Duration.ofSeconds(30),
                    () -> first.metric("mina_generations_in_flight", null) == 50);

            first.kill();
            long unfinished = LedgerAudit.unfinished(cluster.database());
            ServerProcess second = cluster.startServer("second", Map.of("MINA_WORKERS", "64"));

            assertThat(unfinished).as("the kill interrupted work").isPositive();
            assertThat(cluster.awaitAllFinished(Duration.ofSeconds(60)))
                    .as("every generation finished")
                    .isTrue();
            LedgerAudit.Report audit = cluster.audit();
            System.out.println("kill -9 with " + 50 + " in flight, " + unfinished + " unfinished at the kill: "
                    + audit.describe());
            assertThat(audit.problems()).isEmpty();
            assertThat(audit.clean()).as(audit.describe()).isTrue();
            assertThat(audit.generations()).isEqualTo(made.size());
            assertThat(audit.done())
                    .as("the second server finished what the first started")
                    .isEqualTo(50);
            assertThat(cluster.cli("reconcile")).as("mina reconcile").isZero();
            assertThat(second.alive()).isTrue();
        }
    }

    @Test
    void aDatabaseRestartMidLoadLosesNothingCommitted() {
        // The default two-minute lease: jobs cut short by the restart are handed back, not left to their lease.
        try (Cluster cluster = clusterWithItsOwnDatabaseServer(Duration.ofSeconds(120))) {
            cluster.providers().latency(Duration.ofMillis(700));
            List<ServerProcess> servers = cluster.startServers("server", 2, Map.of("MINA_WORKERS", "32"));
            List<Made> made = Collections.synchronizedList(new ArrayList<>());
            made.addAll(create(cluster, servers.get(0), 20, "before a"));
            made.addAll(create(cluster, servers.get(1), 20, "before b"));
            // Users keep creating while the database goes away and comes back.
            List<StudioClient> meanwhile = users(cluster, servers.get(0), 2, 20);
            Thread during = Thread.ofVirtual().start(() -> made.addAll(createAcknowledged(meanwhile, 20)));

            cluster.restartDatabase(Duration.ofSeconds(2));
            joinQuietly(during);
            made.addAll(create(cluster, servers.get(1), 10, "after"));

            assertThat(cluster.awaitAllFinished(Duration.ofSeconds(60)))
                    .as("every generation finished")
                    .isTrue();
            LedgerAudit.Report audit = cluster.audit();
            System.out.println("database restart, " + made.size() + " acknowledged: " + audit.describe());
            assertThat(audit.problems()).isEmpty();
            assertThat(audit.clean()).as(audit.describe()).isTrue();
            assertThat(audit.generations())
                    .as("every acknowledged generation is stored")
                    .isGreaterThanOrEqualTo(made.size());
            assertThat(made)
                    .allSatisfy(g -> assertThat(
                                    g.owner().get("/api/generations/" + g.id()).status())
                            .isEqualTo(200));
            assertThat(cluster.cli("reconcile")).as("mina reconcile").isZero();
            for (ServerProcess server : servers) {
                assertThat(new StudioClient(server.baseUrl(), "").get("/health").status())
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void providersFailingAFifthOfTheirCallsLeaveEveryGenerationFinishedAndEveryRefundOnce() {
        try (Cluster cluster = cluster(Duration.ofSeconds(30))) {
            cluster.providers()
                    .latency(Duration.ofMillis(150))
                    .failureRate(0.2)
                    .hang(Duration.ofSeconds(3))
                    .storm(5);
            Map<String, Object> timeouts =
                    obj("connect_ms", 1_000, "request_ms", 1_000, "total_ms", 10_000, "max_attempts", 3);
            cluster.publish("mma.provider.openai.defaults", obj("model", "gpt-4.1-mini", "timeouts", timeouts));
            cluster.publish(
                    "mma.provider.seedream.defaults", obj("model", "seedream-4-0-250828", "timeouts", timeouts));
            cluster.publish(
                    "mma.provider.kling.defaults",
                    obj("model_name", "kling-v2-1", "poll_interval_ms", 200, "timeouts", timeouts));
            List<ServerProcess> servers = cluster.startServers("server", 2, Map.of("MINA_WORKERS", "32"));
            List<Made> stills = new ArrayList<>(create(cluster, servers.get(0), 30, "bottle"));
            stills.addAll(create(cluster, servers.get(1), 25, "vase"));
            create(cluster, servers.get(1), 5, FakeProviders.REFUSED_WORD);
            assertThat(cluster.awaitAllFinished(Duration.ofSeconds(90)))
                    .as("every still finished")
                    .isTrue();
            int videos = animateSome(stills);

            assertThat(cluster.awaitAllFinished(Duration.ofSeconds(90)))
                    .as("every video finished")
                    .isTrue();
            LedgerAudit.Report audit = cluster.audit();
            System.out.println("provider faults, " + videos + " videos: " + audit.describe() + "; "
                    + cluster.providers().describe());
            assertThat(audit.problems()).isEmpty();
            assertThat(audit.clean()).as(audit.describe()).isTrue();
            assertThat(audit.failed()).as("the refused ones at least").isGreaterThanOrEqualTo(5);
            assertThat(audit.refunds()).isEqualTo(audit.failed());
            assertThat(cluster.providers().faults())
                    .as(cluster.providers().describe())
                    .allSatisfy((kind, n) -> assertThat(n).as(kind.name()).isPositive());
            long faults = cluster.providers().faults().values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            assertThat((double) faults / cluster.providers().calls())
                    .as("share of failed provider calls")
                    .isBetween(0.05, 0.40);
            assertThat(cluster.cli("reconcile")).as("mina reconcile").isZero();
            assertThat(videos).isPositive();
        }
    }

    /** A generation and the user who made it. */
    private record Made(StudioClient owner, String id) {}

    /** {@code n} stills from five users of one server, created at once; every one acknowledged (202). */
    private static List<Made> create(Cluster cluster, ServerProcess server, int n, String brief) {
        // Enough for every still a user owns to be animated too: animateSome picks every fourth still of a list in the
        // order the creates were answered, so one user may own several picks (a 402 there failed a run once). 25 per
        // still is well over a still and its video.
        List<StudioClient> users = users(cluster, server, 5, (n / 5 + 1) * 25 + 20);
        List<Made> made = Collections.synchronizedList(new ArrayList<>());
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                StudioClient user = users.get(i % users.size());
                String text = brief + " " + i;
                executor.submit(() -> {
                    StudioClient.Reply reply = user.createStill(text);
                    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
                    made.add(new Made(user, reply.json().path("generation_id").asText()));
                });
            }
        }
        assertThat(made).hasSize(n);
        return made;
    }

    /** Creates one by one while the database may be down: returns only the ones the server acknowledged. */
    private static List<Made> createAcknowledged(List<StudioClient> users, int n) {
        List<Made> made = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StudioClient user = users.get(i % users.size());
            StudioClient.Reply reply = user.createStill("during " + i);
            if (reply.status() == 202) {
                made.add(new Made(user, reply.json().path("generation_id").asText()));
            }
            ServerProcess.sleep(150);
        }
        return made;
    }

    private static List<StudioClient> users(Cluster cluster, ServerProcess server, int count, long matcha) {
        List<StudioClient> users = new ArrayList<>();
        for (int u = 0; u < count; u++) {
            users.add(cluster.user("user" + USERS.incrementAndGet() + "@example.com", matcha, server));
        }
        return users;
    }

    /** Each owner animates every fourth of their finished stills (the Kling path and an MP4 download). */
    private static int animateSome(List<Made> stills) {
        int videos = 0;
        for (int i = 0; i < stills.size(); i += 4) {
            Made still = stills.get(i);
            StudioClient.Reply reply = still.owner().animate(still.id());
            if (reply.status() == 202) {
                videos++;
            } else {
                assertThat(reply.status())
                        .as("only a failed still cannot be animated: " + reply.body())
                        .isEqualTo(409);
            }
        }
        return videos;
    }

    private static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout);
            }
            ServerProcess.sleep(50);
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
