package me.minav3.adapters.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
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

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.error.ProviderFailure.Kind;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.ImageRef;
import me.minav3.mma.providers.MediaPayload;
import me.minav3.mma.providers.VideoJob;
import me.minav3.mma.providers.models.ModelCapability;
import org.junit.jupiter.api.Test;

class KlingVideoGeneratorTest extends ProviderContractTest {

    private static final String CREATE = "/v1/videos/image2video";
    private static final String TASK_ID = "CjMJz2Zg3XcAAAAAAEmqRg";
    private static final String POLL = CREATE + "/" + TASK_ID;
    /** A 1x1 lossless WebP. */
    private static final byte[] WEBP = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    private static final String VIDEO =
            "https://cdn.klingai.com/bs2/upload-kling-api/6129036215/image2video/CjMJz2Zg3X-0.mp4";

    @Test
    void authenticatesWithAnHs256JwtAndSendsTheDocumentedBody() throws Exception {
        server.stubFor(post(CREATE).willReturn(okJson(task("submitted", null))));
        refuseAnEndFrameInStdOnV21();
        stubPolls(task("processing", null), task("succeed", null));

        GeneratedMedia media = generate(job(
                publicImage("https://assets.minav3.me/p/start.png"),
                publicImage("https://assets.minav3.me/p/end.png"),
                10,
                Map.of(),
                FAST,
                seeded("kling", "kling-v2-1")));

        var sent = server.findAll(postRequestedFor(urlEqualTo(CREATE))).get(0);
        SignedJWT jwt = SignedJWT.parse(sent.getHeader("Authorization").substring("Bearer ".length()));
        assertThat(jwt.verify(new MACVerifier(KLING_SECRET_KEY.getBytes(StandardCharsets.UTF_8))))
                .isTrue();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(KLING_ACCESS_KEY);
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(FakeTime.START.plusSeconds(1_800));
        assertThat(jwt.getJWTClaimsSet().getNotBeforeTime().toInstant()).isEqualTo(FakeTime.START.minusSeconds(5));
        var body = tree(sent.getBodyAsString());
        assertThat(body)
                .isEqualTo(tree(Wire.text(obj(
                        "model_name", "kling-v2-1",
                        "image", "https://assets.minav3.me/p/start.png",
                        "image_tail", "https://assets.minav3.me/p/end.png",
                        "prompt", "The bottle turns slowly; soft push-in",
                        "negative_prompt", "blurry, distorted product, warped text, flicker",
                        "mode", "pro",
                        "duration", "10",
                        "external_task_id", "v1-video"))));
        assertThat(media.trace().request())
                .as("the correction is in the step")
                .containsEntry(
                        "corrections",
                        List.of("mode std sent as pro: kling model kling-v2-1 takes an end frame only in pro"));
        assertThat(body.path("duration").isTextual()).as("duration is a string").isTrue();
        assertThat(media.media()).isEqualTo(new MediaPayload.Remote(URI.create(VIDEO)));
        assertThat(media.provider()).isEqualTo("kling");
        assertThat(media.model()).isEqualTo("kling-v2-1");
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
        var polls = server.findAll(getRequestedFor(urlEqualTo(POLL)));
        assertThat(polls).hasSize(2);
        SignedJWT pollToken =
                SignedJWT.parse(polls.get(1).getHeader("Authorization").substring("Bearer ".length()));
        assertThat(pollToken.getJWTClaimsSet().getNotBeforeTime().toInstant())
                .as("each request gets a fresh token")
                .isEqualTo(FakeTime.START.plusSeconds(10 - 5));
        assertThat(media.trace().response()).containsEntry("polls", 2).containsKey("submitted");
    }

    @Test
    void anEndFrameOnTheSeededDefaultsIsAcceptedByAKlingThatRefusesOneInStd() {
        server.stubFor(post(CREATE).willReturn(okJson(task("succeed", null))));
        refuseAnEndFrameInStdOnV21();
        Map<String, Object> seededDefaults = Defaults.of("kling", FAST);

        generate(job(
                publicImage("https://assets.minav3.me/p/start.png"),
                publicImage("https://assets.minav3.me/p/end.jpg"),
                5,
                Map.of(),
                seededDefaults,
                seeded("kling", "kling-v2-1")));

        var creates = server.findAll(postRequestedFor(urlEqualTo(CREATE)));
        assertThat(creates).as("exactly one task created").hasSize(1);
        assertThat(tree(creates.get(0).getBodyAsString()).path("mode").asText()).isEqualTo("pro");
    }

    @Test
    void theFakeRefusesAnEndFrameInStdOnV21AsKlingDoes() {
        refuseAnEndFrameInStdOnV21();

        ProviderFailure failure = failure(() -> generate(job(
                publicImage("https://assets.minav3.me/p/start.png"),
                publicImage("https://assets.minav3.me/p/end.png"),
                5,
                Map.of(),
                FAST)));

        assertThat(failure.kind()).as("an unlisted model is sent as configured").isEqualTo(Kind.CLIENT_ERROR);
        assertThat(failure.getMessage()).contains("1201");
    }

    @Test
    void aWebpStartImageReachesKlingAsJpegOrPng() {
        server.stubFor(post(CREATE).willReturn(okJson(task("succeed", null))));

        generate(job(
                new ImageRef("https://assets.minav3.me/p/start.webp", () -> WEBP.clone()),
                null,
                5,
                Map.of(),
                FAST,
                seeded("kling", "kling-v2-1")));

        var sent = server.findAll(postRequestedFor(urlEqualTo(CREATE))).get(0);
        byte[] image = Base64.getDecoder()
                .decode(tree(sent.getBodyAsString()).path("image").asText());
        assertThat(InlineImages.contentType(image)).isIn("image/jpeg", "image/png");
        assertThat(image).isNotEqualTo(WEBP);
    }

    @Test
    void aGifEndImageReachesKlingAsJpegOrPngAndTheStepSaysSo() throws Exception {
        server.stubFor(post(CREATE).willReturn(okJson(task("succeed", null))));
        var pixels = new java.awt.image.BufferedImage(320, 400, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var gif = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(pixels, "gif", gif);

        GeneratedMedia media = generate(job(
                publicImage("https://assets.minav3.me/p/start.jpg"),
                new ImageRef("https://assets.minav3.me/p/end", gif::toByteArray),
                5,
                Map.of("mode", "pro"),
                FAST,
                seeded("kling", "kling-v2-1")));

        var body =
                tree(server.findAll(postRequestedFor(urlEqualTo(CREATE))).get(0).getBodyAsString());
        assertThat(body.path("image").asText()).isEqualTo("https://assets.minav3.me/p/start.jpg");
        byte[] end = Base64.getDecoder().decode(body.path("image_tail").asText());
        assertThat(InlineImages.contentType(end)).isEqualTo("image/jpeg");
        assertThat(media.trace().request())
                .containsEntry(
                        "corrections",
                        List.of("end image converted from image/gif "
                                + "to image/jpeg: kling model kling-v2-1 takes only image/jpeg, image/png"));
    }

    @Test
    void anEndFrameForAModelThatTakesNoneFailsBeforeAnyTaskIsCreated() {
        ProviderFailure failure = failure(() -> generate(job(
                publicImage("https://assets.minav3.me/p/start.png"),
                publicImage("https://assets.minav3.me/p/end.png"),
                5,
                Map.of(),
                obj("model_name", "kling-v2-1-master"),
                seeded("kling", "kling-v2-1-master"))));

        assertThat(failure.getMessage()).contains("kling-v2-1-master takes no end frame");
        assertThat(server.findAll(postRequestedFor(urlEqualTo(CREATE)))).isEmpty();
    }

    @Test
    void aLocalStartImageIsSentAsBareBase64() {
        server.stubFor(post(CREATE).willReturn(okJson(task("succeed", null))));

        generate(job(localImage("http://192.168.1.20/assets/still.png"), null, 5, Map.of("mode", "pro"), FAST));

        var body =
                tree(server.findAll(postRequestedFor(urlEqualTo(CREATE))).get(0).getBodyAsString());
        assertThat(body.path("image").asText()).isEqualTo(Base64.getEncoder().encodeToString(PNG));
        assertThat(body.has("image_tail")).isFalse();
        assertThat(body.path("mode").asText()).isEqualTo("pro");
        assertThat(body.path("duration").asText()).isEqualTo("5");
    }

    @Test
    void aFailedTaskAnsweredWithHttp200IsATaskFailure() {
        server.stubFor(post(CREATE).willReturn(okJson(task("submitted", null))));
        stubPolls(task("failed", "Failure to pass the risk control system"));

        ProviderFailure failure = failure(() -> generate(startOnly()));

        assertThat(failure.kind()).isEqualTo(Kind.TASK_FAILED);
        assertThat(failure.getMessage()).contains("Failure to pass the risk control system");
    }

    @Test
    void anExpiredTokenCodeIsNotRetriedAndPointsAtTheClock() {
        server.stubFor(post(CREATE)
                .willReturn(json(
                        401,
                        obj(
                                "code",
                                1004,
                                "message",
                                "Auth failed, token expired",
                                "request_id",
                                "4d6a8cb1-0c3f-4ec5-bd5c-2f0a4bd41e8a"))));

        ProviderFailure failure = failure(() -> generate(startOnly()));

        assertThat(failure.kind()).isEqualTo(Kind.AUTH);
        assertThat(failure.getMessage()).contains("1004").contains("clock");
        assertThat(server.findAll(postRequestedFor(urlEqualTo(CREATE)))).hasSize(1);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void aConcurrencyLimitIsRetried() {
        server.stubFor(post(CREATE)
                .inScenario("busy")
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("free")
                .willReturn(json(
                        429,
                        obj("code", 1303, "message", "parallel task over resource pack limit", "request_id", "9f1c"))));
        server.stubFor(
                post(CREATE).inScenario("busy").whenScenarioStateIs("free").willReturn(okJson(task("succeed", null))));

        GeneratedMedia media = generate(startOnly());

        assertThat(media.trace().attempts()).extracting(a -> a.get("status")).containsExactly(429, 200);
    }

    @Test
    void aNonZeroCodeIsAFailureEvenWithHttp200() {
        server.stubFor(post(CREATE)
                .willReturn(okJson(obj("code", 1201, "message", "model_name is invalid", "request_id", "77aa"))));

        ProviderFailure failure = failure(() -> generate(startOnly()));

        assertThat(failure.kind()).isEqualTo(Kind.CLIENT_ERROR);
        assertThat(failure.getMessage()).contains("1201").contains("model_name is invalid");
    }

    @Test
    void aServerErrorWhilePollingIsRetried() {
        server.stubFor(post(CREATE).willReturn(okJson(task("submitted", null))));
        stubPolls(
                aResponse().withStatus(500).withBody("{\"code\":5000,\"message\":\"internal error\"}"),
                okJson(task("succeed", null)));

        GeneratedMedia media = generate(startOnly());

        assertThat(media.trace().attempts()).extracting(a -> a.get("status")).containsExactly(200, 500, 200);
    }

    @Test
    void pollingPastTheTotalLimitIsATimeout() {
        server.stubFor(post(CREATE).willReturn(okJson(task("submitted", null))));
        server.stubFor(get(POLL).willReturn(okJson(task("processing", null))));
        Map<String, Object> defaults = obj(
                "poll_interval_ms", 5_000, "timeouts", obj("request_ms", 2_000, "total_ms", 30_000, "max_attempts", 3));

        ProviderFailure failure = failure(
                () -> generate(job(publicImage("https://assets.minav3.me/p/start.png"), null, 5, Map.of(), defaults)));

        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(failure.getMessage()).contains("task " + TASK_ID + " still processing after the total limit");
        assertThat(server.findAll(getRequestedFor(urlEqualTo(POLL)))).hasSize(5);
    }

    @Test
    void klingV26WithSoundAndAnEndFrameIsSentInProWithSoundOnAndTheLengthAsAString() {
        server.stubFor(post(CREATE).willReturn(okJson(task("succeed", null))));
        refuseSoundInStdOnV26();

        GeneratedMedia media = generate(withSound(job(
                publicImage("https://assets.minav3.me/p/start.png"),
                publicImage("https://assets.minav3.me/p/end.png"),
                10,
                Map.of(),
                model("kling-v2-6"),
                seeded("kling", "kling-v2-6"))));

        var body =
                tree(server.findAll(postRequestedFor(urlEqualTo(CREATE))).get(0).getBodyAsString());
        assertThat(body.path("model_name").asText()).isEqualTo("kling-v2-6");
        assertThat(body.path("mode").asText()).isEqualTo("pro");
        assertThat(body.path("sound").asText()).isEqualTo("on");
        assertThat(body.path("duration").asText()).isEqualTo("10");
        assertThat(body.path("image_tail").asText()).isEqualTo("https://assets.minav3.me/p/end.png");
        assertThat(media.model()).isEqualTo("kling-v2-6");
    }

    @Test
    void klingV3MakesTwelveSecondsWithSoundInStdAndASilentModelIsSentNoSoundField() {
        server.stubFor(post(CREATE).willReturn(okJson(task("succeed", null))));
        refuseSoundInStdOnV26();

        generate(withSound(job(
                publicImage("https://assets.minav3.me/p/start.png"),
                null,
                12,
                Map.of(),
                model("kling-v3"),
                seeded("kling", "kling-v3"))));
        generate(job(
                publicImage("https://assets.minav3.me/p/start.png"),
                null,
                5,
                Map.of(),
                Defaults.of("kling", FAST),
                seeded("kling", "kling-v2-1")));

        var creates = server.findAll(postRequestedFor(urlEqualTo(CREATE)));
        var v3 = tree(creates.get(0).getBodyAsString());
        assertThat(v3.path("model_name").asText()).isEqualTo("kling-v3");
        assertThat(v3.path("duration").asText()).isEqualTo("12");
        assertThat(v3.path("mode").asText()).isEqualTo("std");
        assertThat(v3.path("sound").asText()).isEqualTo("on");
        assertThat(tree(creates.get(1).getBodyAsString()).has("sound"))
                .as("kling-v2-1 has no sound parameter")
                .isFalse();
    }

    @Test
    void soundForASilentModelFailsBeforeAnyTaskIsCreated() {
        ProviderFailure failure = failure(() -> generate(withSound(job(
                publicImage("https://assets.minav3.me/p/start.png"),
                null,
                5,
                Map.of(),
                FAST,
                seeded("kling", "kling-v2-5-turbo")))));

        assertThat(failure.kind()).isEqualTo(Kind.CLIENT_ERROR);
        assertThat(server.findAll(postRequestedFor(urlEqualTo(CREATE)))).isEmpty();
    }

    /** The seeded Kling defaults with another model switched on. */
    private static Map<String, Object> model(String modelName) {
        Map<String, Object> defaults = new java.util.LinkedHashMap<>(Defaults.of("kling", FAST));
        defaults.put("model_name", modelName);
        return defaults;
    }

    static VideoJob withSound(VideoJob job) {
        return new VideoJob(
                job.generationId(),
                job.prompt(),
                job.negativePrompt(),
                job.startImage(),
                job.endImage(),
                job.durationSeconds(),
                job.aspectRatio(),
                job.settings(),
                job.defaults(),
                job.capability(),
                job.providerJob(),
                true);
    }

    /** Kling's documented rule for kling-v2-6: sound only in pro; a create with sound on in std is refused. */
    private static void refuseSoundInStdOnV26() {
        server.stubFor(post(CREATE)
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.sound", equalTo("on")))
                .withRequestBody(matchingJsonPath("$.model_name", equalTo("kling-v2-6")))
                .withRequestBody(matchingJsonPath("$.mode", equalTo("std")))
                .willReturn(json(
                        400,
                        obj(
                                "code",
                                1201,
                                "message",
                                "Invalid request parameters: sound is not supported for kling-v2-6 in std mode",
                                "request_id",
                                "5b20"))));
    }

    private GeneratedMedia generate(VideoJob job) {
        GeneratedMedia media = providers.videoGenerators().get("kling").generate(job);
        kept(media.trace());
        return media;
    }

    private static VideoJob startOnly() {
        return job(publicImage("https://assets.minav3.me/p/start.png"), null, 5, Map.of(), FAST);
    }

    static VideoJob job(
            ImageRef start, ImageRef end, int seconds, Map<String, Object> settings, Map<String, Object> defaults) {
        return job(start, end, seconds, settings, defaults, null);
    }

    static VideoJob job(
            ImageRef start,
            ImageRef end,
            int seconds,
            Map<String, Object> settings,
            Map<String, Object> defaults,
            ModelCapability capability) {
        return new VideoJob(
                new GenerationId("v1"),
                "The bottle turns slowly; soft push-in",
                null,
                start,
                end,
                seconds,
                AspectRatio.PORTRAIT_9_16,
                settings,
                defaults,
                capability);
    }

    /**
     * Kling's capability map: kling-v2-1 takes start and end frames only in pro; a create with {@code image_tail}
     * in std is refused with a parameter error (HTTP 400, code 1201).
     */
    private static void refuseAnEndFrameInStdOnV21() {
        server.stubFor(post(CREATE)
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.image_tail"))
                .withRequestBody(matchingJsonPath("$.model_name", equalTo("kling-v2-1")))
                .withRequestBody(matchingJsonPath("$.mode", equalTo("std")))
                .willReturn(json(
                        400,
                        obj(
                                "code",
                                1201,
                                "message",
                                "Invalid request parameters: image_tail is not supported for kling-v2-1 in std mode",
                                "request_id",
                                "5b1f"))));
    }

    private static void stubPolls(Object... replies) {
        for (int i = 0; i < replies.length; i++) {
            var stub = get(POLL).inScenario("poll").whenScenarioStateIs(i == 0 ? STARTED : "poll-" + i);
            if (i + 1 < replies.length) {
                stub = stub.willSetStateTo("poll-" + (i + 1));
            }
            ResponseDefinitionBuilder reply =
                    replies[i] instanceof ResponseDefinitionBuilder builder ? builder : okJson(replies[i]);
            server.stubFor(stub.willReturn(reply));
        }
    }

    /** A Kling image2video task reply as documented. */
    private static Map<String, Object> task(String status, String message) {
        return DocumentedReplies.klingTask(TASK_ID, status, message, VIDEO);
    }
}
