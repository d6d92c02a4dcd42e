package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import me.minav3.adapters.postgres.DatabaseUrl;
import me.minav3.adapters.postgres.TestDatabase;
import me.minav3.adapters.r2.AssetStores;
import me.minav3.mma.common.PassId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The operators' console at {@code /admin} (issue 20 item 1), in real Chromium against the real server: an admin
 * goes through each flow; a customer and a visitor see nothing of it and every admin call of theirs is refused.
 * Screenshots land in target/screenshots (admin-*.png).
 */
class AdminConsolePageTest {

    private static final String BOSS = "boss@example.com";
    private static final String SHOPIFY_SECRET = "shpss_console_test_webhook_secret";

    static String databaseUrl;
    static TestServer server;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        databaseUrl = TestDatabase.freshDatabaseUrlSetting();
        server = new TestServer(
                Map.of("MINA_LOCAL_LATENCY_MS", "50", "SHOPIFY_WEBHOOK_SECRET", SHOPIFY_SECRET), databaseUrl);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @BeforeEach
    void desktop() {
        browser.size(Browser.DESKTOP);
    }

    @AfterEach
    void noScriptErrorsAndNothingRefused() {
        assertThat(browser.problems()).isEmpty();
    }

    /** Opens the console as the token's owner: the token in localStorage, as the sign-in leaves it. */
    private static void openAs(String token, String hash) {
        browser.open(server.base + "/admin");
        browser.script("localStorage.clear(); localStorage.setItem('mina.token', arguments[0]);", token);
        browser.open(server.base + "/admin" + hash);
        browser.driver.navigate().refresh();
    }

    private static String adminSignedIn(String hash) {
        String admin = server.adminToken(BOSS);
        openAs(admin, hash);
        browser.waitForText("#who", BOSS);
        return admin;
    }

    @Test
    void aVisitorSeesOnlyTheSignInAndTheAdminApiAnswers401() {
        browser.open(server.base + "/admin");
        browser.script("localStorage.clear()");
        browser.driver.navigate().refresh();

        browser.find("#view-login:not([hidden])");
        assertThat(browser.find("#top").isDisplayed()).isFalse();
        assertThat(browser.all("#view-generations:not([hidden]), #view-customers:not([hidden])"))
                .isEmpty();
        assertThat(browser.text("#login-title")).isEqualTo("Operators' console");
        assertThat(browser.unnamedControls()).isEmpty();
        Axe.check(browser.driver, "console sign-in");
        browser.screenshot("admin-sign-in");
        assertThat(server.get("/api/admin/generations", null).status()).isEqualTo(401);
        assertThat(server.get("/admin", null).status())
                .as("the page itself is public: the API is the gate")
                .isEqualTo(200);
    }

    @Test
    void aCustomerSeesOnlyNotAnAdminAndEveryAdminCallOfTheirsIs403() {
        String user = server.token("curious@example.com");
        server.customer(user, 0);
        openAs(user, "#customers");

        browser.find("#view-denied:not([hidden])");
        assertThat(browser.text("#denied-text")).contains("curious@example.com");
        assertThat(browser.find("#top").isDisplayed()).isFalse();
        for (String view : List.of("generations", "customers", "errors", "config", "reconcile", "audit")) {
            assertThat(browser.find("#view-" + view).isDisplayed()).isFalse();
        }
        assertThat(browser.text("body")).doesNotContain("pass:");
        Axe.check(browser.driver, "console: not an admin");
        browser.screenshot("admin-not-an-admin");

        // The same calls the console makes, from the page with the customer's token: all refused.
        for (String path : List.of(
                "/api/admin/generations",
                "/api/admin/config",
                "/api/admin/audit",
                "/api/admin/reconcile",
                "/api/admin/customers/" + server.customer(user, 0).value() + "/credits")) {
            Object status = browser.driver.executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + " fetch(arguments[0], {headers: {Authorization: 'Bearer ' + localStorage.getItem('mina.token')}})"
                            + ".then(r => done(r.status));",
                    path);
            assertThat(status).as(path).isEqualTo(403L);
        }
        assertThat(server.post("/api/admin/reconcile", user, "{}").status()).isEqualTo(403);
        assertThat(server.post("/api/admin/config/mma.costs", user, "{\"value\":{}}")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void anAdminSeesAFailedGenerationAsATimelineOfStepsEventsAndCreditMovements() throws Exception {
        String user = server.token("unlucky@example.com");
        PassId passId = server.customer(user, 3);
        String doneId = server.finishedStill(user, "a cup <img src=x onerror=alert(1)> on marble");
        assertThat(server.post("/api/generations/" + doneId + "/events", user, """
                {"type":"feedback","text":"<b>warmer</b> please"}""")
                        .status())
                .isLessThan(300);
        String failedId = failedStill(user);

        adminSignedIn("#generations");
        browser.find("#gen-list tr[data-id='" + failedId + "']");
        Axe.check(browser.driver, "console generations");
        browser.screenshot("admin-generations");
        new org.openqa.selenium.support.ui.Select(browser.find("#gen-status")).selectByVisibleText("error");
        browser.click("#gen-search");
        browser.until(d -> browser.all("#gen-list tbody tr").size() == 1 ? true : null);
        assertThat(browser.find("#gen-list tbody tr").getAttribute("data-id")).isEqualTo(failedId);

        browser.click("#gen-list tr[data-id='" + failedId + "'] button.open");
        browser.find("#gen-detail[data-id='" + failedId + "']");
        assertThat(browser.text("#gen-detail .error-box")).isNotBlank();
        List<WebElement> steps = browser.all("#gen-timeline li[data-kind='step']");
        assertThat(steps).isNotEmpty();
        assertThat(browser.all("#gen-timeline li.failed")).isNotEmpty();
        assertThat(browser.find("#gen-timeline li.failed pre.json").getAttribute("textContent"))
                .as("the failed step's payload, pretty-printed")
                .startsWith("{\n  \"");
        assertThat(browser.texts("#gen-timeline li[data-kind='credit'] .entry-head"))
                .as("the charge and its refund")
                .anySatisfy(t -> assertThat(t).containsPattern("−\\d+ matcha generation"))
                .anySatisfy(t -> assertThat(t).containsPattern("\\+\\d+ matcha refund"));
        assertThat(browser.text("#gen-cost")).startsWith("$");
        Axe.check(browser.driver, "console: a failed generation");
        browser.screenshot("admin-generation-failed");

        // The finished one: its output inline as an <img> of our /assets/, the customer's text only as text.
        browser.click("#gen-detail a[href='#generations']");
        browser.find("#gen-browse:not([hidden])");
        browser.type("#gen-q", doneId);
        browser.click("#gen-search");
        browser.find("#gen-detail[data-id='" + doneId + "']");
        WebElement output = browser.find("#gen-detail figure.output img");
        assertThat(output.getAttribute("src")).startsWith(server.base + "/assets/");
        assertThat(browser.text("#gen-detail .brief")).contains("<img src=x onerror=alert(1)>");
        assertThat(browser.all("#gen-detail img"))
                .allSatisfy(img -> assertThat(img.getAttribute("src")).startsWith(server.base + "/assets/"));
        assertThat(browser.all("#gen-detail b")).isEmpty();
        assertThat(browser.texts("#gen-timeline li[data-kind='event'] .entry-head"))
                .anySatisfy(t -> assertThat(t).contains("feedback").contains("<b>warmer</b> please"));
        assertThat(browser.all("#gen-timeline li[data-kind='step'] img.media")).isNotEmpty();
        assertThat(browser.unnamedControls()).isEmpty();
        browser.screenshot("admin-generation-done");
        browser.screenshotHere("admin-generation-done-timeline");

        // Search by the customer's email: their generations only, both of them.
        server.customer(server.token("other@example.com"), 1);
        server.finishedStill(server.token("other@example.com"), "someone else's cup");
        browser.click("#gen-detail a[href='#generations']");
        new org.openqa.selenium.support.ui.Select(browser.find("#gen-status")).selectByVisibleText("Any");
        browser.type("#gen-q", "unlucky@example.com");
        browser.click("#gen-search");
        browser.until(d -> browser.find("#gen-user").getAttribute("value").equals(passId.value()) ? true : null);
        browser.until(d -> browser.all("#gen-list tbody tr").size() == 2 ? true : null);
        assertThat(browser.all("#gen-list tbody tr").stream().map(r -> r.getAttribute("data-id")))
                .containsExactlyInAnyOrder(failedId, doneId);
    }

    @Test
    void anAdminFindsACustomerByEmailAndCorrectsTheBalanceDownWithAReasonSeenInTheLedger() {
        String user = server.token("regular@example.com");
        PassId passId = server.customer(user, 3);
        long before = server.get("/api/me", user).json().get("credits").asLong();
        adminSignedIn("#customers");

        browser.find("#view-customers:not([hidden])");
        browser.type("#cust-q", "Regular@Example.com");
        browser.click("#cust-find");
        browser.find("#cust-detail:not([hidden])");
        browser.waitForText("#cust-email", "regular@example.com");
        browser.waitForText("#cust-balance", before + " matcha");
        assertThat(browser.find("#cust-results tr[data-pass-id='" + passId.value() + "']")
                        .getText())
                .contains("regular@example.com");

        browser.click("#cust-adjust");
        browser.waitForTextContaining("#cust-action-status", "other than 0");
        browser.type("#cust-delta", "-2");
        browser.click("#cust-adjust");
        browser.waitForTextContaining("#cust-action-status", "reason is required");
        assertThat(server.get("/api/me", user).json().get("credits").asLong()).isEqualTo(before);
        browser.type("#cust-delta", "-" + (before + 1));
        browser.type("#cust-reason", "too much");
        browser.click("#cust-adjust");
        browser.until(d -> "error".equals(browser.find("#cust-action-status").getAttribute("data-tone")) ? true : null);
        assertThat(server.get("/api/me", user).json().get("credits").asLong())
                .as("never below zero: refused, nothing written")
                .isEqualTo(before);

        browser.type("#cust-delta", "-2");
        browser.type("#cust-reason", "ticket 42: charged twice <script>alert(1)</script>");
        browser.click("#cust-adjust");
        browser.waitForText("#cust-balance", (before - 2) + " matcha");
        assertThat(browser.text("#cust-action-status")).contains("balance now " + (before - 2));
        assertThat(browser.texts("#cust-detail tbody tr"))
                .anySatisfy(row ->
                        assertThat(row).contains("−2").contains("ticket 42: charged twice <script>alert(1)</script>"));
        assertThat(browser.all("#cust-detail script")).isEmpty();
        assertThat(server.get("/api/me", user).json().get("credits").asLong()).isEqualTo(before - 2);
        assertThat(browser.unnamedControls()).isEmpty();
        Axe.check(browser.driver, "console customer");
        browser.screenshot("admin-customer");

        browser.click("#cust-revoke");
        browser.waitForTextContaining("#cust-action-status", "refused");
        assertThat(server.get("/api/me", user).status()).isEqualTo(401);
        // "Sign out everywhere" refuses every token issued up to the end of its second (iat counts whole seconds,
        // RevokeTokens.revokeAll): the fresh sign-in below must come from a later second.
        awaitNextSecond();
        browser.click("#cust-disable");
        browser.waitForText("#cust-state", "disabled");
        String fresh = server.token("regular@example.com");
        assertThat(server.get("/api/me", fresh).status()).isEqualTo(403);
        browser.click("#cust-enable");
        browser.waitForText("#cust-state", "active");
        assertThat(server.get("/api/me", fresh).status()).isEqualTo(200);
    }

    @Test
    void anAdminEditsAConfigKeySeesItsValidationErrorPublishesComparesAndRollsBack() {
        String admin = adminSignedIn("#config");
        browser.click("#config-keys tr[data-key='mma.costs'] button.open");
        browser.find("#config-value");
        JsonNode first = server.get("/api/admin/config/mma.costs", admin).json();
        int version = first.get("version").asInt();
        JsonNode before = first.get("value");

        setValue("#config-value", "{\"still\": -1, \"tweak\": 1, \"video_per_second\": 3}");
        browser.click("#config-publish");
        browser.until(d -> "error".equals(browser.find("#config-edit-status").getAttribute("data-tone")) ? true : null);
        assertThat(browser.text("#config-edit-status")).isNotBlank();
        assertThat(server.get("/api/admin/config/mma.costs", admin)
                        .json()
                        .get("version")
                        .asInt())
                .as("nothing published")
                .isEqualTo(version);
        Axe.check(browser.driver, "console config");
        browser.screenshot("admin-config-invalid");

        setValue("#config-value", "{\"still\": 2, \"tweak\": 1, \"video_per_second\": 3}");
        browser.click("#config-preview");
        assertThat(browser.find("#config-changes pre.diff").getAttribute("textContent"))
                .contains("+   \"still\": 2");
        browser.click("#config-publish");
        browser.find("#config-detail tr[data-version='" + (version + 1) + "']");
        browser.waitForText("#config-edit-status", "Published v" + (version + 1) + ".");
        JsonNode now = server.get("/api/admin/config/mma.costs", admin).json();
        assertThat(now.get("version").asInt()).isEqualTo(version + 1);
        assertThat(now.at("/value/still").asInt()).isEqualTo(2);
        browser.screenshot("admin-config");

        // A diff of the two versions, then the older one published again as the next version.
        new org.openqa.selenium.support.ui.Select(browser.find("#config-diff-from")).selectByVisibleText("v" + version);
        new org.openqa.selenium.support.ui.Select(browser.find("#config-diff-to"))
                .selectByVisibleText("v" + (version + 1));
        browser.click("#config-diff-show");
        assertThat(browser.find("#config-diff tr[data-path='/still']").getText())
                .contains("2");
        browser.screenshotHere("admin-config-diff");
        browser.click("#config-detail button[data-rollback='" + version + "']");
        browser.find("#config-detail tr[data-version='" + (version + 2) + "']");
        browser.waitForText(
                "#config-edit-status", "Rolled back: v" + (version + 2) + " has the value of v" + version + ".");
        JsonNode rolledBack = server.get("/api/admin/config/mma.costs", admin).json();
        assertThat(rolledBack.get("version").asInt()).isEqualTo(version + 2);
        assertThat(rolledBack.at("/value/still").asInt()).isNotEqualTo(2);
        assertThat(rolledBack.at("/value")).isEqualTo(before);
    }

    @Test
    void anAdminSeesEachDriftAndFixesItWithOneClick() throws Exception {
        String user = server.token("drifty@example.com");
        PassId passId = server.customer(user, 2);
        sql("UPDATE public.mega_customers SET mg_credits = mg_credits + 5 WHERE mg_pass_id = '" + passId.value() + "'");
        adminSignedIn("#reconcile");

        WebElement row = browser.find("#reconcile-report tr[data-pass-id='" + passId.value() + "']");
        assertThat(row.getText()).contains("+5").contains("drift");
        Axe.check(browser.driver, "console reconcile");
        browser.screenshot("admin-reconcile-drift");
        browser.click("#reconcile-fix");
        browser.waitForTextContaining("#reconcile-status", "Fixed");
        assertThat(browser.find("#reconcile-report tr[data-pass-id='" + passId.value() + "']")
                        .getAttribute("data-fixed"))
                .isEqualTo("true");
        assertThat(server.get("/api/admin/reconcile", server.adminToken(BOSS))
                        .json()
                        .get("clean")
                        .asBoolean())
                .isTrue();
        browser.click("#reconcile-check");
        browser.waitForTextContaining("#reconcile-status", "Every balance equals its ledger sum");
        browser.screenshot("admin-reconcile");
    }

    @Test
    void theAuditLogShowsTheConsolesOwnCallsWithTheRealActor() {
        // The way docs/operations.md opens it: a CLI token in the fragment, taken out of the address bar at once.
        browser.open(server.base + "/admin");
        browser.script("localStorage.clear()");
        browser.open(server.base + "/admin#access_token=" + server.adminToken(BOSS));
        browser.driver.navigate().refresh();
        browser.waitForText("#who", BOSS);
        assertThat(browser.driver.getCurrentUrl()).doesNotContain("access_token");
        browser.click("[data-nav='config']");
        browser.find("#config-keys tr[data-key='mma.costs']");
        browser.click("[data-nav='audit']");
        browser.find("#view-audit:not([hidden])");
        browser.until(
                d -> browser.texts("#audit-list tbody tr").stream().anyMatch(t -> t.contains("GET /api/admin/config"))
                        ? true
                        : null);
        assertThat(browser.text("#audit-list"))
                .contains(server.customer(server.adminToken(BOSS), 0).value());
        Axe.check(browser.driver, "console audit log");
        browser.screenshot("admin-audit");
    }

    @Test
    void theErrorsViewShowsFailuresByProviderAndKindBesideShopifyRefundsWhoseMatchaWasAlreadySpent() throws Exception {
        // Ada buys 4 × MINA-50 and 1 × MINA-100 (300 matcha), spends all but 30, then the MINA-100 line is refunded.
        byte[] order = Files.readAllBytes(Path.of("src/test/resources/shopify/order-paid-packs.json"));
        assertThat(shopify("/api/shopify/orders-paid", "orders/paid", "console-order", order))
                .isEqualTo(200);
        String ada = server.token("ada@example.com");
        PassId passId = server.customer(ada, 0);
        long balance = server.get("/api/me", ada).json().get("credits").asLong();
        spend(passId, balance - 30);
        byte[] refund = """
                {"id": 990001, "order_id": 5812345678901, "created_at": "2026-11-26T10:00:00+04:00",
                 "refund_line_items": [{"id": 880001, "line_item_id": 14567890123002, "quantity": 1,
                   "line_item": {"id": 14567890123002, "sku": "MINA-100"}}]}""".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(shopify("/api/shopify/refunds", "refunds/create", "console-refund", refund))
                .isEqualTo(200);

        String unlucky = server.token("errors-view@example.com");
        server.customer(unlucky, 3);
        String failedId = failedStill(unlucky);

        adminSignedIn("#errors");
        // The failures of the window by provider and kind, with their refunds, a link to each recent one.
        WebElement failures = browser.find("#errors-report tbody tr a[data-id='" + failedId + "']");
        WebElement group = failures.findElement(org.openqa.selenium.By.xpath("ancestor::tr"));
        assertThat(Integer.parseInt(group.findElement(org.openqa.selenium.By.cssSelector("td:nth-of-type(2)"))
                        .getText()))
                .isGreaterThanOrEqualTo(1);
        assertThat(Integer.parseInt(group.findElement(org.openqa.selenium.By.cssSelector("td:nth-of-type(3)"))
                        .getText()))
                .as("refunded")
                .isGreaterThanOrEqualTo(1);
        assertThat(browser.text("#errors-summary")).containsPattern("\\d+ failed generations? since .*, \\d+ refunded");
        new org.openqa.selenium.support.ui.Select(browser.find("#errors-span")).selectByValue("7d");
        browser.click("#errors-show");
        browser.find("#errors-report tbody tr a[data-id='" + failedId + "']");
        WebElement row = browser.find("#refunds-report tbody tr");
        assertThat(row.getText()).contains(passId.value()).contains("MINA-100").contains("70");
        assertThat(browser.text("#refunds-summary")).contains("70 matcha not taken back of 100 owed");
        Axe.check(browser.driver, "console errors");
        browser.screenshot("admin-errors");

        // A group opens the generation list narrowed to its provider and failure kind, filtered by the server.
        WebElement groupRow = browser.find("#errors-report tbody tr a[data-id='" + failedId + "']")
                .findElement(org.openqa.selenium.By.xpath("ancestor::tr"));
        String provider = groupRow.getDomAttribute("data-provider");
        String kind = groupRow.getDomAttribute("data-kind");
        groupRow.findElement(org.openqa.selenium.By.cssSelector("a.open-group")).click();
        browser.find("#gen-list tbody tr[data-id='" + failedId + "']");
        assertThat(browser.find("#gen-provider").getDomProperty("value")).isEqualTo(provider);
        assertThat(browser.find("#gen-kind").getDomProperty("value")).isEqualTo(kind);
        assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector("#gen-list tbody tr")))
                .isNotEmpty()
                .allSatisfy(tr -> assertThat(tr.getDomAttribute("data-status")).isEqualTo("error"));
        browser.type("#gen-kind", "not-" + kind);
        browser.click("#gen-search");
        browser.find("#gen-list p.none");
    }

    private static int shopify(String path, String topic, String webhookId, byte[] body) {
        return server.send(server.request(path, null)
                        .header("Content-Type", "application/json")
                        .header(
                                "X-Shopify-Hmac-Sha256",
                                new me.minav3.mma.shopify.WebhookSignature(SHOPIFY_SECRET).sign(body))
                        .header("X-Shopify-Topic", topic)
                        .header("X-Shopify-Webhook-Id", webhookId)
                        .header("X-Shopify-Shop-Domain", "mina-shop.myshopify.com")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                        .build())
                .status();
    }

    /** Takes matcha away the way an operator does: a correction with a reason. */
    private static void spend(PassId passId, long amount) {
        assertThat(server.post(
                                "/api/admin/customers/" + passId.value() + "/credits",
                                server.adminToken(BOSS),
                                "{\"delta\": -" + amount
                                        + ", \"reason\": \"spent in the studio\", \"adjustment_id\": \"spent-" + amount
                                        + "\"}")
                        .status())
                .isEqualTo(200);
    }

    /** A still whose product image went missing after upload: MMA cannot read it, the generation fails. */
    private static String failedStill(String token) throws Exception {
        JsonNode upload = server.uploadPng(token, "product").json();
        String url = upload.get("url").asText();
        Path file = AssetStores.localFile(server.wiring.localAssetsDir(), url.substring(url.indexOf("/assets/") + 8))
                .orElseThrow()
                .path();
        Files.delete(file);
        String id = server.post("/api/stills", token, "{\"brief\":\"a tin\",\"product_url\":\"" + url + "\"}")
                .json()
                .get("generation_id")
                .asText();
        assertThat(server.awaitFinished(id, token).get("status").asText()).isEqualTo("error");
        return id;
    }

    private static void setValue(String css, String value) {
        WebElement field = browser.find(css);
        browser.script("arguments[0].value = arguments[1]", field, value);
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = DatabaseUrl.parse(databaseUrl).connect();
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static void awaitNextSecond() {
        long second = java.time.Instant.now().getEpochSecond();
        while (java.time.Instant.now().getEpochSecond() <= second) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
