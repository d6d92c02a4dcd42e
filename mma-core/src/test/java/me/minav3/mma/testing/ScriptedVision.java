package me.minav3.mma.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.ProviderTrace;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.providers.GptReply;
import me.minav3.mma.providers.GptRequest;
import me.minav3.mma.providers.GptTask;
import me.minav3.mma.providers.TokenUsage;
import me.minav3.mma.providers.VisionLanguageModel;

/**
 * A predictable GPT for pipeline tests: scans name the role, the reader joins brief, style, captions and the
 * positive taste tags, feedback appends the feedback. Records every request; can be told to fail a task.
 */
public final class ScriptedVision implements VisionLanguageModel {

    private final String name;
    private final List<GptRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<GptTask, AtomicInteger> failuresLeft = Collections.synchronizedMap(new EnumMap<>(GptTask.class));
    private volatile String extraReaderClause;
    private volatile TokenUsage usage;

    public ScriptedVision(String name) {
        this.name = name;
    }

    public ScriptedVision() {
        this("local");
    }

    /** The next {@code times} calls of {@code task} fail like a provider that timed out. */
    public ScriptedVision failNext(GptTask task, int times) {
        failuresLeft.put(task, new AtomicInteger(times));
        return this;
    }

    /** Makes the reader add a clause (to prove hard blocks are enforced whatever a model writes). */
    public ScriptedVision readerAlsoWrites(String clause) {
        this.extraReaderClause = clause;
        return this;
    }

    /** Every reply reports these token counts as its {@code usage} (default: none reported). */
    public ScriptedVision reportsUsage(long inputTokens, long outputTokens) {
        this.usage = new TokenUsage(inputTokens, outputTokens);
        return this;
    }

    public List<GptRequest> requests() {
        return List.copyOf(requests);
    }

    public long calls(GptTask task) {
        return requests().stream().filter(r -> r.task() == task).count();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public GptReply ask(GptRequest request) {
        requests.add(request);
        AtomicInteger left = failuresLeft.get(request.task());
        if (left != null && left.getAndDecrement() > 0) {
            throw new ProviderFailure(
                    name,
                    ProviderFailure.Kind.TIMEOUT,
                    "scripted timeout",
                    new ProviderTrace(
                            Json.obj("task", request.task().name()),
                            Json.obj(),
                            List.of(Json.obj("n", 1, "status", null, "error", "timeout"))));
        }
        Map<String, String> fields = switch (request.task()) {
            case SCAN ->
                Map.of(
                        "crt",
                        "caption of the " + request.input().get("role") + " image",
                        "userMessage",
                        "Noted your " + request.input().get("role") + ".");
            case READ_STILL -> Map.of("clean_prompt", readerPrompt(request.input()), "userMessage", "Making it now.");
            case READ_STILL_NICHE ->
                Map.of(
                        "clean_prompt",
                        "A photograph of " + readerPrompt(request.input()),
                        "userMessage",
                        "Making it on the niche engine.");
            case FEEDBACK_STILL ->
                Map.of(
                        "clean_prompt",
                        request.input().get("previous_prompt") + ", adjusted: "
                                + request.input().get("feedback"));
            case MOTION_SUGGESTION -> Map.of("sugg_prompt", "slow push-in on the product", "userMessage", "Try this.");
            case READ_MOTION ->
                Map.of(
                        "motion_prompt",
                        "camera slowly pushes in; " + request.input().getOrDefault("user_text", ""),
                        "userMessage",
                        "Animating.");
            case FEEDBACK_MOTION ->
                Map.of(
                        "motion_prompt",
                        request.input().get("previous_prompt") + ", adjusted: "
                                + request.input().get("feedback"));
        };
        return new GptReply(
                fields,
                name,
                "scripted-1",
                new ProviderTrace(
                        Json.obj("task", request.task().name()),
                        Json.obj("fields", fields),
                        List.of(Json.obj("n", 1, "status", 200, "error", null))),
                usage);
    }

    private String readerPrompt(Map<String, Object> input) {
        List<String> parts = new ArrayList<>();
        parts.add(String.valueOf(input.get("brief")));
        parts.add("style " + input.get("style"));
        Object captions = input.get("captions");
        if (captions instanceof Map<?, ?> map && map.get("product") != null) {
            parts.add("featuring " + map.get("product"));
        }
        String csv = String.valueOf(input.getOrDefault("style_history_csv", ""));
        for (String pair : csv.split(",")) {
            if (pair.contains(":+")) {
                parts.add(pair.substring(0, pair.indexOf(':')));
            }
        }
        if (extraReaderClause != null) {
            parts.add(extraReaderClause);
        }
        return String.join(", ", parts) + ".";
    }
}
