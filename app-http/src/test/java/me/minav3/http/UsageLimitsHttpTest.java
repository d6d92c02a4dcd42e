package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import me.minav3.adapters.postgres.DatabaseUrl;
import me.minav3.adapters.postgres.TestDatabase;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.config.ConfigKeys;
import org.junit.jupiter.api.Test;

/**
 * Issue 17.1, the attack cases: one user cannot exhaust the service. Over a limit the answer is 429 problem+json
 * with {@code Retry-After} and nothing is written; the counts live in the database, so two server processes on
 * one database share them. The limits are version 1 of {@code mma.limits} as seeded.
 */
class UsageLimitsHttpTest {

    @Test
    void threeHundredTypeForMeFromAUserWithNoMatchaAreLimited() throws Exception {
        String database = TestDatabase.freshDatabaseUrlSetting();
        try (TestServer server = new TestServer(Map.of(), database)) {
            String token = server.token("free-rider@example.com");
            PassId passId = server.customer(token, 0);
            String image = server.uploadPng(token, "product").json().get("url").asText();
            long matcha = server.get("/api/me", token).json().get("credits").asLong();
            String body = "{\"image_url\":\"" + image + "\"}";

            List<TestServer.Reply> replies = inParallel(300, () -> server.post("/api/motion/suggest", token, body));

            assertThat(replies).filteredOn(r -> r.status() == 200).hasSize(30);
            List<TestServer.Reply> limited =
                    replies.stream().filter(r -> r.status() == 429).toList();
            assertThat(limited).hasSize(270).allSatisfy(UsageLimitsHttpTest::isTooManyRequests);
            assertThat(limited.get(0).json().get("detail").asText())
                    .contains("30 \"Type for me\" suggestions per hour");
            assertThat(count(
                            database,
                            "SELECT count(*) FROM mega_generations WHERE mg_pass_id = ? "
                                    + "AND mg_record_type = 'mma_event' AND mg_meta->>'event_type' = 'suggestion'",
                            passId))
                    .as("one event row per suggestion made, none for a refused one")
                    .isEqualTo(30);
            assertThat(server.get("/api/me", token).json().get("credits").asLong())
                    .isEqualTo(matcha);
        }
    }

    @Test
    void aPricedTypeForMeIsChargedOncePerBlockThroughTheLedgerEvenInParallel() throws Exception {
        String database = TestDatabase.freshDatabaseUrlSetting();
        try (TestServer server = new TestServer(Map.of(), database)) {
            String token = server.token("payer@example.com");
            PassId passId = server.customer(token, 5);
            String image = server.uploadPng(token, "product").json().get("url").asText();
            server.wiring
                    .publishConfig()
                    .publish(
                            ConfigKeys.LIMITS,
                            Json.obj("suggestion_price", Json.obj("matcha", 1, "every", 10)),
                            Actor.SYSTEM);
            server.wiring.config().invalidate(ConfigKeys.LIMITS);
            long before = server.get("/api/me", token).json().get("credits").asLong();
            String body = "{\"image_url\":\"" + image + "\"}";

            List<TestServer.Reply> replies = inParallel(25, () -> server.post("/api/motion/suggest", token, body));

            assertThat(replies).extracting(TestServer.Reply::status).containsOnly(200);
            assertThat(server.get("/api/me", token).json().get("credits").asLong())
                    .isEqualTo(before - 3);
            assertThat(count(
                            database,
                            "SELECT count(*) FROM mega_generations WHERE mg_pass_id = ? "
                                    + "AND mg_record_type = 'credit_transaction' AND mg_id LIKE 'credit_transaction:suggest:%'",
                            passId))
                    .as("uses 1, 11 and 21 each paid their block once")
                    .isEqualTo(3);
            assertThat(count(
                            database,
                            "SELECT c.mg_credits - (SELECT coalesce(sum(g.mg_delta), 0) FROM mega_generations g "
                                    + "WHERE g.mg_pass_id = c.mg_pass_id AND g.mg_record_type = 'credit_transaction') "
                                    + "FROM mega_customers c WHERE c.mg_pass_id = ?",
                            passId))
                    .as("balance = ledger sum")
                    .isZero();
        }
    }

    @Test
    void aSixtyUploadBurstIsLimitedAndStoresNothingPastTheLimit() throws Exception {
        try (TestServer server = new TestServer()) {
            String token = server.token("burst@example.com");
            server.customer(token, 0);
            long before = files(server.wiring.localAssetsDir());

            List<TestServer.Reply> replies = inParallel(60, () -> {
                try {
                    return server.uploadPng(token, "inspiration");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });

            assertThat(replies).filteredOn(r -> r.status() == 201).hasSize(40);
            assertThat(replies)
                    .filteredOn(r -> r.status() == 429)
                    .hasSize(20)
                    .allSatisfy(UsageLimitsHttpTest::isTooManyRequests);
            assertThat(files(server.wiring.localAssetsDir()) - before)
                    .as("files stored")
                    .isEqualTo(40);
            assertThat(server.post(
                                    "/api/uploads/from-url",
                                    token,
                                    "{\"url\":\"https://example.com/a.png\",\"kind\":\"logo\"}")
                            .status())
                    .as("imports from a link are counted apart")
                    .isNotEqualTo(429);
        }
    }

    @Test
    void fiveHundredStreamsForOneTokenAreLimitedAndAClosedStreamGivesItsSlotBack() throws Exception {
        try (TestServer server = new TestServer(Map.of(), TestDatabase.freshDatabaseUrlSetting(), false)) {
            String token = server.token("watcher@example.com");
            server.customer(token, 2);
            String id = server.post("/api/stills", token, "{\"brief\":\"a queued still\"}")
                    .json()
                    .get("generation_id")
                    .asText();
            String path = "/api/generations/" + id + "/stream";

            List<HttpResponse<InputStream>> open = new ArrayList<>();
            int refused = 0;
            try {
                for (int i = 0; i < 500; i++) {
                    HttpResponse<InputStream> response = openStream(server, path, token);
                    if (response.statusCode() == 200) {
                        open.add(response);
                    } else {
                        assertThat(response.statusCode()).isEqualTo(429);
                        assertThat(response.headers().firstValue("Retry-After")).isPresent();
                        assertThat(response.headers().firstValue("Content-Type"))
                                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                        response.body().close();
                        refused++;
                    }
                }
                assertThat(open).as("streams open at once").hasSize(10);
                assertThat(refused).isEqualTo(490);

                // The generation runs and ends: its streams close and give their slots back.
                server.wiring.startWorkers();
                server.awaitFinished(id, token);
                assertThat(awaitOpen(server, path, token))
                        .as("a stream opens again once the others closed")
                        .isEqualTo(200);
            } finally {
                for (HttpResponse<InputStream> response : open) {
                    response.body().close();
                }
            }
        }
    }

    @Test
    void twoServerProcessesOnOneDatabaseShareTheCounts() throws Exception {
        String database = TestDatabase.freshDatabaseUrlSetting();
        try (TestServer one = new TestServer(Map.of(), database);
                TestServer two = new TestServer(Map.of(), database)) {
            String token = one.token("two-doors@example.com");
            one.customer(token, 0);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                statuses.add(
                        (i % 2 == 0 ? one : two).uploadPng(token, "product").status());
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(40);
            assertThat(statuses).filteredOn(s -> s == 429).hasSize(10);
            assertThat(two.uploadPng(token, "logo").status()).isEqualTo(429);
            assertThat(one.uploadPng(token, "logo").status()).isEqualTo(429);
        }
    }

    private static void isTooManyRequests(TestServer.Reply reply) {
        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Long.parseLong(reply.header("Retry-After"))).isBetween(1L, 24 * 3600L);
        assertThat(reply.json().get("title").asText()).isEqualTo("Too many requests");
    }

    private static HttpResponse<InputStream> openStream(TestServer server, String path, String token) throws Exception {
        return server.http()
                .send(
                        server.request(path, token)
                                .header("Accept", "text/event-stream")
                                .GET()
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
    }

    private static int awaitOpen(TestServer server, String path, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline) {
            HttpResponse<InputStream> response = openStream(server, path, token);
            status = response.statusCode();
            response.body().close();
            if (status == 200) {
                return status;
            }
            Thread.sleep(200);
        }
        return status;
    }

    private static <T> List<T> inParallel(int times, java.util.concurrent.Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                futures.add(pool.submit(call));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long count(String databaseUrl, String sql, PassId passId) throws Exception {
        try (Connection c = DatabaseUrl.parse(databaseUrl).connect();
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, passId.value());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long files(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }
}
