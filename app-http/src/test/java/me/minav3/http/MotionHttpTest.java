package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** Animate, Type for me and video feedback over HTTP; the video plays from the asset route with ranges. */
class MotionHttpTest extends DefaultServerTestBase {

    @Test
    void aStillBecomesAVideoThatStreamsByRange() {
        String token = server.token("mover@example.com");
        server.customer(token, 20);
        String still = server.post(
                        "/api/stills", token, "{\"brief\":\"a green tin on linen\",\"aspect_ratio\":\"4:5\"}")
                .json()
                .get("generation_id")
                .asText();
        server.awaitFinished(still, token);

        JsonNode suggestion = server.post("/api/motion/suggest", token, "{\"generation_id\":\"" + still + "\"}")
                .json();
        assertThat(suggestion.get("prompt").asText()).isNotBlank();
        var none = server.post("/api/motion/suggest", token, "{}");
        assertThat(none.status()).isEqualTo(422);
        assertThat(none.json().get("title").asText()).isEqualTo("I need an image");

        var animate = server.post(
                "/api/generations/" + still + "/animate",
                token,
                "{\"prompt\":\"" + suggestion.get("prompt").asText() + "\",\"duration\":5}");
        assertThat(animate.status()).isEqualTo(202);
        assertThat(animate.json().get("credits_left").asLong())
                .as("5 welcome + 20 - 1 still - 10 video")
                .isEqualTo(14);
        JsonNode video =
                server.awaitFinished(animate.json().get("generation_id").asText(), token);
        assertThat(video.get("status").asText()).isEqualTo("done");
        assertThat(video.get("mode").asText()).isEqualTo("video");
        assertThat(video.get("parent_id").asText()).isEqualTo(still);
        String url = video.get("output_url").asText();
        assertThat(url).contains("/assets/mma/video/").endsWith(".mp4");

        var head = server.send(HttpRequest.newBuilder(URI.create(url))
                .header("Range", "bytes=0-11")
                .GET()
                .build());
        assertThat(head.status()).isEqualTo(206);
        assertThat(head.header("Content-Type")).isEqualTo("video/mp4");
        assertThat(head.header("Content-Range")).startsWith("bytes 0-11/");
        assertThat(head.body().substring(4, 8)).isEqualTo("ftyp");
        var beyond = server.send(HttpRequest.newBuilder(URI.create(url))
                .header("Range", "bytes=999999999-")
                .GET()
                .build());
        assertThat(beyond.status()).isEqualTo(416);

        var feedback = server.post(
                "/api/generations/" + video.get("generation_id").asText() + "/feedback",
                token,
                "{\"text\":\"slower please\"}");
        assertThat(feedback.status())
                .as("regeneration is off by default: recorded only")
                .isEqualTo(201);
        assertThat(feedback.json().get("event_type").asText()).isEqualTo("feedback");
        assertThat(server.get("/api/archive?mode=video", token).json().get("items"))
                .hasSize(1);
        assertThat(server.get("/api/generations/" + video.get("generation_id").asText() + "/recreate", token)
                        .json()
                        .get("mode")
                        .asText())
                .isEqualTo("video");
    }
}
