package me.minav3.adapters.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static me.minav3.adapters.providers.Wire.json;
import static me.minav3.adapters.providers.Wire.okJson;
import static me.minav3.adapters.providers.Wire.tree;
import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.error.ProviderFailure.Kind;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.ImageJob;
import me.minav3.mma.providers.MediaPayload;
import me.minav3.mma.providers.ProviderJob;
import org.junit.jupiter.api.Test;

/** Replicate's {@code google/nano-banana} and {@code google/nano-banana-pro} (issue 22), on the prediction rules. */
class ReplicateNanoBananaImageGeneratorTest extends ProviderContractTest {

    private static final String ID = "q7nb0r0x1hrm80cs8vx8a1b2c3";
    private static final String CREATE = "/v1/models/google/nano-banana/predictions";
    private static final String CREATE_PRO = "/v1/models/google/nano-banana-pro/predictions";
    private static final String OUTPUT = "https://replicate.delivery/xezq/nb/output.png";

    @Test
    void nanoBananaTakesPromptImagesAspectRatioAndFormatAndAnswersOneUrl() {
        server.stubFor(post(CREATE).willReturn(json(201, prediction("succeeded", OUTPUT, null))));

        GeneratedMedia media = generate(SeedreamImageGeneratorTest.job(
                AspectRatio.PORTRAIT_4_5,
                Map.of("quality", "4K"),
                FAST,
                List.of(publicImage("https://assets.minav3.me/p/product.png"))));

        var sent = server.findAll(postRequestedFor(urlEqualTo(CREATE))).get(0);
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + REPLICATE_TOKEN);
        assertThat(tree(sent.getBodyAsString()))
                .isEqualTo(tree(Wire.text(obj(
                        "input",
                        obj(
                                "prompt", "Amber bottle on travertine, morning light",
                                "image_input", List.of("https://assets.minav3.me/p/product.png"),
                                "aspect_ratio", "4:5",
                                "output_format", "png")))));
        assertThat(media.media()).isEqualTo(new MediaPayload.Remote(URI.create(OUTPUT)));
        assertThat(media.provider()).isEqualTo("nano_banana_replicate");
        assertThat(media.model()).isEqualTo("google/nano-banana");
    }

    @Test
    void nanoBananaProIsAskedForTheChosenResolution() {
        server.stubFor(post(CREATE_PRO).willReturn(json(201, prediction("succeeded", OUTPUT, null))));

        generate(SeedreamImageGeneratorTest.job(
                AspectRatio.SQUARE,
                Map.of("quality", "4K"),
                obj("model", "google/nano-banana-pro", "timeouts", FAST.get("timeouts")),
                List.of()));

        var input = tree(server.findAll(postRequestedFor(urlEqualTo(CREATE_PRO)))
                        .get(0)
                        .getBodyAsString())
                .path("input");
        assertThat(input.path("resolution").asText()).isEqualTo("4K");
        assertThat(input.path("aspect_ratio").asText()).isEqualTo("1:1");
        assertThat(input.has("image_input")).isFalse();
    }

    @Test
    void aFilteredPredictionIsAFailedTask() {
        server.stubFor(post(CREATE).willReturn(json(201, prediction("starting", null, null))));
        server.stubFor(get("/v1/predictions/" + ID)
                .willReturn(okJson(prediction("failed", null, "The input or output was flagged as sensitive (E005)"))));

        ProviderFailure failure = failure(() -> generate(square(ProviderJob.untracked("g1-still"))));

        assertThat(failure.kind()).isEqualTo(Kind.TASK_FAILED);
        assertThat(failure.getMessage()).contains("flagged as sensitive");
    }

    @Test
    void aStageRunAgainPollsThePredictionItStartedInsteadOfPayingForASecond() {
        server.stubFor(get("/v1/predictions/" + ID).willReturn(okJson(prediction("succeeded", OUTPUT, null))));
        ProviderJob resumed = new ProviderJob() {
            @Override
            public String key() {
                return "g1-still";
            }

            @Override
            public Optional<String> startedId() {
                return Optional.of(ID);
            }

            @Override
            public boolean mayHaveCreated() {
                return true;
            }

            @Override
            public void started(String jobId) {
                throw new AssertionError("no second prediction");
            }
        };

        GeneratedMedia media = generate(square(resumed));

        assertThat(media.media()).isEqualTo(new MediaPayload.Remote(URI.create(OUTPUT)));
        assertThat(server.findAll(postRequestedFor(anyUrl())))
                .as("no second prediction")
                .isEmpty();
    }

    private GeneratedMedia generate(ImageJob job) {
        GeneratedMedia media =
                providers.imageGenerators().get("nano_banana_replicate").generate(job);
        kept(media.trace());
        return media;
    }

    private static ImageJob square(ProviderJob job) {
        return new ImageJob(
                new GenerationId("g1"),
                "Amber bottle on travertine, morning light",
                AspectRatio.SQUARE,
                List.of(),
                Map.of(),
                // Generous real request time: this test is about which calls are made, not about timeouts.
                obj("timeouts", obj("connect_ms", 5_000, "request_ms", 30_000, "total_ms", 120_000, "max_attempts", 3)),
                job);
    }

    private static Map<String, Object> prediction(String status, Object output, String error) {
        Map<String, Object> prediction =
                DocumentedReplies.replicatePrediction(ID, "Amber bottle on travertine", status, output, error);
        prediction.put("model", "google/nano-banana");
        return prediction;
    }
}
