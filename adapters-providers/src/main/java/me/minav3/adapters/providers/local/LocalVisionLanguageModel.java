package me.minav3.adapters.providers.local;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import me.minav3.mma.common.Json;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.providers.GptReply;
import me.minav3.mma.providers.GptRequest;
import me.minav3.mma.providers.ImageRef;
import me.minav3.mma.providers.VisionLanguageModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offline, rule-based stand-in for GPT: scans real pixels and writes prompts by template. It never calls a
 * network and gives the same answer for the same request.
 */
final class LocalVisionLanguageModel implements VisionLanguageModel {

    private static final Logger LOG = LoggerFactory.getLogger(LocalVisionLanguageModel.class);
    /** Scanning needs colours and light, not detail: a 512 px long side is plenty and keeps scans fast. */
    static final int SCAN_SIDE = 512;

    private final Duration latency;

    LocalVisionLanguageModel(Duration latency) {
        this.latency = LocalCall.checkedLatency(latency);
    }

    @Override
    public String name() {
        return LocalCall.PROVIDER;
    }

    @Override
    public GptReply ask(GptRequest request) {
        LocalCall call = LocalCall.start(latency);
        Map<String, Object> traced = traceRequest(request);
        Map<String, String> written = switch (request.task()) {
            case SCAN -> scan(call, request, traced);
            case READ_STILL -> StillPromptWriter.write(request.input());
            case READ_STILL_NICHE -> StillPromptWriter.writeProse(request.input());
            case FEEDBACK_STILL -> StillFeedbackWriter.write(request.input());
            case MOTION_SUGGESTION ->
                MotionWriter.suggest(MotionWriter.cues(optionalScan(call, request, traced), request.input()));
            case READ_MOTION ->
                MotionWriter.read(
                        MotionWriter.cues(optionalScan(call, request, traced), request.input()),
                        Json.string(request.input(), "user_text", ""));
            case FEEDBACK_MOTION ->
                MotionWriter.feedback(
                        MotionWriter.cues(Optional.empty(), request.input()),
                        Json.string(request.input(), "previous_prompt", ""),
                        Json.string(request.input(), "feedback", ""));
        };
        Map<String, String> fields = ContextWordLimit.apply(request.context(), request.task(), written);
        LOG.debug(
                "local gpt answered task={} ctx_key={}",
                request.task(),
                request.context().key());
        return new GptReply(
                fields, LocalCall.PROVIDER, LocalCall.MODEL, call.trace(traced, new LinkedHashMap<>(fields)));
    }

    private Map<String, String> scan(LocalCall call, GptRequest request, Map<String, Object> traced) {
        if (request.images().isEmpty()) {
            throw call.failure(
                    ProviderFailure.Kind.CLIENT_ERROR, "a scan needs one image and none was sent", traced, null);
        }
        ImageScan scan = scanImage(call, request.images().get(0), traced);
        String role = Json.string(request.input(), "role", "image");
        return Map.of("crt", ScanWriter.caption(scan, role), "userMessage", ScanWriter.userMessage(scan, role));
    }

    /** The motion tasks use the image when one is sent, and the caption's words otherwise. */
    private Optional<ImageScan> optionalScan(LocalCall call, GptRequest request, Map<String, Object> traced) {
        return request.images().isEmpty()
                ? Optional.empty()
                : Optional.of(scanImage(call, request.images().get(0), traced));
    }

    private static ImageScan scanImage(LocalCall call, ImageRef ref, Map<String, Object> traced) {
        return ImageScan.of(call.decode(ref, SCAN_SIDE, traced));
    }

    /** What was asked, as a real provider's trace would show it: the input and image URLs, never image bytes. */
    private static Map<String, Object> traceRequest(GptRequest request) {
        return Json.obj(
                "task", request.task().name().toLowerCase(java.util.Locale.ROOT),
                "model", LocalCall.MODEL,
                "ctx_key", request.context().key(),
                "ctx_version", request.context().version(),
                "ctx_id", request.context().id(),
                "input", withoutInlineData(request.input()),
                "images",
                        request.images().stream()
                                .map(image -> inlineSafe(image.url()))
                                .toList());
    }

    /** A copy of a JSON value with inline data URLs (image bytes in base64) replaced by a short note. */
    private static Object withoutInlineData(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), withoutInlineData(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream()
                    .map(LocalVisionLanguageModel::withoutInlineData)
                    .toList();
        }
        return value instanceof String text ? inlineSafe(text) : value;
    }

    private static String inlineSafe(String text) {
        return text.startsWith("data:") ? "data:… (inline data omitted)" : text;
    }
}
