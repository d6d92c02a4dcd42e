package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Issue 24.3: {@code /api/styles} lists the presets (their shipped images served) and my own styles; styles chosen
 * for a still reach the generation; over the limit, another user's style or a strength is refused with nothing
 * charged; another user's style id is 404.
 */
class StyleHttpTest extends DefaultServerTestBase {

    @Test
    void thePresetsAreListedWithTheLimitAndTheirImagesAreServed() throws Exception {
        String token = server.token("presets@example.com");
        server.customer(token, 0);

        JsonNode styles = server.get("/api/styles", token).json();

        assertThat(styles.get("max_per_still").asInt()).isEqualTo(3);
        assertThat(styles.get("presets"))
                .extracting(p -> p.get("id").asText())
                .containsExactly("noir", "pastel", "sunset");
        assertThat(styles.get("mine")).isEmpty();
        String hero = styles.get("presets").get(0).get("hero_url").asText();
        HttpResponse<byte[]> image = server.http()
                .send(HttpRequest.newBuilder(URI.create(hero)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).as(hero).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(server.get("/api/styles", null).status()).isEqualTo(401);
    }

    @Test
    void twoChosenStylesReachTheFinishedStill() {
        String token = server.token("two-styles@example.com");
        server.customer(token, 3);

        var accepted = server.post("/api/stills", token, "{\"brief\":\"a tin\",\"styles\":[\"noir\",\"sunset\"]}");

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode done =
                server.awaitFinished(accepted.json().get("generation_id").asText(), token);
        assertThat(done.get("status").asText()).isEqualTo("done");
        assertThat(done.get("style").asText()).isEqualTo("Noir + Golden hour");
        assertThat(done.get("assets").get("styles"))
                .extracting(s -> s.get("id").asText())
                .containsExactly("noir", "sunset");
    }

    @Test
    void myOwnStyleIsSavedFromMyUploadsAndAnotherUsersIdIs404() throws Exception {
        String ann = server.token("ann-styles@example.com");
        String ben = server.token("ben-styles@example.com");
        server.customer(ann, 2);
        server.customer(ben, 2);
        String upload = server.uploadPng(ann, "inspiration").json().get("url").asText();
        long bensCredits = credits(ben);

        var saved = server.post("/api/styles", ann, "{\"name\":\"Linen\",\"image_urls\":[\"" + upload + "\"]}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        String id = saved.json().get("id").asText();
        assertThat(server.get("/api/styles", ann).json().get("mine"))
                .extracting(s -> s.get("id").asText())
                .containsExactly(id);

        assertThat(server.get("/api/styles", ben).json().get("mine")).isEmpty();
        assertThat(delete("/api/styles/" + id, ben)).isEqualTo(404);
        var bensStill = server.post("/api/stills", ben, "{\"brief\":\"a tin\",\"styles\":[\"" + id + "\"]}");
        assertThat(bensStill.status()).isEqualTo(404);
        assertThat(bensStill.body()).doesNotContain(upload);
        assertThat(credits(ben)).as("nothing charged").isEqualTo(bensCredits);
        var stolen = server.post("/api/styles", ben, "{\"name\":\"Mine now\",\"image_urls\":[\"" + upload + "\"]}");
        assertThat(stolen.status()).isEqualTo(422);

        assertThat(delete("/api/styles/" + id, ann)).isEqualTo(204);
        assertThat(server.get("/api/styles", ann).json().get("mine")).isEmpty();
    }

    @Test
    void overTheLimitOrAStrengthIsRefusedAndNothingIsCharged() {
        String token = server.token("over-limit@example.com");
        server.customer(token, 2);
        long before = credits(token);

        var over = server.post(
                "/api/stills", token, "{\"brief\":\"a tin\",\"styles\":[\"noir\",\"pastel\",\"sunset\",\"my-x\"]}");
        var strength = server.post("/api/stills", token, "{\"brief\":\"a tin\",\"settings\":{\"strength\":0.5}}");

        assertThat(over.status()).isEqualTo(422);
        assertThat(over.header("Content-Type")).startsWith("application/problem+json");
        assertThat(over.json().get("detail").asText())
                .contains("at most 3 styles")
                .contains("max_per_still");
        assertThat(strength.status()).isEqualTo(422);
        assertThat(strength.json().get("detail").asText()).contains("strength is not supported");
        assertThat(credits(token)).as("nothing charged").isEqualTo(before);
        assertThat(server.get("/api/archive?mode=still", token).json().get("items"))
                .isEmpty();
    }

    private static int delete(String path, String token) {
        return server.send(server.request(path, token).DELETE().build()).status();
    }

    private static long credits(String token) {
        return server.get("/api/me", token).json().get("credits").asLong();
    }
}
