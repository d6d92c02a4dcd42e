package me.minav3.adapters.providers;

import static me.minav3.mma.common.Json.obj;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import me.minav3.adapters.providers.http.Fault;
import me.minav3.adapters.providers.http.HttpCall;
import me.minav3.adapters.providers.http.ProviderCall;
import me.minav3.adapters.providers.http.ProviderHttp;
import me.minav3.mma.common.Json;
import me.minav3.mma.error.ProviderFailure.Kind;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.VideoGenerator;
import me.minav3.mma.providers.VideoJob;

/**
 * Kling videos through Kling's official API: {@code POST /v1/videos/image2video} creates a task, then
 * {@code GET /v1/videos/image2video/{task_id}} until its {@code task_status} is {@code succeed} (the video at
 * {@code data.task_result.videos[0].url}) or {@code failed}. Every reply carries a {@code code}; non-zero is an error.
 */
final class KlingVideoGenerator implements VideoGenerator {

    static final String NAME = "kling";
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final String endpoint;
    private final KlingToken token;
    private final ProviderHttp http;

    KlingVideoGenerator(String baseUrl, KlingToken token, ProviderHttp http) {
        this.endpoint = baseUrl + "/v1/videos/image2video";
        this.token = token;
        this.http = http;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String family() {
        return "kling";
    }

    @Override
    public GeneratedMedia generate(VideoJob job) {
        Map<String, Object> defaults = Defaults.of(NAME, job.defaults());
        ProviderCall call = http.start(NAME, Defaults.timeouts(defaults));
        String model = Json.string(defaults, "model_name", "kling-v2-1");
        Map<String, Object> task = http.send(call, HttpCall.post("image2video.create", URI.create(endpoint), auth(),
                body(job, model, defaults, call)), KlingVideoGenerator::judge).body();
        call.response("submitted", task);
        String taskId = Json.string(Json.object(task, "data"), "task_id", "");
        if (!TASK_ID.matcher(taskId).matches()) {
            throw call.failure(Kind.MALFORMED_REPLY, "reply has no valid data.task_id");
        }
        Duration interval = Duration.ofMillis(Json.number(defaults, "poll_interval_ms", 5_000));
        for (int polls = 0; ; polls++) {
            call.response("polls", polls);
            Map<String, Object> data = Json.object(task, "data");
            String status = Json.string(data, "task_status", "");
            switch (status) {
                case "succeed" -> {
                    return new GeneratedMedia(MediaUrls.remote(videoUrl(data), "data.task_result.videos[0].url", call),
                            NAME, model, call.trace());
                }
                case "failed" -> throw call.failure(Kind.TASK_FAILED, "task failed: "
                        + Json.string(data, "task_status_msg", "no reason given"));
                case "submitted", "processing" -> {
                    // still running: poll below
                }
                default -> throw call.failure(Kind.MALFORMED_REPLY, "task has an unknown status '" + status + "'");
            }
            http.pause(call, interval, "task " + taskId + " still " + status);
            task = http.send(call, HttpCall.get("image2video.get", URI.create(endpoint + "/" + taskId), auth()),
                    KlingVideoGenerator::judge).body();
        }
    }

    /** The create body, fitted to the model: an end frame moves {@code std} to a mode that takes one. */
    private static Map<String, Object> body(VideoJob job, String model, Map<String, Object> defaults, ProviderCall call) {
        InlineImages inline = InlineImages.from(defaults);
        ModelFit fit = new ModelFit(job.capability());
        fit.duration(job.durationSeconds(), call);
        String asked = Defaults.text(job.settings(), defaults, "mode", "std");
        String mode = fit.mode(asked.equals("standard") ? "std" : asked, job.endImage() != null, call);
        Map<String, Object> body = obj("model_name", model,
                "image", fit.image(job.startImage(), "start", inline, true, call));
        if (job.endImage() != null) {
            body.put("image_tail", fit.image(job.endImage(), "end", inline, true, call));
        }
        body.put("prompt", job.prompt());
        String negative = Defaults.negativePrompt(job, defaults);
        if (!negative.isBlank()) {
            body.put("negative_prompt", negative);
        }
        body.put("mode", mode);
        body.put("duration", String.valueOf(job.durationSeconds()));
        fit.record(call);
        return body;
    }

    private static String videoUrl(Map<String, Object> data) {
        List<Object> videos = Json.list(Json.object(data, "task_result"), "videos");
        return videos.isEmpty() || !(videos.get(0) instanceof Map<?, ?> first) ? null
                : first.get("url") instanceof String url ? url : null;
    }

    private Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + token.next());
    }

    /**
     * Kling's {@code code}: 1000–1004 authentication (1003/1004: the token is not yet or no longer valid, which
     * means a wrong clock), 1100–1102 account and balance, 1103/1304 permissions — none helped by retrying;
     * 1302/1303 rate and concurrency limits and 5000–5002 server faults are retried; other codes are refusals.
     */
    static Fault judge(int status, Map<String, Object> body) {
        long code = Json.number(body, "code", 0);
        if (code == 0) {
            return Fault.forStatus(status, Fault.detail(body));
        }
        String message = "code " + code + ": " + Json.string(body, "message", "") + " (HTTP " + status + ")";
        if (code >= 1000 && code <= 1004) {
            String clock = code >= 1003 ? " — check the system clock" : "";
            return Fault.stop(Kind.AUTH, message + clock);
        }
        if (code >= 1100 && code <= 1102) {
            return Fault.stop(Kind.QUOTA, message);
        }
        if (code == 1103 || code == 1304) {
            return Fault.stop(Kind.AUTH, message);
        }
        if (code == 1302 || code == 1303) {
            return Fault.retry(Kind.RATE_LIMITED, message);
        }
        if (code >= 5000 && code < 6000) {
            return Fault.retry(Kind.SERVER_ERROR, message);
        }
        return Fault.stop(Kind.CLIENT_ERROR, message);
    }
}
