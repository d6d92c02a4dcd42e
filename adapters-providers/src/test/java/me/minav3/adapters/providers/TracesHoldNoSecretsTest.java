package me.minav3.adapters.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static me.minav3.adapters.providers.Wire.json;
import static me.minav3.adapters.providers.Wire.okJson;
import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.ProviderTrace;
import me.minav3.mma.providers.GptContext;
import me.minav3.mma.providers.GptRequest;
import me.minav3.mma.providers.GptTask;
import org.junit.jupiter.api.Test;

/**
 * Providers that echo what they were sent (keys, tokens, inline images) or answer with signed URLs: the traces
 * still hold none of it. Each test also goes through the base class's scan of every trace it kept.
 */
class TracesHoldNoSecretsTest extends ProviderContractTest {

    @Test
    void anOpenAiErrorEchoingTheKeyAndTheImageIsCleaned() {
        server.stubFor(
                post("/v1/chat/completions")
                        .willReturn(
                                aResponse()
                                        .withStatus(400)
                                        .withHeader("Content-Type", "application/json")
                                        .withTransformers("response-template")
                                        .withBody(
                                                "{\"error\":{\"message\":\"Bad request {{jsonPath request.body '$.messages[1].content[1].image_url.url'}}"
                                                        + " with header {{request.headers.Authorization}}\",\"type\":\"invalid_request_error\"}}")));

        var failure = failure(() -> providers
                .visionLanguageModels()
                .get("openai")
                .ask(new GptRequest(
                        GptTask.SCAN,
                        new GptContext(
                                "mma.ctx.gpt_scanner", 1, "app_config:mma.ctx.gpt_scanner:v1", "Describe.", null, FAST),
                        obj("role", "logo"),
                        List.of(localImage("http://localhost:8080/assets/logo.png")))));

        String trace = Wire.text(failure.trace()) + failure.getMessage();
        assertThat(trace)
                .contains("Bad request data:image/png;base64,<16 bytes>")
                .contains("Bearer <redacted>");
    }

    @Test
    void aSignedSeedreamUrlAndAnInlineReferenceNeverReachTheTrace() {
        String signed = "https://bucket.s3.ap-southeast-1.amazonaws.com/out.png?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAEXAMPLE%2F20260301&X-Amz-Signature=0a1b2c3d4e5f";
        server.stubFor(post("/api/v3/images/generations")
                .willReturn(okJson(obj(
                        "model", "seedream-4-0-250828", "data", List.of(obj("url", signed, "size", "2048x2048"))))));

        var media = providers
                .imageGenerators()
                .get("seedream")
                .generate(SeedreamImageGeneratorTest.job(
                        AspectRatio.SQUARE,
                        Map.of(),
                        obj("inline_images", "always", "timeouts", FAST.get("timeouts")),
                        List.of(localImage("https://assets.minav3.me/p/product.png"))));
        kept(media.trace());

        assertThat(Wire.text(media.trace()))
                .contains("out.png?<redacted>")
                .contains("<16 bytes>")
                .doesNotContain("AKIAEXAMPLE");
    }

    @Test
    void aReplicateErrorEchoingTheTokenIsCleaned() {
        server.stubFor(post("/v1/models/bytedance/seedream-4/predictions")
                .willReturn(aResponse()
                        .withStatus(422)
                        .withHeader("Content-Type", "application/json")
                        .withTransformers("response-template")
                        .withBody(
                                "{\"title\":\"Invalid input\",\"detail\":\"token {{request.headers.Authorization}} may not\","
                                        + "\"status\":422}")));

        var failure = failure(() -> providers
                .imageGenerators()
                .get("seedream_replicate")
                .generate(SeedreamImageGeneratorTest.job(AspectRatio.SQUARE, Map.of(), FAST, List.of())));

        assertThat(failure.getMessage()).doesNotContain(REPLICATE_TOKEN).contains("<redacted>");
    }

    @Test
    void aKlingErrorEchoingTheJwtIsCleaned() {
        server.stubFor(
                post("/v1/videos/image2video")
                        .willReturn(
                                aResponse()
                                        .withStatus(401)
                                        .withHeader("Content-Type", "application/json")
                                        .withTransformers("response-template")
                                        .withBody(
                                                "{\"code\":1002,\"message\":\"invalid token {{request.headers.Authorization}}\",\"request_id\":\"r1\"}")));

        var failure = failure(() -> providers
                .videoGenerators()
                .get("kling")
                .generate(KlingVideoGeneratorTest.job(
                        localImage("http://localhost/still.png"), null, 5, Map.of(), FAST)));

        String trace = Wire.text(failure.trace()) + failure.getMessage();
        assertThat(trace).doesNotContain("eyJ").contains("invalid token Bearer <jwt>");
        assertThat(failure.trace().request().toString()).contains("image=<base64 16 bytes>");
        assertThat(Wire.text(failure.trace().request()))
                .doesNotContain(Base64.getEncoder().encodeToString(PNG));
    }

    @Test
    void aShopifyErrorEchoingTheAccessTokenIsCleaned() {
        server.stubFor(post("/admin/api/2025-07/graphql.json")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withTransformers("response-template")
                        .withBody("{\"errors\":[{\"message\":\"token {{request.headers.X-Shopify-Access-Token}} lacks"
                                + " write_customers\",\"extensions\":{\"code\":\"ACCESS_DENIED\"}}]}")));

        var failure =
                failure(() -> providers.commerceGateways().get("shopify").addCustomerTags(42, List.of("Mina-users")));

        assertThat(failure.getMessage()).contains("token <redacted> lacks write_customers");
    }

    @Test
    void everyTraceOfAFullRunIsCleanToo() {
        List<ProviderTrace> run = new ArrayList<>();
        server.stubFor(post("/v1/chat/completions")
                .willReturn(okJson(OpenAiVisionLanguageModelTest.chatCompletion(
                        "{\"clean_prompt\":\"A bottle\",\"userMessage\":\"On it\"}"))));
        server.stubFor(post("/v1/videos/image2video")
                .willReturn(okJson(obj(
                        "code", 0, "message", "SUCCEED", "data", obj("task_id", "t1", "task_status", "submitted")))));
        server.stubFor(
                get("/v1/videos/image2video/t1")
                        .willReturn(
                                json(
                                        200,
                                        obj(
                                                "code",
                                                0,
                                                "data",
                                                obj(
                                                        "task_id",
                                                        "t1",
                                                        "task_status",
                                                        "succeed",
                                                        "task_result",
                                                        obj(
                                                                "videos",
                                                                List.of(
                                                                        obj(
                                                                                "url",
                                                                                "https://cdn.klingai.com/v.mp4?Expires=1772359200&Signature=abc&Key-Pair-Id=K2"))))))));

        run.add(providers
                .visionLanguageModels()
                .get("openai")
                .ask(new GptRequest(
                        GptTask.READ_STILL,
                        new GptContext(
                                "mma.ctx.gpt_reader", 1, "app_config:mma.ctx.gpt_reader:v1", "Write.", null, FAST),
                        obj("brief", "a bottle"),
                        List.of(localImage("http://127.0.0.1/p.png"))))
                .trace());
        run.add(providers
                .videoGenerators()
                .get("kling")
                .generate(KlingVideoGeneratorTest.job(
                        localImage("http://127.0.0.1/still.png"),
                        localImage("http://127.0.0.1/end.png"),
                        5,
                        Map.of(),
                        FAST))
                .trace());
        run.forEach(this::kept);

        assertThat(Wire.text(run)).contains("v.mp4?<redacted>").doesNotContain("Key-Pair-Id");
    }
}
