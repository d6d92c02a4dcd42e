package me.minav3.adapters.providers;

import static me.minav3.mma.common.Json.obj;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import me.minav3.adapters.providers.http.Fault;
import me.minav3.adapters.providers.http.HttpCall;
import me.minav3.adapters.providers.http.HttpReply;
import me.minav3.adapters.providers.http.ProviderCall;
import me.minav3.adapters.providers.http.ProviderHttp;
import me.minav3.adapters.providers.http.Repeat;
import me.minav3.mma.common.Json;
import me.minav3.mma.error.ProviderFailure.Kind;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.ProviderJob;
import me.minav3.mma.providers.VideoGenerator;
import me.minav3.mma.providers.VideoJob;
import me.minav3.mma.providers.models.ModelCapability;
import org.jspecify.annotations.Nullable;

/**
 * Kling videos through Kling's official API: {@code POST /v1/videos/image2video} creates a task, then
 * {@code GET /v1/videos/image2video/{task_id}} until its {@code task_status} is {@code succeed} (the video at
 * {@code data.task_result.videos[0].url}) or {@code failed}. Every reply carries a {@code code}; non-zero is an error.
 * Each task is created under an {@code external_task_id} derived from the generation and stage, and its id is
 * recorded before polling: after a lost reply the task is looked up by that id, and a stage run again after a crash
 * polls the recorded task, so one video is paid for once.
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
        Duration interval = Duration.ofMillis(Json.number(defaults, "poll_interval_ms", 5_000));
        ProviderJob paid = job.providerJob();
        Map<String, Object> task;
        String taskId;
        if (paid.startedId().isPresent()) {
            call.response("resumed_task_id", paid.startedId().get());
            task = get(call, "image2video.get", paid.startedId().get());
            taskId = taskId(task, call);
        } else {
            task = paid.mayHaveCreated() ? lookUp(call, paid.key()).orElse(null) : null;
            if (task != null) {
                call.response("found_by_external_task_id", paid.key());
            } else {
                task = create(call, body(job, model, defaults, call, paid.key()), paid.key(), interval);
            }
            call.response("submitted", task);
            taskId = taskId(task, call);
            paid.started(taskId);
        }
        for (int polls = 0; ; polls++) {
            call.response("polls", polls);
            Map<String, Object> data = Json.object(task, "data");
            String status = Json.string(data, "task_status", "");
            switch (status) {
                case "succeed" -> {
                    return new GeneratedMedia(
                            MediaUrls.remote(videoUrl(data), "data.task_result.videos[0].url", call),
                            NAME,
                            model,
                            call.trace());
                }
                case "failed" ->
                    throw call.failure(
                            Kind.TASK_FAILED,
                            "task failed: " + Json.string(data, "task_status_msg", "no reason given"));
                case "submitted", "processing" -> {
                    // still running: poll below
                }
                default -> throw call.failure(Kind.MALFORMED_REPLY, "task has an unknown status '" + status + "'");
            }
            http.pause(call, interval, "task " + taskId + " still " + status);
            task = get(call, "image2video.get", taskId);
        }
    }

    /**
     * Creates the task under our {@code external_task_id}. When the create's outcome is unknown (a timeout, a dropped
     * connection, a 5xx after the request left), the task is looked up by that id before anything is sent again:
     * a task that exists is used, never paid for twice.
     */
    private Map<String, Object> create(
            ProviderCall call, Map<String, Object> body, String externalId, Duration interval) {
        for (int tries = 1; ; tries++) {
            switch (http.create(
                    call,
                    HttpCall.post("image2video.create", URI.create(endpoint), auth(), body, Repeat.DUPLICATES),
                    KlingVideoGenerator::judge)) {
                case ProviderHttp.Created.Accepted accepted -> {
                    return accepted.reply().body();
                }
                case ProviderHttp.Created.Unknown unknown -> {
                    Optional<Map<String, Object>> found = lookUp(call, externalId);
                    if (found.isPresent()) {
                        call.response("found_by_external_task_id", externalId);
                        return found.get();
                    }
                    if (tries >= call.timeouts().maxAttempts()) {
                        throw unknown.failure();
                    }
                    http.pause(call, interval, "task " + externalId + " neither created nor found");
                }
            }
        }
    }

    /** The task created under {@code externalId}, if Kling has one ({@code GET .../image2video/{id}} takes either id). */
    private Optional<Map<String, Object>> lookUp(ProviderCall call, String externalId) {
        Optional<Map<String, Object>> reply = fetch(call, "image2video.lookup", externalId);
        if (reply.isEmpty()) {
            return reply;
        }
        Map<String, Object> found = reply.get();
        String echoed = Json.stringOrNull(Json.object(Json.object(found, "data"), "task_info"), "external_task_id");
        if (echoed != null && !echoed.equals(externalId)) {
            throw call.failure(
                    Kind.MALFORMED_REPLY, "the task found for external_task_id " + externalId + " carries another one");
        }
        return Optional.of(found);
    }

    private Map<String, Object> get(ProviderCall call, String label, String taskId) {
        return fetch(call, label, taskId)
                .orElseThrow(
                        () -> call.failure(Kind.TASK_FAILED, "task " + taskId + " is not known to Kling (HTTP 404)"));
    }

    /** The task under either of its ids; empty when Kling answers 404 (no such task). */
    private Optional<Map<String, Object>> fetch(ProviderCall call, String label, String id) {
        HttpReply reply = http.send(
                call,
                HttpCall.get(label, URI.create(endpoint + "/" + id), auth()),
                (status, body) -> status == 404 ? null : judge(status, body));
        return reply.status() == 404 ? Optional.empty() : Optional.of(reply.body());
    }

    private static String taskId(Map<String, Object> task, ProviderCall call) {
        String taskId = Json.string(Json.object(task, "data"), "task_id", "");
        if (!TASK_ID.matcher(taskId).matches()) {
            throw call.failure(Kind.MALFORMED_REPLY, "reply has no valid data.task_id");
        }
        return taskId;
    }

    /** The create body, fitted to the model: an end frame moves {@code std} to a mode that takes one. */
    private static Map<String, Object> body(
            VideoJob job, String model, Map<String, Object> defaults, ProviderCall call, String externalId) {
        InlineImages inline = InlineImages.from(defaults);
        ModelFit fit = new ModelFit(job.capability());
        fit.duration(job.durationSeconds(), call);
        String asked = Defaults.text(job.settings(), defaults, "mode", "std");
        String mode = fit.mode(asked.equals("standard") ? "std" : asked, job.endImage() != null, job.sound(), call);
        Map<String, Object> body =
                obj("model_name", model, "image", fit.image(job.startImage(), "start", inline, true, call));
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
        // Kling's "sound" ("on"/"off") exists only on the models that make sound: sent to those (and to a model the
        // table does not list when sound is asked for), never to the silent ones.
        ModelCapability listed = job.capability();
        if (listed != null ? listed.sound() : job.sound()) {
            body.put("sound", fit.sound(job.sound()) ? "on" : "off");
        }
        // Our dedupe key: a task created under it can be found again after a lost reply or a crash.
        body.put("external_task_id", externalId);
        fit.record(call);
        return body;
    }

    private static @Nullable String videoUrl(Map<String, Object> data) {
        List<Object> videos = Json.list(Json.object(data, "task_result"), "videos");
        return videos.isEmpty() || !(videos.get(0) instanceof Map<?, ?> first)
                ? null
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
    static @Nullable Fault judge(int status, Map<String, Object> body) {
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
            // A rate or concurrency limit refuses the request before any task exists.
            return Fault.unsent(Kind.RATE_LIMITED, message);
        }
        if (code >= 5000 && code < 6000) {
            return Fault.retry(Kind.SERVER_ERROR, message);
        }
        return Fault.stop(Kind.CLIENT_ERROR, message);
    }
}
