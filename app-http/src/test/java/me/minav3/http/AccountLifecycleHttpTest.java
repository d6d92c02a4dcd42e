package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import me.minav3.adapters.postgres.DatabaseUrl;
import me.minav3.adapters.postgres.TestDatabase;
import me.minav3.mma.common.PassId;
import me.minav3.mma.studio.EmailLogin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17.4–17.6 through the real server: export, deletion (checked with SQL over all three tables and a listing of
 * the asset directory), a second sign-in after deletion, and an admin's disable and enable.
 */
class AccountLifecycleHttpTest {

    private static final String SECRET = "shpss_lifecycle_secret";
    private static final String ADMIN_EMAIL = "boss@example.com";
    private static String databaseUrl;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        databaseUrl = TestDatabase.freshDatabaseUrlSetting();
        server = new TestServer(
                Map.of("SHOPIFY_WEBHOOK_SECRET", SECRET, "SHOPIFY_STORE_DOMAIN", "mina-test.myshopify.com"),
                databaseUrl);
        server.wiring
                .publishConfig()
                .publish(
                        "mma.shopify",
                        Map.of(
                                "api_version",
                                "2026-10",
                                "customer_tag",
                                "Mina-users",
                                "variants",
                                Map.of("MINA-50", "4412345678901"),
                                "default_pack",
                                "MINA-50"),
                        me.minav3.mma.common.Actor.SYSTEM);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A customer with an upload, a finished still, a like and a feedback text. */
    private record Made(String email, String token, PassId passId, String uploadUrl, String generationId) {}

    private Made customerWithHistory(String name) throws Exception {
        String email = name + "@example.com";
        String token = server.token(email);
        PassId passId = server.customer(token, 20);
        server.post("/api/studio/sessions", token, "{}");
        String upload = server.uploadPng(token, "product").json().get("url").asText();
        String id = server.post("/api/stills", token, """
                {"brief": "%s's secret garden portrait", "product_url": "%s"}""".formatted(name, upload))
                .json()
                .get("generation_id")
                .asText();
        assertThat(server.awaitFinished(id, token).get("status").asText()).isEqualTo("done");
        assertThat(server.post("/api/generations/" + id + "/events", token, "{\"type\": \"like\"}")
                        .status())
                .isLessThan(300);
        assertThat(server.post(
                                "/api/generations/" + id + "/events",
                                token,
                                "{\"type\": \"feedback\", \"text\": \"" + name + " wants it warmer\"}")
                        .status())
                .isLessThan(300);
        return new Made(email, token, passId, upload, id.substring(id.indexOf(':') + 1));
    }

    @Test
    void theExportHoldsEveryRowAboutMeAndMyMedia() throws Exception {
        Made me = customerWithHistory("exporter");

        HttpResponse<byte[]> reply = server.http()
                .send(
                        server.request("/api/me/export", me.token()).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/zip"));
        Map<String, byte[]> files = unzip(reply.body());
        JsonNode doc = TestServer.JSON.readTree(files.get("account.json"));
        assertThat(doc.get("pass_id").asText()).isEqualTo(me.passId().value());
        assertThat(doc.get("customer").get("mg_email").asText()).isEqualTo(me.email());
        assertThat(doc.get("generations"))
                .anySatisfy(g -> assertThat(g.get("mg_id").asText()).endsWith(me.generationId()));
        assertThat(doc.get("generations").toString()).contains("exporter's secret garden portrait");
        assertThat(doc.get("steps").size()).isGreaterThan(1);
        assertThat(doc.get("events").toString()).contains("like", "exporter wants it warmer");
        assertThat(doc.get("credit_transactions"))
                .extracting(t -> t.get("mg_reason").asText())
                .contains("grant", "generation");
        assertThat(doc.get("sessions").size()).isPositive();
        List<String> mediaKeys = new ArrayList<>();
        doc.get("media").forEach(m -> mediaKeys.add(m.get("key").asText()));
        assertThat(mediaKeys)
                .anyMatch(k -> me.uploadUrl().endsWith(k))
                .anyMatch(k -> k.startsWith("mma/still/" + me.generationId().toLowerCase()));
        for (String key : mediaKeys) {
            assertThat(files.get("media/" + key))
                    .as(key)
                    .isEqualTo(Files.readAllBytes(assetsDir().resolve(key)));
        }
        assertThat(server.get("/api/me/export", null).status()).isEqualTo(401);
    }

    @Test
    void deletionLeavesNoPersonalDataOrMediaKeepsEveryLedgerAndASecondSignInStartsEmpty() throws Exception {
        Made gone = customerWithHistory("deleteme");
        Made stays = customerWithHistory("staysput");
        List<Path> goneMedia = mediaOf(gone);
        assertThat(goneMedia)
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(p -> assertThat(p).exists());
        String userId = EmailLogin.userIdOf(gone.email());

        var deleted =
                server.send(server.request("/api/me", gone.token()).DELETE().build());

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("media_deleted").asInt()).isGreaterThanOrEqualTo(2);
        // No personal data of the deleted customer in any row of the three tables (the pass id is the ledger's key).
        for (String table : List.of("mega_customers", "mega_generations", "mega_admin")) {
            for (String row : rows("SELECT t::text FROM public." + table + " t")) {
                String withoutPassId = row.replace(gone.passId().value(), "<pass id>");
                assertThat(withoutPassId)
                        .as(table)
                        .doesNotContain(
                                gone.email(),
                                "deleteme",
                                userId,
                                gone.uploadUrl(),
                                gone.generationId().toLowerCase() + ".");
            }
        }
        // No media of theirs in the store; the other customer's are all there.
        assertThat(goneMedia).allSatisfy(p -> assertThat(p).doesNotExist());
        assertThat(listAssets())
                .noneMatch(k -> k.contains(gone.passId().safeSegment().toLowerCase())
                        || k.contains(gone.generationId().toLowerCase()));
        assertThat(mediaOf(stays)).isNotEmpty().allSatisfy(p -> assertThat(p).exists());
        // Every balance still equals its ledger sum, and the ledger rows stayed.
        assertThat(rows("""
                SELECT c.mg_pass_id FROM public.mega_customers c
                 WHERE c.mg_credits <> coalesce((SELECT sum(g.mg_delta) FROM public.mega_generations g
                                                 WHERE g.mg_pass_id = c.mg_pass_id
                                                   AND g.mg_record_type = 'credit_transaction'), 0)""")).isEmpty();
        assertThat(rows("SELECT mg_id FROM public.mega_generations WHERE mg_record_type = 'credit_transaction'"
                        + " AND mg_pass_id = '" + gone.passId().value() + "'"))
                .hasSizeGreaterThanOrEqualTo(2);
        String admin = server.adminToken(ADMIN_EMAIL);
        assertThat(server.get("/api/admin/reconcile", admin).json().get("clean").asBoolean())
                .isTrue();
        // Hidden from the admin list, and the audit names the customer as the actor.
        assertThat(server.get("/api/admin/generations?limit=200", admin).body()).doesNotContain(gone.generationId());
        assertThat(server.get("/api/admin/generations/" + gone.generationId(), admin)
                        .status())
                .isEqualTo(404);
        assertThat(rows("SELECT mg_actor_pass_id FROM public.mega_admin WHERE mg_action = 'account.delete'"))
                .contains(gone.passId().value());

        // Signing in again with the same email starts a new, empty account.
        String again = server.token(gone.email());
        JsonNode me = server.get("/api/me", again).json();
        assertThat(me.get("pass_id").asText()).isNotEqualTo(gone.passId().value());
        assertThat(me.get("credits").asLong()).isZero();
        assertThat(server.get("/api/archive", again).json().get("items")).isEmpty();
        assertThat(server.get("/api/generations/" + gone.generationId(), again).status())
                .isEqualTo(404);
        assertThat(server.get("/api/me", stays.token()).json().get("pass_id").asText())
                .isEqualTo(stays.passId().value());
    }

    @Test
    void anAdminDeletesADisablesAndEnablesByPassIdAndOnlyAnAdminMay() throws Exception {
        String token = server.token("admin-target@example.com");
        PassId passId = server.customer(token, 3);
        String admin = server.adminToken(ADMIN_EMAIL);

        assertThat(server.post("/api/admin/customers/" + passId.value() + "/disable", token, "{}")
                        .status())
                .isEqualTo(403);
        assertThat(server.post("/api/admin/customers/pass:nonsense/disable", admin, "{}")
                        .status())
                .isEqualTo(422);
        assertThat(server.post("/api/admin/customers/pass:user:nobody-here/disable", admin, "{}")
                        .status())
                .isEqualTo(404);
        assertThat(server.send(server.request("/api/admin/customers/pass:user:nobody-here", admin)
                                .DELETE()
                                .build())
                        .status())
                .isEqualTo(404);

        var deleted = server.send(server.request("/api/admin/customers/" + passId.value(), admin)
                .DELETE()
                .build());
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(rows("SELECT mg_actor_pass_id FROM public.mega_admin WHERE mg_action = 'account.delete'"
                        + " AND mg_detail ->> 'pass_id' = '" + passId.value() + "'"))
                .containsExactly(server.customer(admin, 0).value());
        assertThat(rows("SELECT coalesce(mg_email, '') FROM public.mega_customers WHERE mg_pass_id = '" + passId.value()
                        + "'"))
                .containsExactly("");
    }

    @Test
    void aDisabledAccountGets403EverywhereIsRefundedOnceAndStillCreditedByAPurchase() throws Exception {
        // A server without workers on its own database keeps generations queued.
        String quietDb = TestDatabase.freshDatabaseUrlSetting();
        try (TestServer quiet = new TestServer(
                Map.of("SHOPIFY_WEBHOOK_SECRET", SECRET, "SHOPIFY_STORE_DOMAIN", "mina-test.myshopify.com"),
                quietDb,
                false)) {
            quiet.wiring
                    .publishConfig()
                    .publish(
                            "mma.shopify",
                            Map.of(
                                    "api_version",
                                    "2026-10",
                                    "customer_tag",
                                    "Mina-users",
                                    "variants",
                                    Map.of("MINA-50", "4412345678901"),
                                    "default_pack",
                                    "MINA-50"),
                            me.minav3.mma.common.Actor.SYSTEM);
            String token = quiet.token("disabled@example.com");
            PassId passId = quiet.customer(token, 30);
            long start = quiet.get("/api/me", token).json().get("credits").asLong();
            List<String> queued = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                queued.add(quiet.post("/api/stills", token, "{\"brief\": \"queued " + i + "\"}")
                        .json()
                        .get("generation_id")
                        .asText());
            }
            long charged =
                    start - quiet.get("/api/me", token).json().get("credits").asLong();
            assertThat(charged).isPositive();
            String admin = quiet.adminToken(ADMIN_EMAIL);

            List<Callable<Integer>> racers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                racers.add(() -> quiet.post("/api/admin/customers/" + passId.value() + "/disable", admin, "{}")
                        .status());
            }
            assertThat(runTogether(racers)).containsOnly(200);

            // Refunded once per generation, with the failure refund's id; every balance equals its ledger sum.
            assertThat(rows(
                            quietDb,
                            "SELECT mg_id FROM public.mega_generations WHERE mg_record_type = 'credit_transaction'"
                                    + " AND mg_reason = 'refund' AND mg_pass_id = '" + passId.value() + "'"))
                    .containsExactlyInAnyOrderElementsOf(queued.stream()
                            .map(id -> "credit_transaction:refund:" + id.substring(id.indexOf(':') + 1))
                            .toList());
            assertThat(rows(
                            quietDb,
                            "SELECT mg_credits::text FROM public.mega_customers WHERE mg_pass_id = '" + passId.value()
                                    + "'"))
                    .containsExactly(Long.toString(start));
            assertThat(quiet.get("/api/admin/reconcile", admin)
                            .json()
                            .get("clean")
                            .asBoolean())
                    .isTrue();

            // 403 on every route a token opens, users' and admins' alike.
            String disabledAdmin = quiet.adminToken("disabled@example.com");
            for (Map.Entry<String, String> route : tokenRoutes(quiet)) {
                String path = route.getKey()
                        .replace("{id}", queued.get(0))
                        .replace("{pass_id}", passId.value())
                        .replace("{key}", "mma.costs");
                HttpRequest.Builder request = quiet.request(
                                path, route.getKey().startsWith("/api/admin/") ? disabledAdmin : token)
                        .header("Content-Type", "application/json");
                HttpRequest built = switch (route.getValue()) {
                    case "get" -> request.GET().build();
                    case "delete" -> request.DELETE().build();
                    default ->
                        request.method(route.getValue().toUpperCase(), HttpRequest.BodyPublishers.ofString("{}"))
                                .build();
                };
                var reply = quiet.send(built);
                assertThat(reply.status()).as(route.getValue() + " " + path).isEqualTo(403);
                assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
            }
            assertThat(rows(
                            quietDb,
                            "SELECT count(*)::text FROM public.mega_generations WHERE mg_record_type = 'generation'"
                                    + " AND mg_pass_id = '" + passId.value() + "'"))
                    .containsExactly("3");

            // A purchase still credits the disabled account.
            String order = """
                    {"id": 720982911946154501, "email": "disabled@example.com", "financial_status": "paid", "test": false,
                     "processed_at": "2026-11-25T10:00:00Z", "customer": null,
                     "note_attributes": [{"name": "mina_pass_id", "value": "%s"}],
                     "line_items": [{"id": 766550311766439021, "sku": "MINA-50", "quantity": 1, "title": "50 matcha"}]}""".formatted(passId.value());
            var delivered = quiet.send(quiet.request("/api/shopify/orders-paid", null)
                    .header("Content-Type", "application/json")
                    .header("X-Shopify-Hmac-Sha256", sign(order))
                    .header("X-Shopify-Topic", "orders/paid")
                    .header("X-Shopify-Webhook-Id", "w-lifecycle")
                    .POST(HttpRequest.BodyPublishers.ofString(order))
                    .build());
            assertThat(delivered.status()).isEqualTo(200);
            assertThat(rows(
                            quietDb,
                            "SELECT mg_credits::text FROM public.mega_customers WHERE mg_pass_id = '" + passId.value()
                                    + "'"))
                    .containsExactly(Long.toString(start + 50));

            // Enabled again: the same token works; the refunded generations stay refunded.
            assertThat(quiet.post("/api/admin/customers/" + passId.value() + "/enable", admin, "{}")
                            .status())
                    .isEqualTo(200);
            assertThat(quiet.get("/api/me", token).status()).isEqualTo(200);
            assertThat(quiet.get("/api/generations/" + queued.get(0), token)
                            .json()
                            .get("status")
                            .asText())
                    .isEqualTo("error");
        }
    }

    @Test
    void theDisabledFlagIsReadOnEveryRequestAndNothingIsCharged() throws Exception {
        String token = server.token("flagged@example.com");
        PassId passId = server.customer(token, 10);
        long before = server.get("/api/me", token).json().get("credits").asLong();

        sql("UPDATE public.mega_customers SET mg_disabled = true WHERE mg_pass_id = '" + passId.value() + "'");

        assertThat(server.get("/api/me", token).status()).isEqualTo(403);
        assertThat(server.post("/api/stills", token, "{\"brief\": \"still charged?\"}")
                        .status())
                .isEqualTo(403);
        sql("UPDATE public.mega_customers SET mg_disabled = false WHERE mg_pass_id = '" + passId.value() + "'");
        assertThat(server.get("/api/me", token).json().get("credits").asLong()).isEqualTo(before);
    }

    @Test
    void aRowMarkedDeletedIsNeverSignedInToAgain() throws Exception {
        String token = server.token("marked-deleted@example.com");
        PassId passId = server.customer(token, 0);

        sql("UPDATE public.mega_customers SET mg_deleted_at = now(), mg_email = NULL, mg_user_id = NULL"
                + " WHERE mg_pass_id = '" + passId.value() + "'");

        String again = server.token("marked-deleted@example.com");
        assertThat(server.get("/api/me", again).json().get("pass_id").asText()).isNotEqualTo(passId.value());
        assertThat(rows("SELECT coalesce(mg_email, '') FROM public.mega_customers WHERE mg_pass_id = '" + passId.value()
                        + "'"))
                .containsExactly("");
    }

    /** Every (path, method) of /openapi.json that needs a token, except the export and deletion (tested above). */
    private static List<Map.Entry<String, String>> tokenRoutes(TestServer on) {
        JsonNode paths = on.get("/openapi.json", null).json().get("paths");
        List<Map.Entry<String, String>> routes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            var path = it.next();
            path.getValue().fields().forEachRemaining(op -> {
                // every operation a bearer token opens (public ones declare security: [], the webhook its signature)
                if (op.getValue().path("security").findValue("bearer") != null) {
                    routes.add(Map.entry(path.getKey(), op.getKey()));
                }
            });
        }
        assertThat(routes).hasSizeGreaterThan(20);
        return routes;
    }

    private static String sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Path assetsDir() {
        return server.wiring.localAssetsDir();
    }

    /** The files of a customer's upload and generation output in the local asset directory. */
    private static List<Path> mediaOf(Made made) throws Exception {
        return listAssets().stream()
                .filter(k -> made.uploadUrl().endsWith(k)
                        || k.startsWith("mma/still/" + made.generationId().toLowerCase()))
                .map(k -> assetsDir().resolve(k))
                .toList();
    }

    private static List<String> listAssets() throws Exception {
        Path dir = assetsDir();
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .toList();
        }
    }

    private static List<String> rows(String sql) throws Exception {
        return rows(databaseUrl, sql);
    }

    private static List<String> rows(String url, String sql) throws Exception {
        try (Connection c = DatabaseUrl.parse(url).connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = DatabaseUrl.parse(databaseUrl).connect();
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }
}
