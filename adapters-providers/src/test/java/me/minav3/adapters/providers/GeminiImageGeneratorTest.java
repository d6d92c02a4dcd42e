package me.minav3.adapters.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static me.minav3.adapters.providers.Wire.json;
import static me.minav3.adapters.providers.Wire.tree;
import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.error.ProviderFailure.Kind;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.ImageJob;
import me.minav3.mma.providers.MediaPayload;
import org.junit.jupiter.api.Test;

/**
 * The Gemini API's {@code models.generateContent} for image models (issue 22), as documented: text and
 * {@code inlineData} parts in, {@code generationConfig.imageConfig}, the image as an {@code inlineData} part out;
 * a blocked prompt, a safety stop and a text-only answer are failed tasks (the pipeline refunds).
 */
class GeminiImageGeneratorTest extends ProviderContractTest {

    private static final String FLASH = "/v1beta/models/gemini-2.5-flash-image:generateContent";
    private static final String PRO = "/v1beta/models/gemini-3-pro-image-preview:generateContent";
    private static final String IMAGE = Base64.getEncoder().encodeToString(PNG);

    @Test
    void sendsTheTextAndInlineImagePartsWithTheKeyHeaderAndTakesTheInlineImage() {
        server.stubFor(post(FLASH)
                .willReturn(json(
                        200,
                        reply(List.of(
                                obj("text", "Here is the bottle on travertine."),
                                obj("inlineData", obj("mimeType", "image/png", "data", IMAGE)))))));

        GeneratedMedia media = generate(SeedreamImageGeneratorTest.job(
                AspectRatio.PORTRAIT_4_5, Map.of(), FAST, List.of(localImage("http://minio:9000/a/product.png"))));

        var sent = server.findAll(postRequestedFor(urlEqualTo(FLASH)));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getHeader("x-goog-api-key")).isEqualTo(GEMINI_KEY);
        assertThat(sent.get(0).getHeader("Authorization")).isNull();
        JsonNode body = tree(sent.get(0).getBodyAsString());
        JsonNode parts = body.path("contents").path(0).path("parts");
        assertThat(body.path("contents").path(0).path("role").asText()).isEqualTo("user");
        assertThat(parts.path(0).path("text").asText()).isEqualTo("Amber bottle on travertine, morning light");
        assertThat(parts.path(1).path("inlineData").path("mimeType").asText()).isEqualTo("image/png");
        assertThat(parts.path(1).path("inlineData").path("data").asText()).isEqualTo(IMAGE);
        JsonNode config = body.path("generationConfig");
        assertThat(config.path("responseModalities").path(0).asText()).isEqualTo("IMAGE");
        assertThat(config.path("imageConfig").path("aspectRatio").asText()).isEqualTo("4:5");
        assertThat(config.path("imageConfig").has("imageSize"))
                .as("Gemini 2.5 Flash Image takes no imageSize")
                .isFalse();
        assertThat(media.media()).isInstanceOf(MediaPayload.Bytes.class);
        assertThat(((MediaPayload.Bytes) media.media()).data()).isEqualTo(PNG);
        assertThat(media.provider()).isEqualTo("gemini");
        assertThat(media.model()).isEqualTo("gemini-2.5-flash-image");
    }

    @Test
    void theProImageModelIsAskedForTheChosenImageSizeAndItsThoughtImagesAreSkipped() {
        byte[] thought = {1, 2, 3};
        server.stubFor(post(PRO)
                .willReturn(json(
                        200,
                        reply(List.of(
                                obj(
                                        "inlineData",
                                        obj(
                                                "mimeType",
                                                "image/png",
                                                "data",
                                                Base64.getEncoder().encodeToString(thought)),
                                        "thought",
                                        true),
                                obj("inlineData", obj("mimeType", "image/png", "data", IMAGE)))))));

        GeneratedMedia media = generate(SeedreamImageGeneratorTest.job(
                AspectRatio.LANDSCAPE_16_9,
                Map.of("quality", "4K"),
                obj("model", "gemini-3-pro-image-preview", "timeouts", FAST.get("timeouts")),
                List.of()));

        JsonNode imageConfig = tree(server.findAll(postRequestedFor(urlEqualTo(PRO)))
                        .get(0)
                        .getBodyAsString())
                .path("generationConfig")
                .path("imageConfig");
        assertThat(imageConfig.path("aspectRatio").asText()).isEqualTo("16:9");
        assertThat(imageConfig.path("imageSize").asText()).isEqualTo("4K");
        assertThat(((MediaPayload.Bytes) media.media()).data()).isEqualTo(PNG);
    }

    @Test
    void aPromptBlockedBySafetyIsAFailedTaskNamingTheReasonAndIsNotSentAgain() {
        server.stubFor(post(FLASH)
                .willReturn(json(
                        200,
                        obj(
                                "promptFeedback",
                                obj(
                                        "blockReason",
                                        "SAFETY",
                                        "safetyRatings",
                                        List.of(obj(
                                                "category", "HARM_CATEGORY_DANGEROUS_CONTENT", "probability", "HIGH"))),
                                "usageMetadata",
                                obj("promptTokenCount", 12, "totalTokenCount", 12),
                                "modelVersion",
                                "gemini-2.5-flash-image"))));

        ProviderFailure failure = failure(() -> generate(square()));

        assertThat(failure.kind()).isEqualTo(Kind.TASK_FAILED);
        assertThat(failure.getMessage()).contains("prompt was blocked").contains("SAFETY");
        assertThat(server.findAll(postRequestedFor(urlEqualTo(FLASH)))).hasSize(1);
    }

    @Test
    void aCandidateStoppedByTheImageSafetyFilterIsAFailedTask() {
        server.stubFor(post(FLASH)
                .willReturn(json(
                        200,
                        obj(
                                "candidates",
                                List.of(obj("finishReason", "IMAGE_SAFETY", "index", 0)),
                                "modelVersion",
                                "gemini-2.5-flash-image"))));

        ProviderFailure failure = failure(() -> generate(square()));

        assertThat(failure.kind()).isEqualTo(Kind.TASK_FAILED);
        assertThat(failure.getMessage()).contains("IMAGE_SAFETY");
    }

    @Test
    void anAnswerWithTextButNoImagePartIsAFailedTaskQuotingTheText() {
        server.stubFor(post(FLASH)
                .willReturn(json(200, reply(List.of(obj("text", "I can't make images of that person."))))));

        ProviderFailure failure = failure(() -> generate(square()));

        assertThat(failure.kind()).isEqualTo(Kind.TASK_FAILED);
        assertThat(failure.getMessage()).contains("text but no image").contains("I can't make images of that person.");
    }

    @Test
    void aRefusedRequestIsAClientErrorWithTheApisMessage() {
        server.stubFor(post(FLASH)
                .willReturn(json(
                        400,
                        obj(
                                "error",
                                obj(
                                        "code", 400,
                                        "message", "Unsupported aspect ratio",
                                        "status", "INVALID_ARGUMENT")))));

        ProviderFailure failure = failure(() -> generate(square()));

        assertThat(failure.kind()).isEqualTo(Kind.CLIENT_ERROR);
        assertThat(failure.getMessage()).contains("INVALID_ARGUMENT").contains("Unsupported aspect ratio");
        assertThat(server.findAll(postRequestedFor(urlEqualTo(FLASH)))).hasSize(1);
    }

    @Test
    void aServerErrorAfterThePaidCallIsNotSentAgain() {
        server.stubFor(post(FLASH)
                .willReturn(json(500, obj("error", obj("code", 500, "message", "Internal", "status", "INTERNAL")))));

        ProviderFailure failure = failure(() -> generate(square()));

        assertThat(failure.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(server.findAll(postRequestedFor(urlEqualTo(FLASH)))).hasSize(1);
    }

    private GeneratedMedia generate(ImageJob job) {
        GeneratedMedia media = providers.imageGenerators().get("gemini").generate(job);
        kept(media.trace());
        return media;
    }

    private static ImageJob square() {
        return SeedreamImageGeneratorTest.job(AspectRatio.SQUARE, Map.of(), FAST, List.of());
    }

    /** A documented {@code GenerateContentResponse} with one candidate holding these parts. */
    private static Map<String, Object> reply(List<Object> parts) {
        return obj(
                "candidates",
                List.of(obj("content", obj("parts", parts, "role", "model"), "finishReason", "STOP", "index", 0)),
                "usageMetadata",
                obj("promptTokenCount", 24, "candidatesTokenCount", 1290, "totalTokenCount", 1314),
                "modelVersion",
                "gemini-2.5-flash-image");
    }
}
