package me.minav3.adapters.providers;

import static me.minav3.mma.common.Json.obj;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import me.minav3.adapters.providers.http.Fault;
import me.minav3.adapters.providers.http.HttpCall;
import me.minav3.adapters.providers.http.HttpReply;
import me.minav3.adapters.providers.http.ProviderCall;
import me.minav3.adapters.providers.http.ProviderHttp;
import me.minav3.adapters.providers.http.Repeat;
import me.minav3.mma.common.Json;
import me.minav3.mma.error.ProviderFailure.Kind;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.ImageGenerator;
import me.minav3.mma.providers.ImageJob;
import me.minav3.mma.providers.ImageRef;
import me.minav3.mma.providers.MediaPayload;
import org.jspecify.annotations.Nullable;

/**
 * Gemini image ("Nano Banana") stills through the Gemini API: one synchronous
 * {@code POST /v1beta/models/{model}:generateContent} with the key in {@code x-goog-api-key}; the prompt as a text
 * part and each reference image as an {@code inlineData} part; {@code generationConfig.imageConfig} carries the
 * {@code aspectRatio} and, for the Pro image models, the {@code imageSize} (1K, 2K or 4K). The image comes back as
 * an {@code inlineData} part of the first candidate. A blocked prompt ({@code promptFeedback.blockReason}) or a
 * candidate that ends without an image ({@code finishReason} SAFETY, IMAGE_SAFETY, NO_IMAGE…, or text only) is a
 * failed task: the generation fails and its matcha are refunded.
 */
final class GeminiImageGenerator implements ImageGenerator {

    static final String NAME = "gemini";
    /** Finish reasons that mean a filter stopped the image (Gemini API {@code Candidate.FinishReason}). */
    private static final Set<String> BLOCKED = Set.of(
            "SAFETY",
            "IMAGE_SAFETY",
            "PROHIBITED_CONTENT",
            "IMAGE_PROHIBITED_CONTENT",
            "BLOCKLIST",
            "SPII",
            "RECITATION",
            "IMAGE_RECITATION");

    private final String baseUrl;
    private final String apiKey;
    private final ProviderHttp http;

    GeminiImageGenerator(String baseUrl, String apiKey, ProviderHttp http) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.http = http;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String family() {
        return "gemini";
    }

    @Override
    public GeneratedMedia generate(ImageJob job) {
        Map<String, Object> defaults = Defaults.of(NAME, job.defaults());
        ProviderCall call = http.start(NAME, Defaults.timeouts(defaults));
        String model = Json.string(defaults, "model", "gemini-2.5-flash-image");
        URI endpoint = URI.create(baseUrl + "/v1beta/models/" + model + ":generateContent");
        // One synchronous call that makes and bills the image, with no dedupe key and no way to fetch a lost answer:
        // after a lost reply it is not sent again; the generation fails and the user is refunded (decision 013).
        HttpReply reply = http.create(
                        call,
                        HttpCall.post(
                                "models.generateContent",
                                endpoint,
                                Map.of("x-goog-api-key", apiKey),
                                body(job, model, defaults, call),
                                Repeat.DUPLICATES),
                        GeminiImageGenerator::judge)
                .acceptedOrThrow();
        return new GeneratedMedia(
                image(reply.body(), call), NAME, Json.string(reply.body(), "modelVersion", model), call.trace());
    }

    private static Map<String, Object> body(
            ImageJob job, String model, Map<String, Object> defaults, ProviderCall call) {
        List<Object> parts = new ArrayList<>();
        parts.add(obj("text", job.prompt()));
        for (ImageRef reference : job.references()) {
            byte[] bytes = InlineImages.bytes(reference, call);
            parts.add(obj(
                    "inlineData",
                    obj(
                            "mimeType",
                            InlineImages.contentType(bytes),
                            "data",
                            Base64.getEncoder().encodeToString(bytes))));
        }
        Map<String, Object> imageConfig = obj("aspectRatio", job.aspectRatio().wire());
        if (takesImageSize(model, defaults)) {
            imageConfig.put("imageSize", imageSize(Defaults.text(job.settings(), defaults, "quality", "2K")));
        }
        return obj(
                "contents",
                List.of(obj("role", "user", "parts", parts)),
                "generationConfig",
                obj("responseModalities", List.of("IMAGE"), "imageConfig", imageConfig));
    }

    /** The Pro image models choose 1K, 2K or 4K; Gemini 2.5 Flash Image makes one size and takes no imageSize. */
    static boolean takesImageSize(String model, Map<String, Object> defaults) {
        return model.contains("pro-image") || Json.bool(defaults, "image_size", false);
    }

    private static String imageSize(String quality) {
        return switch (quality) {
            case "1K", "2K", "4K" -> quality;
            default -> "2K";
        };
    }

    /** The first image part of the first candidate, or the reason there is none as a failed task. */
    static MediaPayload image(Map<String, Object> body, ProviderCall call) {
        Map<String, Object> feedback = Json.object(body, "promptFeedback");
        String blockReason = Json.stringOrNull(feedback, "blockReason");
        if (blockReason != null) {
            String why = Json.stringOrNull(feedback, "blockReasonMessage");
            throw call.failure(
                    Kind.TASK_FAILED,
                    "the prompt was blocked by Gemini's safety filters (" + blockReason + ")"
                            + (why == null ? "" : ": " + why));
        }
        List<Object> candidates = Json.list(body, "candidates");
        if (candidates.isEmpty() || !(candidates.get(0) instanceof Map<?, ?>)) {
            throw call.failure(Kind.MALFORMED_REPLY, "reply has no candidates");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> candidate = (Map<String, Object>) candidates.get(0);
        StringBuilder text = new StringBuilder();
        for (Object item : Json.list(Json.object(candidate, "content"), "parts")) {
            if (!(item instanceof Map<?, ?>)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> part = (Map<String, Object>) item;
            if (Json.bool(part, "thought", false)) {
                continue; // the Pro model's interim "thinking" images are not the answer
            }
            Map<String, Object> inline = Json.object(part, "inlineData");
            String data = Json.stringOrNull(inline.isEmpty() ? Json.object(part, "inline_data") : inline, "data");
            if (data != null && !data.isBlank()) {
                try {
                    return new MediaPayload.Bytes(Base64.getDecoder().decode(data));
                } catch (IllegalArgumentException e) {
                    throw call.failure(Kind.MALFORMED_REPLY, "inlineData.data is not base64");
                }
            }
            String said = Json.stringOrNull(part, "text");
            if (said != null) {
                text.append(said.strip()).append(' ');
            }
        }
        String finish = Json.string(candidate, "finishReason", "");
        if (BLOCKED.contains(finish)) {
            throw call.failure(Kind.TASK_FAILED, "the image was blocked by Gemini's safety filters (" + finish + ")");
        }
        String said = text.toString().strip();
        if (!said.isEmpty()) {
            throw call.failure(
                    Kind.TASK_FAILED,
                    "Gemini answered with text but no image" + (finish.isEmpty() ? "" : " (" + finish + ")") + ": "
                            + abbreviate(said));
        }
        throw call.failure(Kind.TASK_FAILED, "Gemini made no image" + (finish.isEmpty() ? "" : " (" + finish + ")"));
    }

    private static String abbreviate(String text) {
        return text.length() <= 160 ? text : text.substring(0, 160) + "…";
    }

    /**
     * The Gemini API answers errors as {@code {"error": {"code", "message", "status"}}}; a 429 with status
     * RESOURCE_EXHAUSTED may be a passing rate limit or a used-up quota, and is treated as the rate limit it
     * usually is.
     */
    static @Nullable Fault judge(int status, Map<String, Object> body) {
        Map<String, Object> error = Json.object(body, "error");
        String detail = Json.string(error, "status", "") + ": " + Json.string(error, "message", "");
        Fault byStatus = Fault.forStatus(status, error.isEmpty() ? Fault.detail(body) : detail);
        if (byStatus == null && !error.isEmpty()) {
            return Fault.stop(Kind.TASK_FAILED, "HTTP " + status + " with an error: " + detail);
        }
        return byStatus;
    }
}
