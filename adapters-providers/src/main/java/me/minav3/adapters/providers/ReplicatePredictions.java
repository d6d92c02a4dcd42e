package me.minav3.adapters.providers;

import static me.minav3.mma.common.Json.obj;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import me.minav3.adapters.providers.http.HttpCall;
import me.minav3.adapters.providers.http.ProviderCall;
import me.minav3.adapters.providers.http.ProviderHttp;
import me.minav3.adapters.providers.http.Repeat;
import me.minav3.adapters.providers.http.ReplyJudge;
import me.minav3.adapters.providers.http.Timeouts;
import me.minav3.mma.common.Json;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.error.ProviderFailure.Kind;
import me.minav3.mma.providers.ProviderJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Replicate prediction of an official model: {@code POST /v1/models/{owner}/{name}/predictions}, then
 * {@code GET /v1/predictions/{id}} until it {@code succeeded}, {@code failed} or was {@code canceled}, within the
 * call's total limit. A prediction is paid work, so:
 * <ul>
 *   <li>the create is sent again only when it provably never reached Replicate (Replicate has no dedupe key);</li>
 *   <li>{@code Prefer: wait=N} holds the reply at most half the request timeout, so Replicate answers well before
 *       we would give up on the request;</li>
 *   <li>{@code Cancel-After} (the provider's {@code cancel_after_ms}, else its total time limit) makes Replicate stop
 *       a prediction nobody waits for any more, even when this process is gone;</li>
 *   <li>the prediction's id is recorded as soon as it is known, and a stage run again polls it instead of creating
 *       another;</li>
 *   <li>a prediction we give up on (the time limit, a failed poll) is canceled
 *       ({@code POST /v1/predictions/{id}/cancel}); one handed over at shutdown is not: its next owner resumes it.</li>
 * </ul>
 */
final class ReplicatePredictions {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicatePredictions.class);
    /** An official model {@code owner/name}, or a community model pinned to a version {@code owner/name:<64 hex>}. */
    static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][\\w.-]*/[A-Za-z0-9][\\w.-]*(:[0-9a-f]{64})?");

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    /** The cancel is small and must not wait on a spent budget: its own short limits. */
    private static final Timeouts CANCEL_TIMEOUTS = Timeouts.ofMillis(5_000, 10_000, 20_000, 2);
    /** Replicate's shortest deadline. */
    private static final Duration MIN_CANCEL_AFTER = Duration.ofSeconds(5);

    private final String baseUrl;
    private final String token;
    private final ProviderHttp http;

    ReplicatePredictions(String baseUrl, String token, ProviderHttp http) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.http = http;
    }

    /** The succeeded prediction. */
    Map<String, Object> run(
            ProviderCall call,
            String model,
            Map<String, Object> input,
            Map<String, Object> defaults,
            ProviderJob paid) {
        if (!MODEL.matcher(model).matches()) {
            throw call.failure(
                    Kind.CONFIGURATION,
                    "a Replicate model is owner/name or owner/name:<version id>, was '" + model + "'");
        }
        Duration pollInterval = Duration.ofMillis(Json.number(defaults, "poll_interval_ms", 2_000));
        Map<String, Object> prediction;
        String id;
        if (paid.startedId().isPresent()) {
            call.response("resumed_prediction_id", paid.startedId().get());
            prediction = get(call, checked(paid.startedId().get(), call));
            id = id(prediction, call);
        } else {
            prediction = create(call, model, input, cancelAfter(defaults, call));
            call.response("submitted", prediction);
            id = id(prediction, call);
            paid.started(id);
        }
        try {
            return await(call, prediction, id, pollInterval);
        } catch (ProviderFailure failure) {
            if (failure.kind() == Kind.TASK_FAILED || Thread.currentThread().isInterrupted()) {
                throw failure;
            }
            cancel(call, id);
            // The same failure, with the cancel in its trace.
            throw call.failure(failure.kind(), String.valueOf(failure.getMessage()), failure.getCause());
        }
    }

    /**
     * An official model is run through its own endpoint; a community model, which has no such endpoint, through
     * {@code POST /v1/predictions} with its pinned {@code version} (Replicate changelog 2025-08-05).
     */
    private Map<String, Object> create(
            ProviderCall call, String model, Map<String, Object> input, Duration cancelAfter) {
        boolean pinned = model.indexOf(':') > 0;
        URI create = URI.create(baseUrl + (pinned ? "/v1/predictions" : "/v1/models/" + model + "/predictions"));
        Map<String, Object> body = pinned ? obj("version", model, "input", input) : obj("input", input);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        headers.put("Cancel-After", goDuration(cancelAfter));
        long wait = waitSeconds(call);
        if (wait > 0) {
            headers.put("Prefer", "wait=" + wait);
        }
        call.request("cancel_after", goDuration(cancelAfter));
        return http.create(
                        call,
                        HttpCall.post("predictions.create", create, headers, body, Repeat.DUPLICATES),
                        ReplyJudge.BY_STATUS)
                .acceptedOrThrow()
                .body();
    }

    private Map<String, Object> await(ProviderCall call, Map<String, Object> first, String id, Duration pollInterval) {
        Map<String, Object> prediction = first;
        for (int polls = 0; ; polls++) {
            call.response("polls", polls);
            String status = Json.string(prediction, "status", "");
            switch (status) {
                case "succeeded" -> {
                    return prediction;
                }
                case "failed" ->
                    throw call.failure(
                            Kind.TASK_FAILED,
                            "prediction failed: " + Json.string(prediction, "error", "no error given"));
                case "canceled", "aborted" -> throw call.failure(Kind.TASK_FAILED, "prediction was " + status);
                case "starting", "processing" -> {
                    // still running: poll below
                }
                default ->
                    throw call.failure(Kind.MALFORMED_REPLY, "prediction has an unknown status '" + status + "'");
            }
            http.pause(call, pollInterval, "prediction " + id + " still " + status);
            prediction = get(call, id);
        }
    }

    /** The poll URL is built from the configured base, never taken from the reply: the token stays on one host. */
    private Map<String, Object> get(ProviderCall call, String id) {
        return http.send(
                        call,
                        HttpCall.get(
                                "predictions.get",
                                URI.create(baseUrl + "/v1/predictions/" + id),
                                Map.of("Authorization", "Bearer " + token)),
                        ReplyJudge.BY_STATUS)
                .body();
    }

    /** Best effort: a cancel that fails is logged and noted in the trace; Cancel-After stops the prediction anyway. */
    private void cancel(ProviderCall call, String id) {
        ProviderCall cancel = http.start(call.provider(), CANCEL_TIMEOUTS);
        try {
            Map<String, Object> reply = http.send(
                            cancel,
                            HttpCall.post(
                                    "predictions.cancel",
                                    URI.create(baseUrl + "/v1/predictions/" + id + "/cancel"),
                                    Map.of("Authorization", "Bearer " + token),
                                    Map.of(),
                                    Repeat.IDEMPOTENT),
                            ReplyJudge.BY_STATUS)
                    .body();
            call.response("canceled", Json.obj("prediction_id", id, "status", Json.stringOrNull(reply, "status")));
        } catch (ProviderFailure failure) {
            LOG.warn(
                    "prediction_cancel_failed provider={} prediction={} error={}",
                    call.provider(),
                    id,
                    failure.getMessage());
            call.response("canceled", Json.obj("prediction_id", id, "error", failure.getMessage()));
        }
    }

    private static String id(Map<String, Object> prediction, ProviderCall call) {
        return checked(Json.string(prediction, "id", ""), call);
    }

    private static String checked(String id, ProviderCall call) {
        if (!ID.matcher(id).matches()) {
            throw call.failure(Kind.MALFORMED_REPLY, "prediction has no valid id");
        }
        return id;
    }

    /**
     * Replicate holds a {@code Prefer: wait} reply up to 60 s: ask for at most half our request timeout, so the reply
     * comes well before we give up on the request (0: no wait, the prediction is polled).
     */
    static long waitSeconds(ProviderCall call) {
        return Math.min(60, call.timeouts().request().toSeconds() / 2);
    }

    /** The provider's {@code cancel_after_ms}, else its total time limit; at least Replicate's minimum. */
    private static Duration cancelAfter(Map<String, Object> defaults, ProviderCall call) {
        long configured = Json.number(defaults, "cancel_after_ms", 0);
        Duration deadline =
                configured > 0 ? Duration.ofMillis(configured) : call.timeouts().total();
        return deadline.compareTo(MIN_CANCEL_AFTER) < 0 ? MIN_CANCEL_AFTER : deadline;
    }

    /** A duration as Replicate reads it (Go's syntax), e.g. {@code 10m}, {@code 1m30s}, {@code 2h}. */
    static String goDuration(Duration duration) {
        long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
        StringBuilder text = new StringBuilder();
        if (seconds >= 3600) {
            text.append(seconds / 3600).append('h');
            seconds %= 3600;
        }
        if (seconds >= 60) {
            text.append(seconds / 60).append('m');
            seconds %= 60;
        }
        if (seconds > 0 || text.isEmpty()) {
            text.append(seconds).append('s');
        }
        return text.toString();
    }
}
