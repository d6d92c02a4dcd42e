package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Random;
import me.minav3.mma.common.PassId;
import me.minav3.mma.generation.GenerationQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 19's strict input on the real server: bodies with anything but one JSON object, text with control
 * characters, numbers out of range, unknown routes and methods, oversize uploads and impossible links all get a
 * 4xx problem that names what is wrong, write and charge nothing, and log nothing at ERROR.
 */
class StrictInputHttpTest extends DefaultServerTestBase {

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        root().addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        root().detachAppender(logs);
        assertThat(logs.list).as("nothing is logged at ERROR").noneMatch(e -> e.getLevel() == Level.ERROR);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private record Case(String body, int status, String names) {}

    @Test
    void trailingContentAndDuplicateKeysAreRefusedAndNothingIsCharged() {
        String token = server.token("lenient@example.com");
        PassId passId = server.customer(token, 5);
        long credits = credits(passId);

        refusedStills(
                token,
                passId,
                credits,
                List.of(
                        new Case("{\"brief\":\"a\"} xyz", 400, "after"),
                        new Case("{\"brief\":\"a\"}{\"brief\":\"b\"}", 400, "after"),
                        new Case("{\"brief\":\"a\"} 1", 400, "after"),
                        new Case("{\"brief\":\"a\",\"brief\":\"b\"}", 400, "'brief'"),
                        new Case(
                                "{\"brief\":\"a\",\"settings\":{\"quality\":\"1K\",\"quality\":\"4K\"}}",
                                400,
                                "'settings.quality'")));
    }

    @Test
    void controlCharactersInTextAreRefusedNamingTheFieldAndNeverReachTheDatabase() {
        String token = server.token("nul@example.com");
        PassId passId = server.customer(token, 5);
        long credits = credits(passId);

        refusedStills(
                token,
                passId,
                credits,
                List.of(
                        new Case("{\"brief\":\"a\\u0000b\"}", 400, "'brief'"),
                        new Case("{\"brief\":\"ring \\u0007 bell\"}", 400, "'brief'"),
                        new Case("{\"brief\":\"escape \\u001b[31m\"}", 400, "'brief'"),
                        new Case("{\"brief\":\"delete \\u007f\"}", 400, "'brief'"),
                        new Case("{\"brief\":\"c1 \\u0085\"}", 400, "'brief'"),
                        new Case("{\"brief\":\"half a pair \\ud800\"}", 400, "'brief'"),
                        new Case("{\"brief\":\"a\",\"style\":\"x\\u0000\"}", 400, "'style'"),
                        new Case("{\"brief\":\"a\",\"request_id\":\"r\\u0000\"}", 400, "'request_id'"),
                        new Case(
                                "{\"brief\":\"a\",\"inspiration_urls\":[\"https://example.com/\\u0000.png\"]}",
                                400,
                                "'inspiration_urls[0]'"),
                        new Case(
                                "{\"brief\":\"a\",\"settings\":{\"quality\":\"1K\\u0000\"}}",
                                400,
                                "'settings.quality'"),
                        new Case("{\"brief\":\"a\",\"settings\":{\"q\\u0000\":\"1K\"}}", 400, "'settings'")));

        var event = server.post(
                "/api/generations/" + server.finishedStill(token, "a cup") + "/events",
                token,
                "{\"type\":\"feedback\",\"text\":\"more\\u0000light\"}");
        assertProblem(event, 400, "'text'");
        var preferences = server.put("/api/preferences", token, "{\"hard_blocks\":[\"x\\u0000\"]}");
        assertProblem(preferences, 400, "'hard_blocks[0]'");
    }

    @Test
    void tabsAndLineBreaksAreWelcomeInABrief() {
        String token = server.token("multiline@example.com");
        server.customer(token, 5);
        var created = server.post("/api/stills", token, "{\"brief\":\"a cup\\n\\ton marble\\r\\nmorning light\"}");
        assertThat(created.status()).isEqualTo(202);
    }

    @Test
    void numbersOutOfRangeAreRefusedNamingTheField() {
        String token = server.token("numbers@example.com");
        PassId passId = server.customer(token, 5);
        long credits = credits(passId);

        refusedStills(
                token,
                passId,
                credits,
                List.of(new Case("{\"brief\":\"a\",\"settings\":{\"strength\":1e400}}", 400, "'settings.strength'")));
        assertProblem(
                server.put("/api/preferences", token, "{\"tag_weights\":{\"warm\":1e400}}"), 400, "'tag_weights.warm'");
        assertProblem(
                server.put("/api/preferences", token, "{\"tag_weights\":{\"warm\":-1e400}}"),
                400,
                "'tag_weights.warm'");
        String admin = server.adminToken("boss@example.com");
        assertProblem(
                server.post(
                        "/api/admin/credits/grant",
                        admin,
                        "{\"pass_id\":\"" + passId.value()
                                + "\",\"amount\":99999999999999999999999,\"reason\":\"support\"}"),
                400,
                "'amount'");
        assertProblem(
                server.post(
                        "/api/admin/config/mma.costs",
                        admin,
                        "{\"value\":{\"still\":1e400,\"tweak\":1,\"video_per_second\":3}}"),
                400,
                "'value.still'");
        assertThat(credits(passId)).isEqualTo(credits);
    }

    @Test
    void unknownRoutesAndWrongMethodsAnswerProblems() {
        String token = server.token("lost@example.com");
        for (String path : List.of("/api/nothing", "/api/generations/x/y/z", "/nothing.php")) {
            for (String accept : List.of("*/*", "text/html", "text/plain")) {
                var reply = server.send(server.request(path, token)
                        .header("Accept", accept)
                        .GET()
                        .build());
                assertProblem(reply, 404, "GET " + path);
            }
            assertProblem(server.send(server.request(path, null).GET().build()), 404, path);
        }
        var wrongMethod =
                server.send(server.request("/api/stills", token).DELETE().build());
        assertProblem(wrongMethod, 405, "DELETE");
        assertThat(wrongMethod.header("Allow")).contains("POST");
        assertProblem(
                server.send(server.request("/api/me", token)
                        .method("PATCH", HttpRequest.BodyPublishers.ofString("{}"))
                        .build()),
                405,
                "PATCH");
    }

    @Test
    void anOversizeMultipartUploadIs413AndNothingIsStored() throws Exception {
        String token = server.token("big@example.com");
        server.customer(token, 0);
        byte[] file = new byte[26 * 1024 * 1024];
        new Random(7).nextBytes(file);
        var reply = multipart(token, file);
        assertProblem(reply, 413, "25");
    }

    @Test
    void aLinkWithAnImpossiblePortIsRefusedNot500() {
        String token = server.token("port@example.com");
        server.customer(token, 0);
        var reply = server.post(
                "/api/uploads/from-url", token, "{\"url\":\"http://example.com:99999/p.png\",\"kind\":\"product\"}");
        assertProblem(reply, 422, "port");
    }

    @Test
    void apiResponsesAreNeverSniffedNorCachedAndPagesKeepTheirPolicy() {
        String token = server.token("headers@example.com");
        server.customer(token, 1);
        for (var reply : List.of(
                server.get("/api/me", token),
                server.get("/api/nothing", token),
                server.get("/api/me", null),
                server.post("/api/stills", token, "{\"brief\":"),
                server.get("/health", null),
                server.get("/openapi.json", null))) {
            assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        }
        var page = server.get("/", null);
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'", "frame-ancestors 'none'");
        assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void anImageFollowedByRandomBytesIsStoredOnlyUpToItsEnd() throws Exception {
        String token = server.token("padded@example.com");
        server.customer(token, 0);
        var picture = new java.awt.image.BufferedImage(40, 60, java.awt.image.BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(picture, "png", png);
        byte[] padding = new byte[20 * 1024 * 1024];
        new Random(11).nextBytes(padding);
        ByteArrayOutputStream padded = new ByteArrayOutputStream();
        padded.write(png.toByteArray());
        padded.write(padding);

        var reply = multipart(token, padded.toByteArray());

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().get("bytes").asLong()).isEqualTo(png.size());
        String path = java.net.URI.create(reply.json().get("url").asText()).getPath();
        var stored = server.send(server.request(path, null).GET().build());
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.header("Content-Length")).isEqualTo(Integer.toString(png.size()));
    }

    @Test
    void theShopifyWebhookAnswers413BeyondOneMegabyteWithoutReadingTheRest() throws Exception {
        // Announces 26 MB but sends a little over 1 MB and waits: a server that reads everything before answering
        // never answers.
        String head = "POST /api/shopify/orders-paid HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "X-Shopify-Hmac-Sha256: bm90IGEgc2lnbmF0dXJl\r\nX-Shopify-Topic: orders/paid\r\n";
        String announced =
                rawExchange(head + "Content-Length: " + 26 * 1024 * 1024 + "\r\n\r\n", 1024 * 1024 + 10, false);
        assertThat(announced).startsWith("HTTP/1.1 413").contains("application/problem+json", "1 MB");

        String chunked = rawExchange(head + "Transfer-Encoding: chunked\r\n\r\n", 1024 * 1024 + 10, true);
        assertThat(chunked).startsWith("HTTP/1.1 413").contains("application/problem+json", "1 MB");
    }

    /** Writes the head and {@code bodyBytes} of body (as one chunk when chunked), never ends it, reads the reply. */
    private static String rawExchange(String head, int bodyBytes, boolean chunked) throws Exception {
        try (var socket = new java.net.Socket("localhost", server.server.port())) {
            socket.setSoTimeout(15_000);
            var out = socket.getOutputStream();
            out.write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] body = new byte[bodyBytes];
            java.util.Arrays.fill(body, (byte) ' ');
            if (chunked) {
                out.write(
                        (Integer.toHexString(bodyBytes) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            try {
                out.write(body);
                if (chunked) {
                    out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (java.io.IOException closedEarly) {
                // the server may answer and close before it has taken everything we had to send
            }
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) > 0 && !complete(reply.toString()); ) {
                    reply.write(buffer, 0, n);
                    if (complete(reply.toString())) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException timedOut) {
                throw new AssertionError("no answer while the rest of the body was outstanding; got: " + reply);
            }
            return reply.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static boolean complete(String reply) {
        return reply.contains("\r\n\r\n") && reply.contains("}");
    }

    @Test
    void aCorsPreflightIsStillAnsweredNowThatWrongMethodsAre405() throws Exception {
        try (TestServer cors = new TestServer(java.util.Map.of("MINA_STUDIO_ORIGIN", "https://studio.minav3.me"))) {
            var preflight = cors.send(cors.request("/api/stills", null)
                    .header("Origin", "https://studio.minav3.me")
                    .header("Access-Control-Request-Method", "POST")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .build());
            assertThat(preflight.status()).isEqualTo(200);
            assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://studio.minav3.me");
        }
    }

    @Test
    void aProvidersOwnWordsStayInTheLog() throws Exception {
        // OpenAI's documented error reply (HTTP 400, {"error": {message, type, param, code}}), its message full of
        // the upstream service's internals.
        var openAi = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        openAi.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] reply = """
                    {"error": {"message": "Invalid image_url: upstream fetch failed in vision-worker-7 (grpc UNAVAILABLE)",
                     "type": "invalid_request_error", "param": "messages[1].content[1].image_url", "code": "invalid_image_url"}}""".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(400, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        openAi.start();
        try (TestServer vision = new TestServer(java.util.Map.of(
                "OPENAI_API_KEY",
                "sk-test-0123456789",
                "OPENAI_BASE_URL",
                "http://127.0.0.1:" + openAi.getAddress().getPort() + "/v1"))) {
            String token = vision.token("vision@example.com");
            vision.customer(token, 0);
            String image = vision.uploadPng(token, "product").json().get("url").asText();

            var reply = vision.post("/api/motion/suggest", token, "{\"image_url\":\"" + image + "\"}");

            assertThat(reply.status()).as(reply.body()).isEqualTo(502);
            assertThat(reply.json().get("detail").asText())
                    .contains("openai")
                    .doesNotContain("vision-worker", "grpc", "image_url", "HTTP 400");
        } finally {
            openAi.stop(0);
        }
    }

    private void refusedStills(String token, PassId passId, long credits, List<Case> cases) {
        for (Case c : cases) {
            var reply = server.post("/api/stills", token, c.body());
            assertProblem(reply, c.status(), c.names());
        }
        assertThat(server.wiring.database().generations().search(GenerationQuery.of(passId, 10)))
                .as("nothing written")
                .isEmpty();
        assertThat(credits(passId)).as("nothing charged").isEqualTo(credits);
    }

    private static void assertProblem(TestServer.Reply reply, int status, String detailNames) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        String detail = problem.get("detail").asText();
        assertThat(detail).contains(detailNames);
        assertThat(detail.toLowerCase(java.util.Locale.ROOT))
                .as("no database or library text")
                .doesNotContain("postgres", "sqlstate", "jdbi", "jackson", "exception", "0x00", "source:", "line:");
    }

    private static long credits(PassId passId) {
        return server.wiring.database().customers().find(passId).orElseThrow().credits();
    }

    private static TestServer.Reply multipart(String token, byte[] file) throws Exception {
        String boundary = "----strict" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nproduct\r\n").getBytes());
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.png\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n")
                .getBytes());
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes());
        return server.send(server.request("/api/uploads", token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    }
}
