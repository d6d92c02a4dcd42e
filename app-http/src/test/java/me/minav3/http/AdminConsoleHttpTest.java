package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.Map;
import me.minav3.mma.common.PassId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's admin API (issue 20), attacked as an admin, a user and nobody. */
class AdminConsoleHttpTest {

    private static TestServer server;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(Map.of());
        admin = server.adminToken("boss@example.com");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static long balance(PassId passId) {
        return server.wiring.creditBalance().of(passId).credits();
    }

    private static int ledgerRows(PassId passId) {
        return server.wiring.creditBalance().history(passId, 1000).size();
    }

    @Test
    void anAdminTakesMatchaAwayWithAReasonAndADoubleClickAppliesOnce() {
        String user = server.token("adjust-down@example.com");
        PassId passId = server.customer(user, 10);
        long before = balance(passId);
        String path = "/api/admin/customers/" + passId.value() + "/credits";
        String body = "{\"delta\":-4,\"reason\":\"charged twice\",\"adjustment_id\":\"adj-down-1\"}";

        var first = server.post(path, admin, body);
        var second = server.post(path, admin, body);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("applied").asBoolean()).isTrue();
        assertThat(first.json().get("balance").asLong()).isEqualTo(before - 4);
        assertThat(first.json().get("credit_id").asText())
                .isEqualTo("credit_transaction:adjust:" + passId.value() + ":adj-down-1");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("applied").asBoolean()).isFalse();
        assertThat(balance(passId)).isEqualTo(before - 4);
        var ledger = server.get(path, admin).json().get("transactions");
        assertThat(ledger.get(0).get("reason").asText()).isEqualTo("adjustment");
        assertThat(ledger.get(0).get("note").asText()).isEqualTo("charged twice");
        assertThat(server.get("/api/admin/audit", admin).json().get("entries").findValuesAsText("action"))
                .contains("credits.adjust");
        String boss = server.get("/api/me", admin).json().get("pass_id").asText();
        assertThat(server.get("/api/admin/audit", admin).json().get("entries")).anySatisfy(entry -> {
            assertThat(entry.get("action").asText()).isEqualTo("credits.adjust");
            assertThat(entry.get("actor").asText()).isEqualTo(boss);
            assertThat(entry.at("/detail/reason").asText()).isEqualTo("charged twice");
        });
    }

    @Test
    void theIdempotencyKeyHeaderNamesTheAdjustmentWhenTheBodyHasNone() {
        PassId passId = server.customer(server.token("adjust-up@example.com"), 1);
        long before = balance(passId);
        var reply = server.send(server.request("/api/admin/customers/" + passId.value() + "/credits", admin)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "goodwill-7")
                .POST(HttpRequest.BodyPublishers.ofString("{\"delta\":5,\"reason\":\"goodwill\"}"))
                .build());

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("credit_id").asText()).endsWith(":goodwill-7");
        assertThat(balance(passId)).isEqualTo(before + 5);
    }

    @Test
    void aDecreaseBelowZeroIsA409AndWritesNothing() {
        PassId passId = server.customer(server.token("adjust-poor@example.com"), 3);
        int rows = ledgerRows(passId);
        long before = balance(passId);

        var reply = server.post(
                "/api/admin/customers/" + passId.value() + "/credits",
                admin,
                "{\"delta\":" + -(before + 1) + ",\"reason\":\"too much\",\"adjustment_id\":\"adj-poor\"}");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asText()).contains("below zero");
        assertThat(balance(passId)).isEqualTo(before);
        assertThat(ledgerRows(passId)).isEqualTo(rows);
    }

    @Test
    void badAdjustmentsAreRefusedAndWriteNothing() {
        PassId passId = server.customer(server.token("adjust-bad@example.com"), 3);
        String path = "/api/admin/customers/" + passId.value() + "/credits";
        int rows = ledgerRows(passId);
        long before = balance(passId);

        assertThat(server.post(path, admin, "{\"delta\":-1,\"adjustment_id\":\"a1\"}")
                        .status())
                .as("no reason")
                .isEqualTo(400);
        assertThat(server.post(path, admin, "{\"delta\":-1,\"reason\":\"  \",\"adjustment_id\":\"a1\"}")
                        .status())
                .as("a blank reason")
                .isEqualTo(400);
        assertThat(server.post(path, admin, "{\"delta\":0,\"reason\":\"x\",\"adjustment_id\":\"a1\"}")
                        .status())
                .as("zero")
                .isEqualTo(422);
        assertThat(server.post(path, admin, "{\"delta\":-1,\"reason\":\"x\"}").status())
                .as("no adjustment id")
                .isEqualTo(422);
        assertThat(server.post(path, admin, "{\"delta\":\"-1\",\"reason\":\"x\",\"adjustment_id\":\"a1\"}")
                        .status())
                .as("a string delta")
                .isEqualTo(400);
        assertThat(server.post(path, admin, "{\"delta\":-1,\"reason\":\"x\",\"adjustment_id\":\"not ok\"}")
                        .status())
                .as("a bad adjustment id")
                .isEqualTo(422);
        assertThat(server.post(
                                "/api/admin/customers/pass:user:nobody-here/credits",
                                admin,
                                "{\"delta\":1,\"reason\":\"x\",\"adjustment_id\":\"a1\"}")
                        .status())
                .as("an unknown customer")
                .isEqualTo(404);
        assertThat(server.post(
                                "/api/admin/customers/not-a-pass/credits",
                                admin,
                                "{\"delta\":1,\"reason\":\"x\",\"adjustment_id\":\"a1\"}")
                        .status())
                .isEqualTo(422);
        assertThat(balance(passId)).isEqualTo(before);
        assertThat(ledgerRows(passId)).isEqualTo(rows);
    }

    @Test
    void aUserGets403AndNobodyGets401() {
        String user = server.token("adjust-self@example.com");
        PassId passId = server.customer(user, 3);
        long before = balance(passId);
        String path = "/api/admin/customers/" + passId.value() + "/credits";
        String body = "{\"delta\":100,\"reason\":\"me\",\"adjustment_id\":\"self\"}";

        assertThat(server.post(path, user, body).status()).isEqualTo(403);
        assertThat(server.post(path, null, body).status()).isEqualTo(401);
        assertThat(balance(passId)).isEqualTo(before);
    }

    @Test
    void metricsAreReadOnlyWithAnAdminToken() {
        var anonymous = server.get("/metrics", null);
        var user = server.get("/metrics", server.token("metrics-peek@example.com"));
        var scrape = server.get("/metrics", admin);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("# TYPE");
        assertThat(user.status()).isEqualTo(403);
        assertThat(user.body()).doesNotContain("# TYPE");
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.header("Content-Type")).startsWith("text/plain");
        assertThat(scrape.body()).contains("# TYPE").contains("mina_generations_queue");
    }

    @Test
    void anAdminFindsCustomersByEmailStartPassIdAndPagesThrough() {
        PassId one = server.customer(server.token("finder.one@example.com"), 2);
        PassId two = server.customer(server.token("Finder.Two@example.com"), 0);

        var byPrefix = server.get("/api/admin/customers?q=FINDER.", admin);
        var firstPage = server.get("/api/admin/customers?q=finder.&limit=1", admin);
        var secondPage = server.get(
                "/api/admin/customers?q=finder.&limit=1&cursor="
                        + firstPage.json().get("next_cursor").asText(),
                admin);
        var byPassId = server.get("/api/admin/customers?q=" + two.value(), admin);

        assertThat(byPrefix.status()).as(byPrefix.body()).isEqualTo(200);
        assertThat(byPrefix.json().get("items").findValuesAsText("pass_id"))
                .containsExactlyInAnyOrder(one.value(), two.value());
        var row = byPrefix.json().get("items").get(0);
        assertThat(row.has("balance")).isTrue();
        assertThat(row.get("disabled").asBoolean()).isFalse();
        assertThat(row.get("created_at").asText()).isNotBlank();
        assertThat(firstPage.json().get("items")).hasSize(1);
        assertThat(secondPage.json().get("items")).hasSize(1);
        assertThat(secondPage.json().get("next_cursor").isNull()).isTrue();
        assertThat(byPassId.json().get("items").findValuesAsText("pass_id")).containsExactly(two.value());
        assertThat(server.get("/api/admin/customers?q=%20", admin).status()).isEqualTo(422);
        assertThat(server.get("/api/admin/customers", admin).status()).isEqualTo(422);
        assertThat(server.get("/api/admin/customers?q=x&limit=lots", admin).status())
                .isEqualTo(400);
        assertThat(server.get("/api/admin/customers?q=finder.", server.token("finder.one@example.com"))
                        .status())
                .isEqualTo(403);
        assertThat(server.get("/api/admin/customers?q=finder.", null).status()).isEqualTo(401);
    }

    @Test
    void aCustomersTimelineShowsEventsWithoutAGenerationAndCreditsNewestFirstPageByPage() {
        String user = server.token("timeline@example.com");
        PassId passId = server.customer(user, 4);
        server.put("/api/preferences", user, "{\"hard_blocks\":[\"plastic\"],\"tag_weights\":{}}");
        String path = "/api/admin/customers/" + passId.value() + "/timeline";

        var all = server.get(path, admin);
        var first = server.get(path + "?limit=1", admin);
        var second = server.get(
                path + "?limit=1&cursor=" + first.json().get("next_cursor").asText(), admin);

        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(all.json().get("entries").findValuesAsText("kind")).contains("event", "credit");
        assertThat(all.json().get("entries").get(0).get("kind").asText()).isEqualTo("event");
        assertThat(all.json().get("entries").get(0).get("generation_id").isNull())
                .isTrue();
        assertThat(first.json().get("entries")).hasSize(1);
        assertThat(second.json().get("entries").get(0).get("id").asText())
                .isEqualTo(all.json().get("entries").get(1).get("id").asText());
        assertThat(server.get("/api/admin/customers/pass:user:nobody-here/timeline", admin)
                        .status())
                .isEqualTo(404);
        assertThat(server.get(path + "?cursor=garbage", admin).status()).isEqualTo(400);
        assertThat(server.get(path + "?limit=0", admin).status()).isEqualTo(422);
        assertThat(server.get(path, user).status()).isEqualTo(403);
        assertThat(server.get(path, null).status()).isEqualTo(401);
    }

    @Test
    void anAdminDiffsTwoConfigVersionsAndRollsBackToTheFirst() {
        String key = "/api/admin/config/mma.costs";
        var v1 = server.get(key, admin).json().get("value");
        var published = server.post(key, admin, "{\"value\":{\"still\":7,\"tweak\":1,\"video_per_second\":2}}");
        int newest = published.json().get("version").asInt();

        var diff = server.get(key + "/diff?from=1&to=" + newest, admin);
        var rollback = server.post(key + "/rollback", admin, "{\"version\":1}");

        assertThat(diff.status()).as(diff.body()).isEqualTo(200);
        assertThat(diff.json().get("changes").findValuesAsText("path")).contains("/still");
        assertThat(rollback.status()).as(rollback.body()).isEqualTo(200);
        assertThat(rollback.json().get("version").asInt()).isEqualTo(newest + 1);
        assertThat(rollback.json().get("value")).isEqualTo(v1);
        assertThat(server.get(key + "/diff?from=1", admin).json().get("changes"))
                .isEmpty();
        assertThat(server.get("/api/admin/audit", admin).json().get("entries").findValuesAsText("action"))
                .contains("config.rollback");

        assertThat(server.post(key + "/rollback", admin, "{\"version\":999}").status())
                .isEqualTo(404);
        assertThat(server.post(key + "/rollback", admin, "{}").status()).isEqualTo(400);
        assertThat(server.get(key + "/diff?from=1&to=999", admin).status()).isEqualTo(404);
        assertThat(server.get(key + "/diff", admin).status()).isEqualTo(400);
        assertThat(server.get("/api/admin/config/mma.nothing/diff?from=1", admin)
                        .status())
                .isEqualTo(404);
        assertThat(server.post(key, admin, "{\"value\":{\"still\":\"free\"}}").status())
                .as("a value its rules refuse")
                .isEqualTo(422);
        assertThat(server.get(key, admin).json().get("version").asInt()).isEqualTo(newest + 1);
        String user = server.token("config-peek@example.com");
        assertThat(server.post(key + "/rollback", user, "{\"version\":1}").status())
                .isEqualTo(403);
        assertThat(server.post(key + "/rollback", null, "{\"version\":1}").status())
                .isEqualTo(401);
        assertThat(server.get(key + "/diff?from=1", user).status()).isEqualTo(403);
    }

    @Test
    void theErrorReportGroupsFailedGenerationsOfTheWindowAndIsAdminsOnly() {
        var day = server.get("/api/admin/errors", admin);
        var week = server.get("/api/admin/errors?window=7d", admin);

        assertThat(day.status()).as(day.body()).isEqualTo(200);
        assertThat(day.json().get("window").asText()).isEqualTo("24h");
        assertThat(day.json().get("groups").isArray()).isTrue();
        assertThat(week.json().get("window").asText()).isEqualTo("7d");
        assertThat(server.get("/api/admin/errors?window=1y", admin).status()).isEqualTo(422);
        assertThat(server.get("/api/admin/errors", server.token("errors-peek@example.com"))
                        .status())
                .isEqualTo(403);
        assertThat(server.get("/api/admin/errors", null).status()).isEqualTo(401);
    }

    @Test
    void theErrorReportCountsARealFailedGenerationWithItsRefund() throws Exception {
        var before = server.get("/api/admin/errors", admin).json();
        String user = server.token("errors-real@example.com");
        PassId passId = server.customer(user, 3);
        long credits = balance(passId);
        // A still whose product image went missing after upload: MMA cannot read it, the generation fails and
        // its charge is refunded.
        var upload = server.uploadPng(user, "product").json();
        String url = upload.get("url").asText();
        java.nio.file.Files.delete(me.minav3.adapters.r2.AssetStores.localFile(
                        server.wiring.localAssetsDir(), url.substring(url.indexOf("/assets/") + 8))
                .orElseThrow()
                .path());
        String id = server.post("/api/stills", user, "{\"brief\":\"a tin\",\"product_url\":\"" + url + "\"}")
                .json()
                .get("generation_id")
                .asText();
        assertThat(server.awaitFinished(id, user).get("status").asText()).isEqualTo("error");
        assertThat(balance(passId)).as("charged, then refunded").isEqualTo(credits);

        for (String window : java.util.List.of("24h", "7d")) {
            var report = server.get("/api/admin/errors?window=" + window, admin).json();
            if (window.equals("24h")) {
                assertThat(report.get("failed").asInt())
                        .isEqualTo(before.get("failed").asInt() + 1);
            }
            var groups = new java.util.ArrayList<com.fasterxml.jackson.databind.JsonNode>();
            report.get("groups").forEach(groups::add);
            var group = groups.stream()
                    .filter(g -> g.get("recent").toString().contains("\"" + id + "\""))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(id + " is in no group of " + report));
            assertThat(group.get("provider").asText()).isNotBlank();
            assertThat(group.get("kind").asText()).isNotBlank();
            assertThat(group.get("failed").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(group.get("refunds").asInt())
                    .as("its refund, read from the ledger")
                    .isGreaterThanOrEqualTo(1);
            assertThat(group.get("refunded_matcha").asLong()).isGreaterThan(0);
            assertThat(group.get("last_at").asText()).isNotBlank();
        }

        // The group opens as the generation list: the same provider and kind, filtered by the server.
        var report = server.get("/api/admin/errors", admin).json();
        var group = java.util.stream.StreamSupport.stream(report.get("groups").spliterator(), false)
                .filter(g -> g.get("recent").toString().contains("\"" + id + "\""))
                .findFirst()
                .orElseThrow();
        String provider = group.get("provider").asText();
        String kind = group.get("kind").asText();
        String list =
                "/api/admin/generations?pass_id=" + passId.value() + "&provider=" + provider + "&error_kind=" + kind;
        var page = server.get(list, admin);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("items").toString()).contains(id);
        assertThat(page.json().get("items").size()).isEqualTo(1);
        assertThat(server.get(list.replace("error_kind=" + kind, "error_kind=not-" + kind), admin)
                        .json()
                        .get("items")
                        .size())
                .isZero();
        assertThat(server.get(list.replace("provider=" + provider, "provider=not-" + provider), admin)
                        .json()
                        .get("items")
                        .size())
                .isZero();
        assertThat(server.get("/api/admin/generations?provider=Seed%20Dream", admin)
                        .status())
                .isEqualTo(400);
        assertThat(server.get("/api/admin/generations?error_kind=" + "x".repeat(65), admin)
                        .status())
                .isEqualTo(400);
        assertThat(server.get(list, user).status()).isEqualTo(403);
        assertThat(server.get(list, null).status()).isEqualTo(401);
    }
}
