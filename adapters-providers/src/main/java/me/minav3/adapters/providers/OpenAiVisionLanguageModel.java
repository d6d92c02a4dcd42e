package me.minav3.adapters.providers;

import static me.minav3.mma.common.Json.obj;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import me.minav3.adapters.providers.http.Fault;
import me.minav3.adapters.providers.http.HttpCall;
import me.minav3.adapters.providers.http.HttpReply;
import me.minav3.adapters.providers.http.ProviderCall;
import me.minav3.adapters.providers.http.ProviderHttp;
import me.minav3.adapters.providers.http.Repeat;
import me.minav3.mma.common.Json;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.error.ProviderFailure.Kind;
import me.minav3.mma.providers.GptReply;
import me.minav3.mma.providers.GptRequest;
import me.minav3.mma.providers.GptTask;
import me.minav3.mma.providers.ImageRef;
import me.minav3.mma.providers.TokenUsage;
import me.minav3.mma.providers.VisionLanguageModel;
import org.jspecify.annotations.Nullable;

/**
 * GPT through any OpenAI-compatible Chat Completions endpoint: the context's system prompt, the step input as JSON
 * text, the images as {@code image_url} parts, and a strict JSON schema holding exactly the task's reply fields.
 */
final class OpenAiVisionLanguageModel implements VisionLanguageModel {

    static final String NAME = "openai";

    private final URI endpoint;
    private final String apiKey;
    private final ProviderHttp http;

    OpenAiVisionLanguageModel(String baseUrl, String apiKey, ProviderHttp http) {
        this.endpoint = URI.create(baseUrl + "/chat/completions");
        this.apiKey = apiKey;
        this.http = http;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GptReply ask(GptRequest request) {
        Map<String, Object> options = Defaults.of(NAME, request.context().options());
        String model =
                request.context().model() == null || request.context().model().isBlank()
                        ? Json.string(options, "model", "gpt-4.1-mini")
                        : request.context().model();
        ProviderCall call = http.start(NAME, Defaults.timeouts(options));
        Map<String, Object> body = body(request, model, options, call);
        HttpReply reply = http.send(
                call,
                HttpCall.post(
                        "chat.completions",
                        endpoint,
                        Map.of("Authorization", "Bearer " + apiKey),
                        body,
                        Repeat.REBILLED),
                OpenAiVisionLanguageModel::judge);
        Map<String, String> fields = fields(request.task(), reply.body(), call);
        return new GptReply(fields, NAME, Json.string(reply.body(), "model", model), call.trace(), usage(reply.body()));
    }

    /** The reply's {@code usage.prompt_tokens} and {@code usage.completion_tokens}; null when it has none. */
    static @Nullable TokenUsage usage(Map<String, Object> body) {
        Map<String, Object> usage = Json.object(body, "usage");
        if (!(usage.get("prompt_tokens") instanceof Number input)
                || !(usage.get("completion_tokens") instanceof Number output)
                || input.longValue() < 0
                || output.longValue() < 0) {
            return null;
        }
        return new TokenUsage(input.longValue(), output.longValue());
    }

    private Map<String, Object> body(GptRequest request, String model, Map<String, Object> options, ProviderCall call) {
        List<Object> userParts = new ArrayList<>();
        userParts.add(obj("type", "text", "text", http.writeText(request.input())));
        InlineImages inline = InlineImages.from(options);
        ModelFit fit = new ModelFit(request.capability());
        for (ImageRef image : request.images()) {
            Map<String, Object> imageUrl = obj("url", fit.image(image, "input", inline, false, call));
            if (options.get("image_detail") instanceof String detail) {
                imageUrl.put("detail", detail);
            }
            userParts.add(obj("type", "image_url", "image_url", imageUrl));
        }
        Map<String, Object> body = obj(
                "model", model,
                "messages",
                        List.of(
                                obj(
                                        "role",
                                        "system",
                                        "content",
                                        request.context().systemPrompt()),
                                obj("role", "user", "content", userParts)),
                "response_format", responseFormat(request.task()));
        if (options.get("temperature") instanceof Number temperature) {
            if (fit.takes("temperature")) {
                body.put("temperature", temperature);
            } else {
                // takes() is false only for a listed model
                fit.correct("temperature left out: "
                        + Objects.requireNonNull(request.capability()).describe() + " takes none");
            }
        }
        if (tokenLimit(request.context().options(), options) instanceof Number limit) {
            // max_completion_tokens is what every current OpenAI chat model takes (reasoning models refuse
            // max_tokens); a model listed as taking only max_tokens (an older compatible server) gets that.
            boolean legacy = !fit.takes("max_completion_tokens") && fit.takes("max_tokens");
            body.put(legacy ? "max_tokens" : "max_completion_tokens", limit);
        }
        fit.record(call);
        return body;
    }

    /**
     * The output token limit: {@code max_completion_tokens} where the context or the stored defaults row gives it,
     * else their {@code max_tokens} (the key version 1 of the defaults row was seeded with, still stored by running
     * installations), else the built-in default; a key given as null removes the limit.
     */
    private static @Nullable Object tokenLimit(Map<String, ?> given, Map<String, Object> merged) {
        if (given.containsKey("max_completion_tokens")) {
            return given.get("max_completion_tokens");
        }
        if (given.containsKey("max_tokens")) {
            return given.get("max_tokens");
        }
        return merged.get("max_completion_tokens");
    }

    /** Structured output: an object of exactly the task's fields, each a string. */
    static Map<String, Object> responseFormat(GptTask task) {
        Map<String, Object> properties = new LinkedHashMap<>();
        task.replyFields().forEach(field -> properties.put(field, obj("type", "string")));
        return obj(
                "type",
                "json_schema",
                "json_schema",
                obj(
                        "name",
                        "mma_" + task.name().toLowerCase(Locale.ROOT),
                        "strict",
                        true,
                        "schema",
                        obj(
                                "type",
                                "object",
                                "properties",
                                properties,
                                "required",
                                task.replyFields(),
                                "additionalProperties",
                                false)));
    }

    /** The reply's fields; anything else than a JSON object with every field a non-blank string is malformed. */
    private Map<String, String> fields(GptTask task, Map<String, Object> body, ProviderCall call) {
        List<Object> choices = Json.list(body, "choices");
        if (choices.isEmpty() || !(choices.get(0) instanceof Map<?, ?>)) {
            throw call.failure(Kind.MALFORMED_REPLY, "reply has no choices");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> choice = (Map<String, Object>) choices.get(0);
        Map<String, Object> message = Json.object(choice, "message");
        if (message.get("refusal") instanceof String refusal && !refusal.isBlank()) {
            throw call.failure(Kind.MALFORMED_REPLY, "the model refused: " + refusal);
        }
        String content = content(message.get("content"));
        Optional<Map<String, Object>> parsed = http.readObject(withoutFence(content));
        if (parsed.isEmpty()) {
            String finish = Json.string(choice, "finish_reason", "unknown");
            throw malformed(call, content, "reply content is not a JSON object (finish_reason " + finish + ")");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : task.replyFields()) {
            if (!(parsed.get().get(field) instanceof String value) || value.isBlank()) {
                throw malformed(
                        call,
                        content,
                        "reply does not match the " + task.name().toLowerCase(Locale.ROOT) + " schema: field '" + field
                                + "' is missing or not a non-blank string");
            }
            fields.put(field, value.strip());
        }
        return fields;
    }

    private static ProviderFailure malformed(ProviderCall call, String content, String message) {
        call.response("raw", content);
        return call.failure(Kind.MALFORMED_REPLY, message);
    }

    /** Message content is a string; some compatible servers send a list of text parts instead. */
    private static String content(@Nullable Object content) {
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof List<?> parts) {
            StringBuilder text = new StringBuilder();
            parts.forEach(part -> {
                if (part instanceof Map<?, ?> map && map.get("text") instanceof String piece) {
                    text.append(piece);
                }
            });
            return text.toString();
        }
        return "";
    }

    /** Models without structured output sometimes wrap the JSON in a Markdown code fence. */
    private static String withoutFence(String content) {
        String text = content.strip();
        if (text.startsWith("```") && text.endsWith("```") && text.length() > 6) {
            text = text.substring(3, text.length() - 3);
            return text.startsWith("json") ? text.substring(4) : text;
        }
        return text;
    }

    /** {@code insufficient_quota} comes as a 429 but will not pass by waiting: never retried. */
    static @Nullable Fault judge(int status, Map<String, Object> body) {
        Map<String, Object> error = Json.object(body, "error");
        if ("insufficient_quota".equals(error.get("code")) || "insufficient_quota".equals(error.get("type"))) {
            return Fault.stop(Kind.QUOTA, "HTTP " + status + ": " + Fault.detail(body));
        }
        return Fault.forStatus(status, Fault.detail(body));
    }
}
