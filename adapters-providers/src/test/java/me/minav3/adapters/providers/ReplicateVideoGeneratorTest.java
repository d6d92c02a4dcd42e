package me.minav3.adapters.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static me.minav3.adapters.providers.ReplicateImageGeneratorTest.prediction;
import static me.minav3.adapters.providers.ReplicateImageGeneratorTest.stubPolls;
import static me.minav3.adapters.providers.Wire.json;
import static me.minav3.adapters.providers.Wire.tree;
import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.error.ProviderFailure.Kind;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.MediaPayload;
import me.minav3.mma.providers.VideoJob;
import org.junit.jupiter.api.Test;

class ReplicateVideoGeneratorTest extends ProviderContractTest {

    private static final String CREATE = "/v1/models/kwaivgi/kling-v2.1/predictions";
    private static final String OUTPUT = "https://replicate.delivery/xezq/f1bWQHfqL3IiB1Tr/tmpa0ngp4b1.mp4";

    @Test
    void sendsTheStartImageModeAndDurationAndPollsUntilTheVideoIsThere() {
        server.stubFor(post(CREATE).willReturn(json(201, prediction("starting", null, null))));
        stubPolls(prediction("processing", null, null), prediction("succeeded", OUTPUT, null));

        GeneratedMedia media = generate(KlingVideoGeneratorTest.job(
                localImage("http://localhost:8080/assets/still.png"),
                publicImage("https://assets.minav3.me/p/end.png"),
                5,
                Map.of(),
                obj("negative_prompt", "blurry, warped text", "timeouts", FAST.get("timeouts"))));

        var input = tree(server.findAll(postRequestedFor(urlEqualTo(CREATE)))
                        .get(0)
                        .getBodyAsString())
                .path("input");
        assertThat(input)
                .isEqualTo(tree(Wire.text(obj(
                        "prompt", "The bottle turns slowly; soft push-in",
                        "start_image", pngDataUrl(),
                        "mode", "standard",
                        "duration", 5,
                        "negative_prompt", "blurry, warped text"))));
        assertThat(media.trace().request()).containsKey("note");
        assertThat(media.media()).isEqualTo(new MediaPayload.Remote(URI.create(OUTPUT)));
        assertThat(media.provider()).isEqualTo("kling_replicate");
        assertThat(media.model()).isEqualTo("kwaivgi/kling-v2.1");
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void anEndImageInStandardOnTheSeededModelIsSentInProWithTheCorrectionRecorded() {
        server.stubFor(post(CREATE).willReturn(json(201, prediction("succeeded", OUTPUT, null))));

        GeneratedMedia media = generate(KlingVideoGeneratorTest.job(
                publicImage("https://assets.minav3.me/p/start.png"),
                publicImage("https://assets.minav3.me/p/end.png"),
                5,
                Map.of(),
                FAST,
                seeded("kling_replicate", "kwaivgi/kling-v2.1")));

        var input = tree(server.findAll(postRequestedFor(urlEqualTo(CREATE)))
                        .get(0)
                        .getBodyAsString())
                .path("input");
        assertThat(input.path("mode").asText()).isEqualTo("pro");
        assertThat(input.path("end_image").asText()).isEqualTo("https://assets.minav3.me/p/end.png");
        assertThat(media.trace().request())
                .containsEntry(
                        "corrections",
                        java.util.List.of(
                                "mode standard sent as pro: kling_replicate model kwaivgi/kling-v2.1 takes an end frame only in pro"));
    }

    @Test
    void sendsTheEndImageInProMode() {
        server.stubFor(post(CREATE).willReturn(json(201, prediction("succeeded", OUTPUT, null))));

        generate(KlingVideoGeneratorTest.job(
                publicImage("https://assets.minav3.me/p/start.png"),
                publicImage("https://assets.minav3.me/p/end.png"),
                10,
                Map.of("mode", "pro"),
                FAST));

        var input = tree(server.findAll(postRequestedFor(urlEqualTo(CREATE)))
                        .get(0)
                        .getBodyAsString())
                .path("input");
        assertThat(input.path("mode").asText()).isEqualTo("pro");
        assertThat(input.path("end_image").asText()).isEqualTo("https://assets.minav3.me/p/end.png");
        assertThat(input.path("duration").isInt()).isTrue();
        assertThat(input.path("duration").asInt()).isEqualTo(10);
    }

    @Test
    void aFailedPredictionIsATaskFailure() {
        server.stubFor(post(CREATE).willReturn(json(201, prediction("starting", null, null))));
        stubPolls(prediction("failed", null, "Prediction interrupted; please retry (code: PA)"));

        ProviderFailure failure = failure(() -> generate(KlingVideoGeneratorTest.job(
                publicImage("https://assets.minav3.me/p/start.png"), null, 5, Map.of(), FAST)));

        assertThat(failure.kind()).isEqualTo(Kind.TASK_FAILED);
        assertThat(failure.getMessage()).contains("Prediction interrupted");
    }

    @Test
    void anUnpaidAccountIsNotRetried() {
        server.stubFor(post(CREATE)
                .willReturn(json(
                        402,
                        obj(
                                "title",
                                "Insufficient credit",
                                "detail",
                                "You have insufficient credit to run this model.",
                                "status",
                                402))));

        ProviderFailure failure = failure(() -> generate(KlingVideoGeneratorTest.job(
                publicImage("https://assets.minav3.me/p/start.png"), null, 5, Map.of(), FAST)));

        assertThat(failure.kind()).isEqualTo(Kind.QUOTA);
        assertThat(server.findAll(postRequestedFor(urlEqualTo(CREATE)))).hasSize(1);
    }

    @Test
    void klingV26OnReplicateGetsGenerateAudioAndTheLengthAndNoModeItHasNoInputFor() {
        String create = "/v1/models/kwaivgi/kling-v2.6/predictions";
        server.stubFor(post(create).willReturn(json(201, prediction("succeeded", OUTPUT, null))));

        GeneratedMedia media = generate(KlingVideoGeneratorTest.withSound(KlingVideoGeneratorTest.job(
                publicImage("https://assets.minav3.me/p/start.png"),
                null,
                10,
                Map.of(),
                obj("model", "kwaivgi/kling-v2.6", "mode", "standard", "timeouts", FAST.get("timeouts")),
                seeded("kling_replicate", "kwaivgi/kling-v2.6"))));

        var input = tree(server.findAll(postRequestedFor(urlEqualTo(create)))
                        .get(0)
                        .getBodyAsString())
                .path("input");
        assertThat(input)
                .isEqualTo(tree(Wire.text(obj(
                        "prompt",
                        "The bottle turns slowly; soft push-in",
                        "start_image",
                        "https://assets.minav3.me/p/start.png",
                        "duration",
                        10,
                        "generate_audio",
                        true))));
        assertThat(media.model()).isEqualTo("kwaivgi/kling-v2.6");
    }

    private GeneratedMedia generate(VideoJob job) {
        GeneratedMedia media =
                providers.videoGenerators().get("kling_replicate").generate(job);
        kept(media.trace());
        return media;
    }
}
