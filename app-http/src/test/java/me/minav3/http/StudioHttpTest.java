package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.minav3.mma.common.PassId;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The whole still flow over HTTP on the real server: login, upload, create, stream, tweak, like, archive. */
class StudioHttpTest extends DefaultServerTestBase {

    @Test
    void anEmailCodeLogsInAndMeMarksLastSeenAndGivesWelcomeMatcha() {
        ListAppender<ILoggingEvent> mailbox = new ListAppender<>();
        mailbox.start();
        ((Logger) LoggerFactory.getLogger("me.minav3.login")).addAppender(mailbox);

        var sent = server.post("/api/auth/email/start", null, "{\"email\":\"New.User@Example.com\"}");
        assertThat(sent.status()).isEqualTo(202);
        Matcher code = Pattern.compile("code=([0-9]{6})")
                .matcher(mailbox.list.get(mailbox.list.size() - 1).getFormattedMessage());
        assertThat(code.find()).isTrue();
        assertThat(server.post(
                                "/api/auth/email/verify",
                                null,
                                "{\"email\":\"new.user@example.com\",\"code\":\"000000\"}")
                        .status())
                .isIn(401, 200);
        var verified = server.post(
                "/api/auth/email/verify",
                null,
                "{\"email\":\"new.user@example.com\",\"code\":\"" + code.group(1) + "\"}");
        String token = verified.json().get("access_token").asText();

        JsonNode me = server.get("/api/me", token).json();
        assertThat(me.get("email").asText()).isEqualTo("new.user@example.com");
        assertThat(me.get("pass_id").asText()).startsWith("pass:user:");
        assertThat(me.get("credits").asLong()).isEqualTo(5);
        assertThat(me.get("session_id").asText()).isNotBlank();
        assertThat(me.get("last_active").asText()).isNotBlank();
        assertThat(server.get("/api/me", token).json().get("credits").asLong()).isEqualTo(5);
    }

    @Test
    void createStreamTweakLikeArchiveAndRecreate() throws Exception {
        String token = server.token("maker@example.com");
        PassId passId = server.customer(token, 10);

        var upload = uploadPng(token, "product");
        assertThat(upload.status()).isEqualTo(201);
        String productUrl = upload.json().get("url").asText();
        assertThat(productUrl).startsWith(server.base + "/assets/uploads/product/");

        var created = server.post("/api/stills", token, """
                {"brief":"matcha latte on marble, morning light","aspect_ratio":"4:5","product_url":"%s",
                 "settings":{"quality":"2K"}}""".formatted(productUrl));
        assertThat(created.status()).isEqualTo(202);
        String id = created.json().get("generation_id").asText();
        var stream = SseReader.open(server, "/api/generations/" + id + "/stream", token, null);

        List<SseReader.Event> events = SseReader.await(stream);
        assertThat(events)
                .extracting(SseReader.Event::name)
                .contains("message", "status")
                .endsWith("done");
        assertThat(events)
                .filteredOn(e -> e.name().equals("message"))
                .extracting(SseReader.Event::id)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, (int) events.stream()
                                .filter(e -> e.name().equals("message"))
                                .count())
                        .mapToObj(Integer::toString)
                        .toList());
        assertThat(events.get(events.size() - 1).data()).contains("\"status\":\"done\"");

        JsonNode done = server.get("/api/generations/" + id, token).json();
        assertThat(done.get("status").asText()).isEqualTo("done");
        assertThat(done.get("user_messages")).isNotEmpty();
        String output = done.get("output_url").asText();
        var image = server.send(
                HttpRequest.newBuilder(java.net.URI.create(output)).GET().build());
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.header("Content-Type")).isEqualTo("image/png");
        assertThat(image.header("Cache-Control")).contains("immutable");
        var range = server.send(HttpRequest.newBuilder(java.net.URI.create(output))
                .header("Range", "bytes=0-15")
                .GET()
                .build());
        assertThat(range.status()).isEqualTo(206);

        var replay = SseReader.await(SseReader.open(server, "/api/generations/" + id + "/stream", token, "2"));
        assertThat(replay)
                .filteredOn(e -> e.name().equals("message"))
                .first()
                .extracting(SseReader.Event::id)
                .isEqualTo("3");

        var tweak = server.post("/api/generations/" + id + "/tweak", token, "{\"feedback\":\"warmer light please\"}");
        assertThat(tweak.status()).isEqualTo(202);
        JsonNode tweaked =
                server.awaitFinished(tweak.json().get("generation_id").asText(), token);
        assertThat(tweaked.get("parent_id").asText()).isEqualTo(id);

        assertThat(server.post("/api/generations/" + id + "/events", token, "{\"type\":\"like\"}")
                        .status())
                .isEqualTo(201);
        JsonNode liked = server.get("/api/archive?liked=true", token).json();
        assertThat(liked.get("items"))
                .extracting(i -> i.get("generation_id").asText())
                .containsExactly(id);
        JsonNode all = server.get("/api/archive?limit=1", token).json();
        assertThat(all.get("items")).hasSize(1);
        assertThat(all.get("next_cursor").asText()).isNotBlank();
        JsonNode page2 = server.get(
                        "/api/archive?limit=1&cursor=" + all.get("next_cursor").asText(), token)
                .json();
        assertThat(page2.get("items").get(0).get("generation_id").asText()).isEqualTo(id);

        JsonNode recreate =
                server.get("/api/generations/" + id + "/recreate", token).json();
        assertThat(recreate.get("mode").asText()).isEqualTo("still");
        assertThat(recreate.get("aspect_ratio").asText()).isEqualTo("4:5");
        assertThat(recreate.get("assets").get("product_url").asText()).isEqualTo(productUrl);

        var prefs = server.put(
                "/api/preferences", token, "{\"hard_blocks\":[\"neon\"],\"tag_weights\":{\"soft light\":2}}");
        assertThat(prefs.status()).isEqualTo(200);
        assertThat(server.get("/api/me", token)
                        .json()
                        .get("preferences")
                        .get("hard_blocks")
                        .get(0)
                        .asText())
                .isEqualTo("neon");
        assertThat(server.wiring
                        .database()
                        .customers()
                        .find(passId)
                        .orElseThrow()
                        .credits())
                .as("5 welcome + 10 - 2")
                .isEqualTo(13);
    }

    @Test
    void theStreamAnswersClientsThatAcceptAnythingAndRefusesThoseThatAcceptOnlyJson() {
        String token = server.token("curl@example.com");
        server.customer(token, 1);
        var created = server.post("/api/stills", token, "{\"brief\":\"a teapot at dusk\"}");
        String id = created.json().get("generation_id").asText();
        server.awaitFinished(id, token);
        String path = "/api/generations/" + id + "/stream";

        for (String accept : new String[] {"*/*", "text/*", null, "text/event-stream;q=1, application/json;q=0.5"}) {
            assertThat(SseReader.await(SseReader.open(server, path, token, null, accept)))
                    .as("Accept: %s", accept)
                    .extracting(SseReader.Event::name)
                    .contains("message")
                    .endsWith("done");
        }
        var json = server.send(server.request(path, token)
                .header("Accept", "application/json")
                .GET()
                .build());
        assertThat(json.status()).isEqualTo(406);
        assertThat(json.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void outOfMatchaIs402AndTweakingAnUnfinishedGenerationIs409() {
        String broke = server.token("broke@example.com");
        server.get("/api/me", broke);
        server.wiring
                .database()
                .customers()
                .find(PassId.parse(
                        server.get("/api/me", broke).json().get("pass_id").asText()));
        var spend = server.get("/api/me", broke).json();
        for (int i = 0; i < spend.get("credits").asInt(); i++) {
            server.post("/api/stills", broke, "{\"brief\":\"x\"}");
        }
        var refused = server.post("/api/stills", broke, "{\"brief\":\"a cup\"}");
        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("title").asText()).isEqualTo("I need matcha");

        String rich = server.token("rich@example.com");
        server.customer(rich, 5);
        String queued = server.post("/api/stills", rich, "{\"brief\":\"slow\"}")
                .json()
                .get("generation_id")
                .asText();
        var early = server.post("/api/generations/" + queued + "/tweak", rich, "{\"feedback\":\"more\"}");
        assertThat(early.status()).isIn(202, 409); // 409 while it runs; it may already be done on a fast machine
    }

    @Test
    void aTweakWithAnInvalidRequestIdIsRefusedLikeEveryOtherRequest() {
        String token = server.token("tweaker@example.com");
        server.customer(token, 5);
        String id = server.finishedStill(token, "a cup");
        long before = server.get("/api/me", token).json().get("credits").asLong();

        var refused = server.post(
                "/api/generations/" + id + "/tweak", token, "{\"feedback\":\"warmer\",\"request_id\":\"not valid!\"}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("detail").asText()).isEqualTo("a request id is 1-120 letters, digits or . _ : -");
        assertThat(server.get("/api/me", token).json().get("credits").asLong()).isEqualTo(before);
    }

    private TestServer.Reply uploadPng(String token, String kind) throws Exception {
        return server.uploadPng(token, kind);
    }
}
