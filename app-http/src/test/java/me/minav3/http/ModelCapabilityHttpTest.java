package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import me.minav3.mma.common.Json;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.DefaultConfig;
import org.junit.jupiter.api.Test;

/**
 * A request the configured model cannot take is refused at submission (422 problem+json naming the model and the
 * limit), before anything is written or charged; mma.provider.models says what each model takes.
 */
class ModelCapabilityHttpTest extends DefaultServerTestBase {

    @Test
    void anEndFrameForAModelThatTakesNoneIsRefusedBeforeAnythingIsWrittenOrCharged() {
        String token = server.token("frames@example.com");
        server.customer(token, 20);
        String still = server.finishedStill(token, "a green tin on linen");
        String stillUrl = server.get("/api/generations/" + still, token)
                .json()
                .get("output_url")
                .asText();
        publish("mma.provider.kling.defaults", "{\"model_name\":\"kling-v2-1-master\",\"mode\":\"std\"}");
        long credits = credits(token);

        var refused = server.post(
                "/api/generations/" + still + "/animate",
                token,
                "{\"prompt\":\"slow push-in\",\"end_image_url\":\"" + stillUrl + "\",\"duration\":5}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asText())
                .contains("kling-v2-1-master")
                .contains("end frame");
        assertThat(credits(token)).as("nothing charged").isEqualTo(credits);
        assertThat(server.get("/api/archive?mode=video", token).json().get("items"))
                .as("no video row")
                .isEmpty();

        var withoutEnd = server.post(
                "/api/generations/" + still + "/animate", token, "{\"prompt\":\"slow push-in\",\"duration\":5}");
        assertThat(withoutEnd.status())
                .as("the same model animates a start frame")
                .isEqualTo(202);
    }

    @Test
    void referenceImagesForATextOnlyStillModelAreRefusedBeforeAnythingIsWrittenOrCharged() {
        String token = server.token("text-only@example.com");
        server.customer(token, 20);
        String still = server.finishedStill(token, "a blue bottle on stone");
        String stillUrl = server.get("/api/generations/" + still, token)
                .json()
                .get("output_url")
                .asText();
        publish("mma.provider.seedream.defaults", "{\"model\":\"seedream-3-0-t2i-250415\"}");
        long credits = credits(token);
        int stills =
                server.get("/api/archive?mode=still", token).json().get("items").size();

        var refused = server.post(
                "/api/stills", token, "{\"brief\":\"the same bottle at dusk\",\"product_url\":\"" + stillUrl + "\"}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asText())
                .contains("seedream-3-0-t2i-250415")
                .contains("takes no product, logo or inspiration image");
        assertThat(credits(token)).as("nothing charged").isEqualTo(credits);
        assertThat(server.get("/api/archive?mode=still", token).json().get("items"))
                .as("no new row")
                .hasSize(stills);

        var textOnly = server.post("/api/stills", token, "{\"brief\":\"the same bottle at dusk\"}");
        assertThat(textOnly.status())
                .as("the same model makes a still from text")
                .isEqualTo(202);
        publish("mma.provider.seedream.defaults", "{\"model\":\"seedream-4-0-250828\"}");
    }

    @Test
    void aDurationTheConfiguredVideoModelDoesNotMakeIsRefusedBeforeAnythingIsWrittenOrCharged() throws Exception {
        String token = server.token("ten-seconds@example.com");
        server.customer(token, 30);
        String still = server.finishedStill(token, "a red cup on oak");
        Map<String, Object> table = Json.mutableCopy(DefaultConfig.values().get(ConfigKeys.PROVIDER_MODELS));
        Map<String, Object> kling = Json.mutableCopy(Json.object(table, "kling"));
        kling.put("kling-v2-1", Json.obj("durations", List.of(5), "end_frame_modes", List.of("pro")));
        table.put("kling", kling);
        publish(ConfigKeys.PROVIDER_MODELS, TestServer.JSON.writeValueAsString(table));
        publish("mma.provider.kling.defaults", "{\"model_name\":\"kling-v2-1\"}");
        try {
            long credits = credits(token);

            var refused = server.post(
                    "/api/generations/" + still + "/animate", token, "{\"prompt\":\"slow pan\",\"duration\":10}");

            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.json().get("detail").asText())
                    .isEqualTo("kling model kling-v2-1 makes videos of 5 seconds, not 10");
            assertThat(credits(token)).as("nothing charged").isEqualTo(credits);
            assertThat(server.get("/api/archive?mode=video", token).json().get("items"))
                    .as("no video row")
                    .isEmpty();
        } finally {
            publish(
                    ConfigKeys.PROVIDER_MODELS,
                    TestServer.JSON.writeValueAsString(DefaultConfig.values().get(ConfigKeys.PROVIDER_MODELS)));
        }
    }

    @Test
    void soundAndLengthFollowTheVideoModelAndTheQuotedPriceIsWhatIsCharged() {
        String token = server.token("sound@example.com");
        server.customer(token, 100);
        String still = server.finishedStill(token, "a tea tin on oak");
        publish("mma.provider.kling.defaults", "{\"model_name\":\"kling-v2-1\",\"mode\":\"std\"}");
        long credits = credits(token);

        var silentModel =
                server.post("/api/generations/" + still + "/animate", token, "{\"duration\":5,\"sound\":true}");
        assertThat(silentModel.status()).isEqualTo(422);
        assertThat(silentModel.json().get("detail").asText())
                .isEqualTo("kling model kling-v2-1 makes no sound; animate with sound off");
        var sevenSeconds = server.post("/api/generations/" + still + "/animate", token, "{\"duration\":7}");
        assertThat(sevenSeconds.status()).isEqualTo(422);
        assertThat(sevenSeconds.json().get("detail").asText())
                .isEqualTo("kling model kling-v2-1 makes videos of 5 or 10 seconds, not 7");
        assertThat(credits(token)).as("nothing charged").isEqualTo(credits);
        assertThat(server.get("/api/me", token).json().at("/video/sound").asBoolean())
                .isFalse();

        publish("mma.provider.kling.defaults", "{\"model_name\":\"kling-v2-6\",\"mode\":\"std\"}");
        try {
            JsonNode video = server.get("/api/me", token).json().get("video");
            assertThat(video.get("sound").asBoolean()).isTrue();
            assertThat(video.get("durations").toString()).isEqualTo("[5,10]");
            long quoted = -1;
            for (JsonNode quote : video.get("quotes")) {
                if (quote.get("seconds").asInt() == 10
                        && quote.get("sound").asBoolean()
                        && !quote.get("end_frame").asBoolean()) {
                    quoted = quote.get("matcha").asLong();
                }
            }
            assertThat(quoted).as("10 s with sound runs in pro: 2 × 10 × 1.75").isEqualTo(35);

            var accepted =
                    server.post("/api/generations/" + still + "/animate", token, "{\"duration\":10,\"sound\":true}");

            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            assertThat(credits(token)).isEqualTo(credits - quoted);
        } finally {
            publish("mma.provider.kling.defaults", "{\"model_name\":\"kling-v2-1\",\"mode\":\"std\"}");
        }
    }

    private static void publish(String key, String value) {
        var published = server.post(
                "/api/admin/config/" + key, server.adminToken("boss@example.com"), "{\"value\":" + value + "}");
        assertThat(published.status()).as(published.body()).isIn(200, 201);
    }

    private static long credits(String token) {
        JsonNode me = server.get("/api/me", token).json();
        return me.get("credits").asLong();
    }
}
