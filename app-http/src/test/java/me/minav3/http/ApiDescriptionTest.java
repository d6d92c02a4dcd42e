package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import me.minav3.mma.common.Actor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code /openapi.json} is the truth (issue 19): every route is driven on a running server and every answer checked
 * against what the document declares for it (status, media type, body schema, stream events); every JSON request
 * body is refused or accepted as its declared schema says; and the document has what a client generator needs.
 */
class ApiDescriptionTest {

    private static final String SECRET = "shpss_contract_secret";
    private static TestServer server;
    private static ImageServer images;
    private static ApiContract contract;
    private static final ListAppender<ILoggingEvent> mailbox = new ListAppender<>();

    @BeforeAll
    static void start() throws Exception {
        images = new ImageServer();
        server = new TestServer(Map.of(
                "MINA_ALLOW_LOOPBACK_FETCH",
                "true",
                "SHOPIFY_WEBHOOK_SECRET",
                SECRET,
                "SHOPIFY_STORE_DOMAIN",
                "mina-test.myshopify.com"));
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
                        Actor.SYSTEM);
        mailbox.start();
        ((Logger) LoggerFactory.getLogger("me.minav3.login")).addAppender(mailbox);
        contract = new ApiContract(server.get("/openapi.json", null).body());
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger("me.minav3.login")).detachAppender(mailbox);
        server.close();
        images.close();
    }

    private static TestServer.Reply call(String method, String template, String path, String token, String json) {
        HttpRequest.Builder request = server.request(path, token);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return contract.check(method, template, server.send(request.build()));
    }

    private static TestServer.Reply get(String template, String path, String token) {
        return call("GET", template, path, token, null);
    }

    private static TestServer.Reply post(String template, String path, String token, String json) {
        return call("POST", template, path, token, json);
    }

    static String loginCode(String email) throws InterruptedException {
        Pattern pattern = Pattern.compile("email=" + Pattern.quote(email) + " code=([0-9]{6})");
        for (int i = 0; i < 100; i++) {
            for (ILoggingEvent event : List.copyOf(mailbox.list).reversed()) {
                Matcher matcher = pattern.matcher(event.getFormattedMessage());
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no code for " + email);
    }

    private static String sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String awaitDone(String id, String token) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            JsonNode g = get("/api/generations/{id}", "/api/generations/" + id, token)
                    .json();
            if (g.get("status").asText().matches("done|error")) {
                assertThat(g.get("status").asText()).as(g.toString()).isEqualTo("done");
                return g.get("output_url").asText();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not done: " + id);
    }

    @Test
    void everyRouteAnswersAsTheDescriptionSays() throws Exception {
        get("/health", "/health", null);
        assertThat(get("/metrics", "/metrics", null).status()).isEqualTo(401);
        get("/openapi.json", "/openapi.json", null);
        get("/api/auth/config", "/api/auth/config", null);

        // Sign in with an email code, as a client of the API does.
        post("/api/auth/email/start", "/api/auth/email/start", null, "{\"email\":\"contract@example.com\"}");
        assertThat(post(
                                "/api/auth/email/verify",
                                "/api/auth/email/verify",
                                null,
                                "{\"email\":\"contract@example.com\",\"code\":\"000000\"}")
                        .status())
                .isIn(401, 422);
        String token = post(
                        "/api/auth/email/verify",
                        "/api/auth/email/verify",
                        null,
                        "{\"email\":\"contract@example.com\"," + "\"code\":\"" + loginCode("contract@example.com")
                                + "\"}")
                .json()
                .get("access_token")
                .asText();
        String admin = server.adminToken("boss@example.com");

        String passId = get("/api/me", "/api/me", token).json().get("pass_id").asText();
        assertThat(get("/metrics", "/metrics", token).status())
                .as("a user token")
                .isEqualTo(403);
        assertThat(get("/metrics", "/metrics", admin).body()).contains("# TYPE");
        assertThat(get("/api/me", "/api/me", null).status()).isEqualTo(401);
        post("/api/studio/sessions", "/api/studio/sessions", token, null);
        post("/api/studio/sessions", "/api/studio/sessions", token, "{}");
        assertThat(post(
                                "/api/admin/credits/grant",
                                "/api/admin/credits/grant",
                                admin,
                                "{\"pass_id\":\"" + passId
                                        + "\",\"amount\":60,\"reason\":\"contract\",\"request_id\":\"contract-1\"}")
                        .status())
                .isEqualTo(200);
        assertThat(post(
                                "/api/admin/credits/grant",
                                "/api/admin/credits/grant",
                                token,
                                "{\"pass_id\":\"" + passId + "\",\"amount\":60}")
                        .status())
                .isEqualTo(403);

        // Uploads: multipart and from a link.
        contract.check("POST", "/api/uploads", server.uploadPng(token, "product"));
        String animation = contract.check("POST", "/api/uploads", server.uploadPng(token, "animation"))
                .json()
                .get("url")
                .asText();
        contract.check(
                "POST",
                "/api/uploads",
                server.send(server.request("/api/uploads", token)
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build()));
        post(
                "/api/uploads/from-url",
                "/api/uploads/from-url",
                token,
                "{\"url\":\"" + images.url("/product.png") + "\",\"kind\":\"product\"}");
        assertThat(post(
                                "/api/uploads/from-url",
                                "/api/uploads/from-url",
                                token,
                                "{\"url\":\"not a link at all\",\"kind\":\"product\"}")
                        .status())
                .isEqualTo(422);

        // A still, read until done, its stream (with a ticket), tweak, events, recreate.
        String still = post(
                        "/api/stills", "/api/stills", token, "{\"brief\":\"a matcha tin\",\"aspect_ratio\":\"4:5\"}")
                .json()
                .get("generation_id")
                .asText();
        assertThat(post("/api/stills", "/api/stills", token, "{\"brief\":\"  \"}")
                        .status())
                .isEqualTo(422);
        String output = awaitDone(still, token);
        assertThat(get("/api/generations/{id}", "/api/generations/mg_nope", token)
                        .status())
                .isEqualTo(404);
        String ticket = post(
                        "/api/generations/{id}/stream-ticket",
                        "/api/generations/" + still + "/stream-ticket",
                        token,
                        null)
                .json()
                .get("ticket")
                .asText();
        var events = SseReader.await(
                SseReader.open(server, "/api/generations/" + still + "/stream?ticket=" + ticket, null, null));
        contract.checkEvents("/api/generations/{id}/stream", events);
        assertThat(events).extracting(SseReader.Event::name).contains("message", "status", "done");
        var streamed = server.send(server.request("/api/generations/" + still + "/stream", token)
                .header("Accept", "text/event-stream")
                .GET()
                .build());
        contract.check("GET", "/api/generations/{id}/stream", streamed);
        contract.check(
                "GET",
                "/api/generations/{id}/stream",
                server.send(server.request("/api/generations/" + still + "/stream", token)
                        .header("Accept", "application/json")
                        .GET()
                        .build()));
        post("/api/generations/{id}/tweak", "/api/generations/" + still + "/tweak", token, "{\"feedback\":\"warmer\"}");
        assertThat(post(
                                "/api/generations/{id}/edits",
                                "/api/generations/" + still + "/edits",
                                token,
                                "{\"tool\":\"upscale\",\"scale\":2,\"request_id\":\"contract-edit\"}")
                        .status())
                .isEqualTo(202);
        assertThat(post(
                                "/api/generations/{id}/edits",
                                "/api/generations/" + still + "/edits",
                                token,
                                "{\"tool\":\"blur\"}")
                        .status())
                .isEqualTo(422);
        post("/api/generations/{id}/events", "/api/generations/" + still + "/events", token, "{\"type\":\"like\"}");
        assertThat(post(
                                "/api/generations/{id}/events",
                                "/api/generations/" + still + "/events",
                                token,
                                "{\"type\":\"shout\"}")
                        .status())
                .isEqualTo(422);
        get("/api/generations/{id}/recreate", "/api/generations/" + still + "/recreate", token);
        assertThat(post(
                                "/api/generations/{id}/events",
                                "/api/generations/" + still + "/events",
                                token,
                                "{\"type\":\"clear\"}")
                        .status())
                .isEqualTo(201);
        get("/api/preferences", "/api/preferences", token);
        get("/api/generations/{id}/download", "/api/generations/" + still + "/download", token);
        String hidden = post("/api/stills", "/api/stills", token, "{\"brief\":\"a tin to hide\"}")
                .json()
                .get("generation_id")
                .asText();
        awaitDone(hidden, token);
        assertThat(call("DELETE", "/api/generations/{id}", "/api/generations/" + hidden, token, null)
                        .status())
                .isEqualTo(204);
        call(
                "PUT",
                "/api/preferences",
                "/api/preferences",
                token,
                "{\"hard_blocks\":[\"plastic\"],\"tag_weights\":{\"minimal\":0.5}}");

        // The stored file, whole and by range.
        String asset = URI.create(output).getPath();
        contract.check(
                "GET",
                "/assets/{key}",
                server.send(server.request(asset, null).GET().build()));
        contract.check(
                "GET",
                "/assets/{key}",
                server.send(server.request(asset, null)
                        .header("Range", "bytes=0-9")
                        .GET()
                        .build()));
        contract.check(
                "GET",
                "/assets/{key}",
                server.send(
                        server.request("/assets/nothing/here.png", null).GET().build()));

        // Motion: Type for me, animate a still and an upload, feedback on the video.
        post("/api/motion/suggest", "/api/motion/suggest", token, "{\"generation_id\":\"" + still + "\"}");
        assertThat(post("/api/motion/suggest", "/api/motion/suggest", token, "{}")
                        .status())
                .isEqualTo(422);
        String video = post(
                        "/api/generations/{id}/animate",
                        "/api/generations/" + still + "/animate",
                        token,
                        "{\"prompt\":\"steam rising\",\"duration\":5}")
                .json()
                .get("generation_id")
                .asText();
        post("/api/animations", "/api/animations", token, "{\"image_url\":\"" + animation + "\",\"duration\":5}");
        awaitDone(video, token);
        post(
                "/api/generations/{id}/feedback",
                "/api/generations/" + video + "/feedback",
                token,
                "{\"text\":\"slower\"}");

        // Styles (issue 24.3): the presets and mine, saving one from an upload, deleting it.
        get("/api/styles", "/api/styles", token);
        String styleImage =
                server.uploadPng(token, "inspiration").json().get("url").asText();
        String style = post(
                        "/api/styles",
                        "/api/styles",
                        token,
                        "{\"name\":\"Mine\",\"image_urls\":[\"" + styleImage + "\"]}")
                .json()
                .get("id")
                .asText();
        call("DELETE", "/api/styles/{id}", "/api/styles/" + style, token, null);

        // The archive, page by page, with its filters.
        JsonNode first = get("/api/archive", "/api/archive?limit=1", token).json();
        assertThat(first.get("next_cursor").isTextual()).isTrue();
        get(
                "/api/archive",
                "/api/archive?limit=2&cursor=" + first.get("next_cursor").asText(),
                token);
        get(
                "/api/archive",
                "/api/archive?mode=still&liked=true&from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z",
                token);
        assertThat(get("/api/archive", "/api/archive?limit=0", token).status()).isEqualTo(400);

        // Matcha: checkout, the signed webhook, and a 402.
        get("/api/checkout", "/api/checkout?pack=MINA-50&quantity=2", token);
        assertThat(get("/api/checkout", "/api/checkout?pack=MINA-50&quantity=100", token)
                        .status())
                .isEqualTo(422);
        assertThat(get("/api/checkout", "/api/checkout?quantity=two", token).status())
                .isEqualTo(400);

        // The live balance (decision 034): by ticket, its events; by bearer token, until that login signs out.
        String balanceTicket = post("/api/me/balance/stream-ticket", "/api/me/balance/stream-ticket", token, null)
                .json()
                .get("ticket")
                .asText();
        contract.checkEvents(
                "/api/me/balance/stream",
                SseReader.until(server, "/api/me/balance/stream?ticket=" + balanceTicket, null, e -> !e.isEmpty())
                        .get(10, java.util.concurrent.TimeUnit.SECONDS));
        String balanceLeaver = server.token("balance-contract@example.com");
        get("/api/me", "/api/me", balanceLeaver);
        int watching = server.wiring.balances().subscriberCount();
        var balanceStream = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> server.send(server.request("/api/me/balance/stream", balanceLeaver)
                        .header("Accept", "text/event-stream")
                        .GET()
                        .build()));
        for (int i = 0; i < 200 && server.wiring.balances().subscriberCount() <= watching; i++) {
            Thread.sleep(25);
        }
        post("/api/auth/logout", "/api/auth/logout", balanceLeaver, null);
        contract.check("GET", "/api/me/balance/stream", balanceStream.get(15, java.util.concurrent.TimeUnit.SECONDS));
        contract.check(
                "GET",
                "/api/me/balance/stream",
                server.send(server.request("/api/me/balance/stream", token)
                        .header("Accept", "application/json")
                        .GET()
                        .build()));
        assertThat(get("/api/checkout", "/api/checkout?pack=MINA-999", token).status())
                .isEqualTo(404);
        String order = """
                {"id": 820982911946154599, "email": "contract@example.com", "financial_status": "paid", "test": false,
                 "processed_at": "2026-11-25T10:00:00Z", "customer": null,
                 "note_attributes": [{"name": "mina_pass_id", "value": "%s"}],
                 "line_items": [{"id": 866550311766439099, "sku": "MINA-50", "quantity": 1, "title": "50 matcha"}]}""".formatted(passId);
        contract.check(
                "POST",
                "/api/shopify/orders-paid",
                server.send(server.request("/api/shopify/orders-paid", null)
                        .header("Content-Type", "application/json")
                        .header("X-Shopify-Hmac-Sha256", sign(order))
                        .header("X-Shopify-Topic", "orders/paid")
                        .header("X-Shopify-Webhook-Id", "contract-1")
                        .POST(HttpRequest.BodyPublishers.ofString(order))
                        .build()));
        contract.check(
                "POST",
                "/api/shopify/orders-paid",
                server.send(server.request("/api/shopify/orders-paid", null)
                        .header("Content-Type", "application/json")
                        .header("X-Shopify-Hmac-Sha256", "bm90IGEgc2lnbmF0dXJl")
                        .POST(HttpRequest.BodyPublishers.ofString(order))
                        .build()));
        String refund = """
                {"id": 890123456789, "order_id": 820982911946154599, "created_at": "2026-11-26T09:00:00Z",
                 "refund_line_items": [{"id": 1044556677, "line_item_id": 866550311766439099, "quantity": 1,
                                        "line_item": {"id": 866550311766439099, "sku": "MINA-50"}}]}""";
        contract.check(
                "POST",
                "/api/shopify/refunds",
                server.send(server.request("/api/shopify/refunds", null)
                        .header("Content-Type", "application/json")
                        .header("X-Shopify-Hmac-Sha256", sign(refund))
                        .header("X-Shopify-Topic", "refunds/create")
                        .POST(HttpRequest.BodyPublishers.ofString(refund))
                        .build()));
        contract.check(
                "POST",
                "/api/shopify/refunds",
                server.send(server.request("/api/shopify/refunds", null)
                        .header("Content-Type", "application/json")
                        .header("X-Shopify-Hmac-Sha256", sign("{}"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build()));
        contract.check(
                "POST",
                "/api/shopify/refunds",
                server.send(server.request("/api/shopify/refunds", null)
                        .header("Content-Type", "application/json")
                        .header("X-Shopify-Hmac-Sha256", "bm90IGEgc2lnbmF0dXJl")
                        .POST(HttpRequest.BodyPublishers.ofString(refund))
                        .build()));
        get("/api/admin/refunds", "/api/admin/refunds", admin);
        get("/api/admin/refunds", "/api/admin/refunds?pass_id=" + passId + "&limit=5", admin);
        String poor = server.token("poor@example.com");
        get("/api/me", "/api/me", poor);
        var refused = post(
                "/api/generations/{id}/animate", "/api/generations/" + still + "/animate", poor, "{\"duration\":5}");
        assertThat(refused.status()).as("not my still").isEqualTo(404);
        String poorStill = server.finishedStill(poor, "a cup");
        var needMatcha = post(
                "/api/generations/{id}/animate",
                "/api/generations/" + poorStill + "/animate",
                poor,
                "{\"duration\":5}");
        assertThat(needMatcha.status()).isEqualTo(402);
        assertThat(needMatcha.json().has("balance")).isTrue();

        // The back office.
        String passPath = "/api/admin/customers/" + passId;
        get(
                "/api/admin/generations",
                "/api/admin/generations?pass_id=" + passId + "&status=done&mode=still&limit=5",
                admin);
        get("/api/admin/generations/{id}", "/api/admin/generations/" + still, admin);
        get("/api/admin/customers/{pass_id}/credits", passPath + "/credits", admin);
        get("/api/admin/customers", "/api/admin/customers?q=contract&limit=5", admin);
        get("/api/admin/customers/{pass_id}/timeline", passPath + "/timeline?limit=3", admin);
        assertThat(get(
                                "/api/admin/customers/{pass_id}/timeline",
                                "/api/admin/customers/pass:user:nobody-here/timeline",
                                admin)
                        .status())
                .isEqualTo(404);
        assertThat(get("/api/admin/customers", "/api/admin/customers", admin).status())
                .isEqualTo(422);
        post(
                "/api/admin/customers/{pass_id}/credits",
                passPath + "/credits",
                admin,
                "{\"delta\":-1,\"reason\":\"contract\",\"adjustment_id\":\"contract-adj\"}");
        assertThat(post(
                                "/api/admin/customers/{pass_id}/credits",
                                passPath + "/credits",
                                admin,
                                "{\"delta\":-100000,\"reason\":\"contract\",\"adjustment_id\":\"contract-adj2\"}")
                        .status())
                .isEqualTo(409);
        get("/api/admin/reconcile", "/api/admin/reconcile", admin);
        post("/api/admin/reconcile", "/api/admin/reconcile", admin, null);
        get("/api/admin/config", "/api/admin/config", admin);
        get("/api/admin/config/{key}", "/api/admin/config/mma.costs", admin);
        post(
                "/api/admin/config/{key}",
                "/api/admin/config/mma.costs",
                admin,
                "{\"value\":{\"still\":1,\"tweak\":1,\"video_per_second\":2}}");
        get("/api/admin/config/{key}/diff", "/api/admin/config/mma.costs/diff?from=1", admin);
        assertThat(get("/api/admin/config/{key}/diff", "/api/admin/config/mma.costs/diff?from=99", admin)
                        .status())
                .isEqualTo(404);
        post("/api/admin/config/{key}/rollback", "/api/admin/config/mma.costs/rollback", admin, "{\"version\":1}");
        get("/api/admin/errors", "/api/admin/errors?window=7d", admin);
        assertThat(get("/api/admin/errors", "/api/admin/errors?window=1y", admin)
                        .status())
                .isEqualTo(422);
        get("/api/admin/audit", "/api/admin/audit", admin);
        post(
                "/api/admin/generations/{id}/replay",
                "/api/admin/generations/" + still + "/replay",
                admin,
                "{\"config\":{\"mma.ctx.gpt_reader\":1}}");
        post("/api/admin/replay/sample", "/api/admin/replay/sample", admin, "{\"count\":2}");
        post(
                "/api/admin/customers/{pass_id}/revoke-tokens",
                "/api/admin/customers/"
                        + get("/api/me", "/api/me", poor).json().get("pass_id").asText() + "/revoke-tokens",
                admin,
                null);

        // My account, and an admin's hold on another one.
        get("/api/me/export", "/api/me/export", token);
        String leaving = server.token("leaving@example.com");
        String leavingPass =
                get("/api/me", "/api/me", leaving).json().get("pass_id").asText();
        String leavingPath = "/api/admin/customers/" + leavingPass;
        post("/api/admin/customers/{pass_id}/disable", leavingPath + "/disable", admin, null);
        assertThat(get("/api/me", "/api/me", leaving).status())
                .as("a disabled account")
                .isEqualTo(403);
        post("/api/admin/customers/{pass_id}/enable", leavingPath + "/enable", admin, null);
        call("DELETE", "/api/admin/customers/{pass_id}", leavingPath, admin, null);
        assertThat(call(
                                "DELETE",
                                "/api/admin/customers/{pass_id}",
                                "/api/admin/customers/pass:user:nobody",
                                admin,
                                null)
                        .status())
                .isEqualTo(404);
        String gone = server.token("gone@example.com");
        get("/api/me", "/api/me", gone);
        call("DELETE", "/api/me", "/api/me", gone, null);

        post("/api/auth/logout", "/api/auth/logout", token, null);
        assertThat(get("/api/me", "/api/me", token).status()).isEqualTo(401);

        Set<String> untried = new TreeSet<>(contract.operations());
        untried.removeAll(contract.succeeded());
        assertThat(untried)
                .as("every described route answered with success at least once")
                .isEmpty();
    }

    /** For every JSON request body: its example is not malformed; unknown fields, wrong types, missing required ones are. */
    @Test
    void everyJsonBodyIsAcceptedAndRefusedAsItsSchemaSays() throws Exception {
        String admin = server.adminToken("boss@example.com");
        String token = server.token("bodies@example.com");
        String passId = server.customer(token, 50).value();
        String still = server.finishedStill(token, "a cup for bodies");
        List<String> checked = new ArrayList<>();
        JsonNode paths = contract.document.get("paths");
        for (String template : ApiContract.names(paths)) {
            for (String method : ApiContract.names(paths.get(template))) {
                JsonNode body = paths.get(template)
                        .get(method)
                        .path("requestBody")
                        .path("content")
                        .path("application/json");
                if (body.isMissingNode()
                        || template.equals("/api/shopify/orders-paid")
                        || template.equals("/api/shopify/refunds")) {
                    continue;
                }
                JsonNode schema = contract.document.at(
                        body.get("schema").get("$ref").asText().substring(1));
                String path = template.replace("{id}", still)
                        .replace("{pass_id}", passId)
                        .replace("{key}", "mma.costs");
                String caller = template.startsWith("/api/admin/") ? admin : token;
                String verb = method.toUpperCase();
                String op = verb + " " + template;
                ObjectNode example = schema.has("examples")
                        ? (ObjectNode) schema.get("examples").get(0)
                        : TestServer.JSON.createObjectNode();
                assertThat(contract.errors(
                                body.get("schema").get("$ref").asText().substring(1), example.toString()))
                        .as("%s: the example fits the schema", op)
                        .isEmpty();

                ObjectNode unknown = example.deepCopy();
                unknown.put("no_such_field", "x");
                assertThat(call(verb, template, path, caller, unknown.toString())
                                .status())
                        .as("%s: unknown field", op)
                        .isEqualTo(400);
                for (String field : ApiContract.names(schema.get("properties"))) {
                    ObjectNode wrong = example.deepCopy();
                    JsonNode type = schema.get("properties").get(field).get("type");
                    String first = type.isArray() ? type.get(0).asText() : type.asText();
                    if (first.equals("string")) {
                        wrong.put(field, 12345);
                    } else {
                        wrong.put(field, "not a " + first);
                    }
                    assertThat(call(verb, template, path, caller, wrong.toString())
                                    .status())
                            .as("%s: %s of the wrong type", op, field)
                            .isEqualTo(400);
                }
                for (JsonNode required : schema.path("required")) {
                    ObjectNode missing = example.deepCopy();
                    missing.remove(required.asText());
                    assertThat(call(verb, template, path, caller, missing.toString())
                                    .status())
                            .as("%s: %s missing", op, required.asText())
                            .isEqualTo(400);
                }
                int status =
                        call(verb, template, path, caller, example.toString()).status();
                assertThat(status).as("%s: its example is well formed", op).isNotIn(400, 413, 415);
                checked.add(op);
            }
        }
        assertThat(checked)
                .contains(
                        "POST /api/stills",
                        "POST /api/admin/credits/grant",
                        "PUT /api/preferences",
                        "POST /api/auth/email/verify");
    }

    /** The command that writes the served document to docs/openapi.json, where the client generator reads it. */
    static final String REFRESH = "./build -pl app-http -am verify -Dtest='ApiDescriptionTest#theCheckedInCopy*' "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dminav3.openapi.refresh=true";

    @Test
    void theCheckedInCopyIsWhatTheServerServes() throws Exception {
        java.nio.file.Path copy = java.nio.file.Path.of("..", "docs", "openapi.json");
        ObjectNode served = (ObjectNode) contract.document.deepCopy();
        ((ObjectNode) served.get("info")).put("version", "development");
        if (Boolean.getBoolean("minav3.openapi.refresh")) {
            java.nio.file.Files.writeString(
                    copy, TestServer.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(served) + "\n");
        }
        JsonNode checkedIn = java.nio.file.Files.exists(copy) ? TestServer.JSON.readTree(copy.toFile()) : null;
        assertThat(checkedIn)
                .as("docs/openapi.json is stale (the generated client reads it); refresh it with: " + REFRESH)
                .isEqualTo(served);
    }

    @Test
    void everyExampleFitsItsSchema() {
        JsonNode schemas = contract.document.at("/components/schemas");
        List<String> checked = new ArrayList<>();
        for (String name : ApiContract.names(schemas)) {
            for (JsonNode example : schemas.get(name).path("examples")) {
                assertThat(contract.errors("/components/schemas/" + name, example.toString()))
                        .as("%s: %s", name, example)
                        .isEmpty();
                checked.add(name);
            }
        }
        assertThat(checked).contains("Problem", "StillRequest", "Accepted", "StoredAsset");
    }

    @Test
    void theContractCatchesABodyThatDoesNotFit() {
        assertThat(contract.errors("/components/schemas/Me", "{}"))
                .as("required properties")
                .isNotEmpty();
        assertThat(contract.errors("/components/schemas/StreamStatus", "{\"status\":\"sleeping\"}"))
                .as("enum")
                .isNotEmpty();
        assertThat(contract.errors(
                        "/components/schemas/AccessToken",
                        "{\"access_token\":\"t\",\"token_type\":\"bearer\"," + "\"expires_in\":1,\"extra\":1}"))
                .as("no other property")
                .isNotEmpty();
        assertThat(contract.errors(
                        "/components/schemas/NeedMatcha",
                        "{\"type\":\"https://x/y\",\"title\":\"t\"," + "\"status\":402,\"detail\":\"d\"}"))
                .as("through allOf and $ref")
                .isNotEmpty();
        assertThat(contract.errors(
                        ApiContract.pointer(
                                "paths", "/api/me", "get", "responses", "200", "content", "application/json", "schema"),
                        "{}"))
                .as("through a path")
                .isNotEmpty();
    }

    @Test
    void theDocumentHasWhatAClientGeneratorNeeds() {
        JsonNode doc = contract.document;
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.get("servers")).isNotEmpty();
        assertThat(ApiContract.names(doc.at("/components/securitySchemes")))
                .contains("bearer", "streamTicket", "shopifyHmac");
        assertThat(doc.at("/components/securitySchemes/streamTicket/name").asText())
                .isEqualTo("ticket");
        assertThat(doc.at("/components/securitySchemes/shopifyHmac/name").asText())
                .isEqualTo("X-Shopify-Hmac-Sha256");
        JsonNode paths = doc.get("paths");
        for (String template : ApiContract.names(paths)) {
            for (String method : ApiContract.names(paths.get(template))) {
                JsonNode operation = paths.get(template).get(method);
                String op = method + " " + template;
                assertThat(operation.has("security"))
                        .as("%s: security declared", op)
                        .isTrue();
                assertThat(operation.get("operationId").asText()).as(op).isNotBlank();
                for (String status : ApiContract.names(operation.get("responses"))) {
                    JsonNode response = operation.get("responses").get(status);
                    if (response.has("$ref")) {
                        response = doc.at(response.get("$ref").asText().substring(1));
                    }
                    if (!status.equals("204")) {
                        assertThat(response.path("content").isEmpty())
                                .as("%s %s: a body schema", op, status)
                                .isFalse();
                    }
                    boolean health = op.equals("get /health") && status.equals("503"); // the health body, not a problem
                    if (!health && (status.startsWith("4") || status.startsWith("5") || status.equals("default"))) {
                        assertThat(ApiContract.names(response.get("content")))
                                .as("%s %s", op, status)
                                .containsExactly("application/problem+json");
                    }
                }
                JsonNode body = operation.path("requestBody").path("content");
                for (String mediaType : ApiContract.names(body)) {
                    JsonNode schema = body.get(mediaType).get("schema");
                    JsonNode resolved = schema.has("$ref")
                            ? doc.at(schema.get("$ref").asText().substring(1))
                            : schema;
                    resolved.path("properties")
                            .properties()
                            .forEach(p -> assertThat(p.getValue().isEmpty())
                                    .as("%s: property %s has a schema", op, p.getKey())
                                    .isFalse());
                }
            }
        }
        assertThat(paths.at("/~1api~1me/get/security")).isNotEmpty();
        assertThat(paths.at("/~1health/get/security")).as("public: security []").isEmpty();
        assertThat(paths.at("/~1api~1auth~1email~1start/post/security")).isEmpty();
        assertThat(queryParameters(paths.at("/~1api~1archive/get")))
                .containsExactly("limit", "cursor", "mode", "liked", "from", "to");
        assertThat(queryParameters(paths.at("/~1api~1checkout/get"))).containsExactly("pack", "quantity");
        assertThat(queryParameters(paths.at("/~1api~1admin~1generations/get")))
                .contains("pass_id", "status", "mode", "from", "to", "limit", "cursor");
        JsonNode upload = paths.at("/~1api~1uploads/post/requestBody/content/multipart~1form-data/schema");
        assertThat(ApiContract.names(upload.get("properties"))).containsExactly("file", "kind");
        assertThat(upload.get("required")).hasSize(2);
        assertThat(paths.at("/~1api~1generations~1{id}~1stream/get/responses/200/content")
                        .has("text/event-stream"))
                .isTrue();
        assertThat(doc.at("/components/schemas/StillRequest/properties/aspect_ratio/enum"))
                .isNotEmpty();
        assertThat(doc.at("/components/schemas/Generation/properties/status/enum"))
                .isNotEmpty();
    }

    private static List<String> queryParameters(JsonNode operation) {
        List<String> names = new ArrayList<>();
        operation.path("parameters").forEach(p -> {
            if (p.get("in").asText().equals("query")) {
                names.add(p.get("name").asText());
            }
        });
        return names;
    }
}
