package me.minav3.adapters.providers;

import static me.minav3.mma.common.Json.obj;

import java.util.List;
import java.util.Map;

/**
 * Provider replies exactly as their documentation shows them, for the fakes of this module's contract tests and of
 * the apps' end-to-end tests (shared through the test-jar).
 */
public final class DocumentedReplies {

    private DocumentedReplies() {}

    /** An OpenAI Chat Completions reply with {@code content} as the assistant's message. */
    public static Map<String, Object> chatCompletion(String content) {
        return obj(
                "id",
                "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
                "object",
                "chat.completion",
                "created",
                1741569952,
                "model",
                "gpt-4.1-mini-2025-04-14",
                "choices",
                List.of(obj(
                        "index",
                        0,
                        "message",
                        obj("role", "assistant", "content", content, "refusal", null, "annotations", List.of()),
                        "logprobs",
                        null,
                        "finish_reason",
                        "stop")),
                "usage",
                obj("prompt_tokens", 19, "completion_tokens", 10, "total_tokens", 29));
    }

    /**
     * A Kling image2video task reply ({@code submitted}, {@code processing}, {@code succeed} with one video at
     * {@code videoUrl}, {@code failed}); {@code message} is its {@code task_status_msg}, or null.
     */
    public static Map<String, Object> klingTask(String taskId, String status, String message, String videoUrl) {
        Map<String, Object> data = obj(
                "task_id",
                taskId,
                "task_status",
                status,
                "task_info",
                obj("external_task_id", null),
                "created_at",
                1722769557708L,
                "updated_at",
                1722769557708L);
        if (message != null) {
            data.put("task_status_msg", message);
        }
        if (status.equals("succeed")) {
            data.put("task_result", obj("videos", List.of(obj("id", "a7b1c2", "url", videoUrl, "duration", "5"))));
        }
        return obj("code", 0, "message", "SUCCEED", "request_id", "CjikY2Zg3XcAAAAAAEmpsw", "data", data);
    }

    /** A Replicate prediction object (create and poll replies) for {@code prompt}, with its status, output and error. */
    public static Map<String, Object> replicatePrediction(
            String id, String prompt, String status, Object output, String error) {
        return obj(
                "id",
                id,
                "model",
                "bytedance/seedream-4",
                "version",
                "hidden",
                "input",
                obj("prompt", prompt),
                "logs",
                "",
                "output",
                output,
                "data_removed",
                false,
                "error",
                error,
                "status",
                status,
                "created_at",
                "2026-03-01T10:00:00.000Z",
                "urls",
                obj(
                        "cancel", "https://api.replicate.com/v1/predictions/" + id + "/cancel",
                        "get", "https://api.replicate.com/v1/predictions/" + id,
                        "stream",
                                "https://stream.replicate.com/v1/files/bcwr-3okdfv3o2wehstv5f2okyftwxy57hhypqsi6osiim5iaq5k7u24a",
                        "web", "https://replicate.com/p/" + id));
    }
}
