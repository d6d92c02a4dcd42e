package me.minav3.adapters.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static me.minav3.adapters.providers.Wire.json;
import static me.minav3.adapters.providers.Wire.okJson;
import static me.minav3.adapters.providers.Wire.tree;
import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.error.ProviderFailure.Kind;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.ImageJob;
import me.minav3.mma.providers.ImageRef;
import me.minav3.mma.providers.MediaPayload;
import me.minav3.mma.providers.models.ModelCapability;
import org.junit.jupiter.api.Test;

class SeedreamImageGeneratorTest extends ProviderContractTest {

    private static final String PATH = "/api/v3/images/generations";
    private static final String SIGNED_OUTPUT = "https://ark-content-generation-v2-ap-southeast-1.tos-ap-southeast-1"
            + ".volces.com/seedream-4-0/0217573211392.jpeg?X-Tos-Algorithm=TOS4-HMAC-SHA256"
            + "&X-Tos-Credential=AKLTNDQ2YTRlNTAwY2E0%2F20260301%2Fap-southeast-1%2Ftos%2Frequest"
            + "&X-Tos-Date=20260301T100000Z&X-Tos-Expires=86400&X-Tos-Signature=8a1f0c5e9b2d&X-Tos-SignedHeaders=host";

    @Test
    void sendsModelPromptReferencesSizeAndAsksForAUrl() {
        server.stubFor(post(PATH).willReturn(okJson(generated(SIGNED_OUTPUT))));

        GeneratedMedia media = generate(job(
                AspectRatio.PORTRAIT_4_5,
                Map.of(),
                FAST,
                List.of(
                        publicImage("https://assets.minav3.me/p/product.png"),
                        localImage("http://127.0.0.1:8080/assets/logo.png"),
                        publicImage("https://assets.minav3.me/p/inspiration.jpg"))));

        var sent = server.findAll(postRequestedFor(urlEqualTo(PATH))).get(0);
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + ARK_KEY);
        assertThat(tree(sent.getBodyAsString()))
                .isEqualTo(tree(Wire.text(obj(
                        "model", "seedream-4-0-250828",
                        "prompt", "Amber bottle on travertine, morning light",
                        "image",
                                List.of(
                                        "https://assets.minav3.me/p/product.png",
                                        pngDataUrl(),
                                        "https://assets.minav3.me/p/inspiration.jpg"),
                        "size", "1792x2240",
                        "response_format", "url",
                        "watermark", false,
                        "sequential_image_generation", "disabled"))));
        assertThat(media.media()).isEqualTo(new MediaPayload.Remote(java.net.URI.create(SIGNED_OUTPUT)));
        assertThat(media.provider()).isEqualTo("seedream");
        assertThat(media.model()).isEqualTo("seedream-4-0-250828");
        String trace = Wire.text(media.trace());
        assertThat(trace).doesNotContain("X-Tos-Signature").contains("0217573211392.jpeg?<redacted>");
    }

    @Test
    void leavesImageOutWithoutReferencesAndTakesQualityFromSettings() {
        server.stubFor(post(PATH).willReturn(okJson(generated("https://cdn.example.com/out.png"))));
        Map<String, Object> defaults = new HashMap<>(FAST);
        defaults.put("watermark", true);

        generate(job(AspectRatio.LANDSCAPE_16_9, Map.of("quality", "4K"), defaults, List.of()));

        var body =
                tree(server.findAll(postRequestedFor(urlEqualTo(PATH))).get(0).getBodyAsString());
        assertThat(body.has("image")).isFalse();
        assertThat(body.path("size").asText()).isEqualTo("5120x2880");
        assertThat(body.path("watermark").asBoolean()).isTrue();
    }

    @Test
    void seedream30TextToImageGetsNoImageInputsAndASizeOfAtMost2048ASide() {
        server.stubFor(post(PATH).willReturn(okJson(generated("https://cdn.example.com/out.png"))));
        refuseWhatSeedream30DoesNotTake();
        Map<String, Object> defaults = new HashMap<>(FAST);
        defaults.put("model", "seedream-3-0-t2i-250415");

        GeneratedMedia media = generate(job(
                AspectRatio.LANDSCAPE_16_9,
                Map.of(),
                defaults,
                List.of(),
                seeded("seedream", "seedream-3-0-t2i-250415")));

        var body =
                tree(server.findAll(postRequestedFor(urlEqualTo(PATH))).get(0).getBodyAsString());
        assertThat(body.has("image")).isFalse();
        assertThat(body.has("sequential_image_generation")).isFalse();
        assertThat(body.path("size").asText()).isEqualTo("2048x1152");
        assertThat(media.trace().request())
                .containsEntry(
                        "corrections",
                        List.of(
                                "size 2560x1440 sent as 2048x1152: "
                                        + "seedream model seedream-3-0-t2i-250415 makes 262144 to 4194304 pixels in total, 512 to 2048 pixels a side"));
    }

    @Test
    void seedream30WithReferenceImagesFailsBeforeTheCall() {
        Map<String, Object> defaults = new HashMap<>(FAST);
        defaults.put("model", "seedream-3-0-t2i-250415");

        ProviderFailure failure = failure(() -> generate(job(
                AspectRatio.SQUARE,
                Map.of(),
                defaults,
                List.of(publicImage("https://assets.minav3.me/p/product.png")),
                seeded("seedream", "seedream-3-0-t2i-250415"))));

        assertThat(failure.getMessage()).contains("seedream-3-0-t2i-250415 takes at most 0 input images");
        assertThat(server.findAll(postRequestedFor(urlEqualTo(PATH)))).isEmpty();
    }

    @Test
    void seedream45GetsAtLeast2560x1440PixelsWhenAsked1K() {
        server.stubFor(post(PATH).willReturn(okJson(generated("https://cdn.example.com/out.png"))));
        server.stubFor(post(PATH)
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.model", equalTo("seedream-4-5-251128")))
                // Every 1K size is under 3686400 pixels, which 4.5 refuses.
                .withRequestBody(
                        matchingJsonPath(
                                "$.size",
                                matching(
                                        "1024x1024|896x1120|1120x896|864x1152|1152x864|832x1248|1248x832|720x1280|1280x720|1512x648")))
                .willReturn(json(
                        400,
                        obj(
                                "error",
                                obj(
                                        "code",
                                        "InvalidParameter",
                                        "message",
                                        "The parameter `size` specified in the request is not valid: image size must be at least 3686400 pixels",
                                        "param",
                                        "size",
                                        "type",
                                        "BadRequest")))));
        Map<String, Object> defaults = new HashMap<>(FAST);
        defaults.put("model", "seedream-4-5-251128");
        ModelCapability v45 = seeded("seedream", "seedream-4-5-251128");

        generate(job(AspectRatio.SQUARE, Map.of("quality", "1K"), defaults, List.of(), v45));
        generate(job(AspectRatio.LANDSCAPE_16_9, Map.of("quality", "1K"), defaults, List.of(), v45));
        generate(job(AspectRatio.PORTRAIT_4_5, Map.of(), defaults, List.of(), v45));

        assertThat(server.findAll(postRequestedFor(urlEqualTo(PATH))))
                .extracting(r -> tree(r.getBodyAsString()).path("size").asText())
                .containsExactly("1920x1920", "2560x1440", "1792x2240");
    }

    @Test
    void anErrorObjectIsAFailureThatIsNotRetried() {
        server.stubFor(post(PATH)
                .willReturn(json(
                        400,
                        obj(
                                "error",
                                obj(
                                        "code",
                                        "InvalidParameter",
                                        "message",
                                        "The parameter `size` specified in the request is not valid",
                                        "param",
                                        "size",
                                        "type",
                                        "BadRequest")))));

        ProviderFailure failure = failure(() -> generate(job(AspectRatio.SQUARE, Map.of(), FAST, List.of())));

        assertThat(failure.kind()).isEqualTo(Kind.CLIENT_ERROR);
        assertThat(failure.getMessage()).contains("InvalidParameter");
        assertThat(server.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(1);
    }

    @Test
    void anErrorInsteadOfTheImageIsATaskFailure() {
        server.stubFor(
                post(PATH)
                        .willReturn(
                                okJson(
                                        obj(
                                                "model",
                                                "seedream-4-0-250828",
                                                "created",
                                                1757321139,
                                                "data",
                                                List.of(
                                                        obj(
                                                                "error",
                                                                obj(
                                                                        "code",
                                                                        "OutputImageSensitiveContentDetected",
                                                                        "message",
                                                                        "The request failed because the output image may contain sensitive information.")))))));

        ProviderFailure failure = failure(() -> generate(job(AspectRatio.SQUARE, Map.of(), FAST, List.of())));

        assertThat(failure.kind()).isEqualTo(Kind.TASK_FAILED);
        assertThat(failure.getMessage()).contains("OutputImageSensitiveContentDetected");
    }

    @Test
    void anExhaustedQuotaIsNotRetriedButARateLimitIs() {
        server.stubFor(post(PATH)
                .willReturn(json(
                        429,
                        obj(
                                "error",
                                obj("code", "QuotaExceeded", "message", "Your account has exhausted its quota")))));
        ProviderFailure quota = failure(() -> generate(job(AspectRatio.SQUARE, Map.of(), FAST, List.of())));
        assertThat(quota.kind()).isEqualTo(Kind.QUOTA);
        assertThat(server.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(1);

        server.resetAll();
        server.stubFor(post(PATH)
                .inScenario("rpm")
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("ok")
                .willReturn(json(
                        429,
                        obj(
                                "error",
                                obj(
                                        "code",
                                        "RateLimitExceeded.EndpointRPMExceeded",
                                        "message",
                                        "Too many requests")))));
        server.stubFor(post(PATH)
                .inScenario("rpm")
                .whenScenarioStateIs("ok")
                .willReturn(okJson(generated("https://cdn.example.com/out.png"))));
        GeneratedMedia media = generate(job(AspectRatio.SQUARE, Map.of(), FAST, List.of()));
        assertThat(media.trace().attempts()).extracting(a -> a.get("status")).containsExactly(429, 200);
    }

    @Test
    void base64OutputIsReturnedAsBytes() {
        server.stubFor(post(PATH)
                .willReturn(okJson(obj(
                        "model",
                        "seedream-4-0-250828",
                        "data",
                        List.of(obj(
                                "b64_json",
                                java.util.Base64.getEncoder().encodeToString(PNG),
                                "size",
                                "2048x2048"))))));

        GeneratedMedia media = generate(job(AspectRatio.SQUARE, Map.of(), FAST, List.of()));

        assertThat(media.media())
                .isInstanceOfSatisfying(
                        MediaPayload.Bytes.class,
                        bytes -> assertThat(bytes.data()).isEqualTo(PNG));
    }

    @Test
    void aReplyWithoutAUrlIsMalformed() {
        server.stubFor(post(PATH)
                .willReturn(okJson(obj("model", "seedream-4-0-250828", "data", List.of(obj("size", "2048x2048"))))));

        ProviderFailure failure = failure(() -> generate(job(AspectRatio.SQUARE, Map.of(), FAST, List.of())));

        assertThat(failure.kind()).isEqualTo(Kind.MALFORMED_REPLY);
    }

    private GeneratedMedia generate(ImageJob job) {
        GeneratedMedia media = providers.imageGenerators().get("seedream").generate(job);
        kept(media.trace());
        return media;
    }

    static ImageJob job(
            AspectRatio ratio, Map<String, Object> settings, Map<String, Object> defaults, List<ImageRef> references) {
        return job(ratio, settings, defaults, references, null);
    }

    static ImageJob job(
            AspectRatio ratio,
            Map<String, Object> settings,
            Map<String, Object> defaults,
            List<ImageRef> references,
            ModelCapability capability) {
        return new ImageJob(
                new GenerationId("g1"),
                "Amber bottle on travertine, morning light",
                ratio,
                references,
                settings,
                defaults,
                capability);
    }

    /** ModelArk refuses image inputs and sequential generation for Seedream 3.0 t2i (an InvalidParameter 400). */
    private static void refuseWhatSeedream30DoesNotTake() {
        for (String param : List.of("$.image", "$.sequential_image_generation")) {
            server.stubFor(post(PATH)
                    .atPriority(1)
                    .withRequestBody(matchingJsonPath("$.model", equalTo("seedream-3-0-t2i-250415")))
                    .withRequestBody(matchingJsonPath(param))
                    .willReturn(json(
                            400,
                            obj(
                                    "error",
                                    obj(
                                            "code",
                                            "InvalidParameter",
                                            "message",
                                            "The parameter `" + param.substring(2)
                                                    + "` specified in the request is not valid for model "
                                                    + "seedream-3-0-t2i",
                                            "param",
                                            param.substring(2),
                                            "type",
                                            "BadRequest")))));
        }
    }

    /** A ModelArk images reply as documented. */
    private static Map<String, Object> generated(String url) {
        return obj(
                "model",
                "seedream-4-0-250828",
                "created",
                1757321139,
                "data",
                List.of(obj("url", url, "size", "2048x2048")),
                "usage",
                obj("generated_images", 1, "output_tokens", 16384, "total_tokens", 16384));
    }
}
