package me.minav3.adapters.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static me.minav3.adapters.providers.Wire.json;
import static me.minav3.adapters.providers.Wire.okJson;
import static me.minav3.adapters.providers.Wire.tree;
import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.error.ProviderFailure.Kind;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.ImageJob;
import me.minav3.mma.providers.MediaPayload;
import org.junit.jupiter.api.Test;

class ReplicateImageGeneratorTest extends ProviderContractTest {

    static final String ID = "gm3qorzdhgbfurvjtvhg6dckhu";
    private static final String CREATE = "/v1/models/bytedance/seedream-4/predictions";
    static final String POLL = "/v1/predictions/" + ID;
    private static final String OUTPUT = "https://replicate.delivery/xezq/jCypj4MeXYUiRyq7nfgm8z1Ov/tmp1iukn307.jpg";

    @Test
    void seedream45OnReplicateMakesNo1KSoItIsAskedFor2K() {
        server.stubFor(post("/v1/models/bytedance/seedream-4.5/predictions")
                .willReturn(json(201, prediction("succeeded", List.of(OUTPUT), null))));

        GeneratedMedia media = generate(SeedreamImageGeneratorTest.job(
                AspectRatio.SQUARE,
                Map.of("quality", "1K"),
                obj("model", "bytedance/seedream-4.5", "timeouts", FAST.get("timeouts")),
                List.of(),
                seeded("seedream_replicate", "bytedance/seedream-4.5")));

        var input = tree(server.findAll(postRequestedFor(urlEqualTo("/v1/models/bytedance/seedream-4.5/predictions")))
                        .get(0)
                        .getBodyAsString())
                .path("input");
        assertThat(input.path("size").asText()).isEqualTo("2K");
        assertThat(media.trace().request())
                .containsEntry(
                        "corrections",
                        List.of("size 1K sent as 2K: seedream_replicate model bytedance/seedream-4.5 makes 2K, 4K"));
    }

    @Test
    void asksTheServerToWaitAndTakesTheOutputWhenTheCreateAlreadySucceeded() {
        server.stubFor(post(CREATE).willReturn(json(201, prediction("succeeded", List.of(OUTPUT), null))));

        GeneratedMedia media = generate(SeedreamImageGeneratorTest.job(
                AspectRatio.PORTRAIT_3_4,
                Map.of(),
                FAST,
                List.of(
                        publicImage("https://assets.minav3.me/p/product.png"),
                        localImage("http://minio:9000/a/logo.png"))));

        var sent = server.findAll(postRequestedFor(urlEqualTo(CREATE))).get(0);
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + REPLICATE_TOKEN);
        assertThat(sent.getHeader("Prefer")).isEqualTo("wait=1");
        assertThat(tree(sent.getBodyAsString()))
                .isEqualTo(tree(Wire.text(obj(
                        "input",
                        obj(
                                "prompt", "Amber bottle on travertine, morning light",
                                "image_input", List.of("https://assets.minav3.me/p/product.png", pngDataUrl()),
                                "size", "2K",
                                "aspect_ratio", "3:4",
                                "sequential_image_generation", "disabled",
                                "max_images", 1)))));
        assertThat(media.media()).isEqualTo(new MediaPayload.Remote(URI.create(OUTPUT)));
        assertThat(media.provider()).isEqualTo("seedream_replicate");
        assertThat(media.model()).isEqualTo("bytedance/seedream-4");
        assertThat(server.findAll(getRequestedFor(urlEqualTo(POLL)))).isEmpty();
    }

    @Test
    void pollsThePredictionUntilItSucceeds() {
        server.stubFor(post(CREATE).willReturn(json(201, prediction("starting", null, null))));
        stubPolls(prediction("processing", null, null), prediction("succeeded", List.of(OUTPUT), null));

        GeneratedMedia media = generate(squareJob());

        assertThat(media.media()).isEqualTo(new MediaPayload.Remote(URI.create(OUTPUT)));
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(media.trace().response()).containsEntry("polls", 2);
        assertThat(media.trace().attempts())
                .extracting(a -> a.get("call"))
                .containsExactly("predictions.create", "predictions.get", "predictions.get");
        assertThat(server.findAll(getRequestedFor(urlEqualTo(POLL))).get(0).getHeader("Authorization"))
                .isEqualTo("Bearer " + REPLICATE_TOKEN);
    }

    @Test
    void aFailedPredictionIsATaskFailureWithItsError() {
        server.stubFor(post(CREATE).willReturn(json(201, prediction("starting", null, null))));
        stubPolls(prediction("failed", null, "NSFW content detected in the output"));

        ProviderFailure failure = failure(() -> generate(squareJob()));

        assertThat(failure.kind()).isEqualTo(Kind.TASK_FAILED);
        assertThat(failure.getMessage()).contains("NSFW content detected");
    }

    @Test
    void aCanceledPredictionIsATaskFailure() {
        server.stubFor(post(CREATE).willReturn(json(201, prediction("processing", null, null))));
        stubPolls(prediction("canceled", null, null));

        ProviderFailure failure = failure(() -> generate(squareJob()));

        assertThat(failure.kind()).isEqualTo(Kind.TASK_FAILED);
        assertThat(failure.getMessage()).contains("canceled");
    }

    @Test
    void pollingPastTheTotalLimitIsATimeout() {
        server.stubFor(post(CREATE).willReturn(json(201, prediction("starting", null, null))));
        server.stubFor(get(POLL).willReturn(okJson(prediction("processing", null, null))));
        Map<String, Object> defaults = obj("timeouts", obj("request_ms", 2_000, "total_ms", 10_000, "max_attempts", 3));

        ProviderFailure failure = failure(
                () -> generate(SeedreamImageGeneratorTest.job(AspectRatio.SQUARE, Map.of(), defaults, List.of())));

        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(failure.getMessage()).contains("still processing after the total limit of 10000 ms");
        assertThat(time.sleeps().stream().mapToLong(Duration::toMillis).sum()).isLessThan(10_000);
        assertThat(server.findAll(getRequestedFor(urlEqualTo(POLL)))).hasSize(4);
    }

    @Test
    void ratiosTheModelDoesNotListUseACustomTwoKSize() {
        server.stubFor(post(CREATE).willReturn(json(201, prediction("succeeded", List.of(OUTPUT), null))));

        generate(SeedreamImageGeneratorTest.job(AspectRatio.LANDSCAPE_5_4, Map.of("quality", "4K"), FAST, List.of()));

        var input = tree(server.findAll(postRequestedFor(urlEqualTo(CREATE)))
                        .get(0)
                        .getBodyAsString())
                .path("input");
        assertThat(input.path("size").asText()).isEqualTo("custom");
        assertThat(input.path("width").asInt()).isEqualTo(2240);
        assertThat(input.path("height").asInt()).isEqualTo(1792);
        assertThat(input.has("aspect_ratio")).isFalse();
        assertThat(input.has("image_input")).isFalse();
    }

    @Test
    void aModelThatIsNotOwnerSlashNameIsAConfigurationFailure() {
        Map<String, Object> defaults = new HashMap<>(FAST);
        defaults.put("model", "../../v1/account");

        ProviderFailure failure = failure(
                () -> generate(SeedreamImageGeneratorTest.job(AspectRatio.SQUARE, Map.of(), defaults, List.of())));

        assertThat(failure.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    private GeneratedMedia generate(ImageJob job) {
        GeneratedMedia media =
                providers.imageGenerators().get("seedream_replicate").generate(job);
        kept(media.trace());
        return media;
    }

    private static ImageJob squareJob() {
        return SeedreamImageGeneratorTest.job(AspectRatio.SQUARE, Map.of(), FAST, List.of());
    }

    /** Each poll answers the next prediction state; the last one repeats. */
    static void stubPolls(Map<?, ?>... states) {
        for (int i = 0; i < states.length; i++) {
            var stub = get(POLL).inScenario("poll").whenScenarioStateIs(i == 0 ? STARTED : "poll-" + i);
            if (i + 1 < states.length) {
                stub = stub.willSetStateTo("poll-" + (i + 1));
            }
            server.stubFor(stub.willReturn(okJson(states[i])));
        }
    }

    /** A Replicate prediction object as documented, for this test's prediction. */
    static Map<String, Object> prediction(String status, Object output, String error) {
        return DocumentedReplies.replicatePrediction(ID, "Amber bottle on travertine", status, output, error);
    }
}
