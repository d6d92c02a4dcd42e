package me.minav3.adapters.providers;

import static me.minav3.mma.common.Json.obj;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import me.minav3.adapters.providers.http.HttpCall;
import me.minav3.adapters.providers.http.ProviderCall;
import me.minav3.adapters.providers.http.ProviderHttp;
import me.minav3.adapters.providers.http.ReplyJudge;
import me.minav3.mma.common.Json;
import me.minav3.mma.error.ProviderFailure.Kind;

/**
 * Runs one Replicate prediction of an official model: {@code POST /v1/models/{owner}/{name}/predictions} with
 * {@code Prefer: wait=N} (the server holds the answer up to N seconds), then {@code GET /v1/predictions/{id}} until
 * it {@code succeeded}, {@code failed} or was {@code canceled}, within the call's total limit.
 */
final class ReplicatePredictions {

    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][\\w.-]*/[A-Za-z0-9][\\w.-]*");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final String baseUrl;
    private final String token;
    private final ProviderHttp http;

    ReplicatePredictions(String baseUrl, String token, ProviderHttp http) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.http = http;
    }

    /** The succeeded prediction. */
    Map<String, Object> run(ProviderCall call, String model, Map<String, Object> input, Duration pollInterval) {
        if (!MODEL.matcher(model).matches()) {
            throw call.failure(Kind.CONFIGURATION, "a Replicate model is owner/name, was '" + model + "'");
        }
        URI create = URI.create(baseUrl + "/v1/models/" + model + "/predictions");
        Map<String, String> headers = Map.of("Authorization", "Bearer " + token, "Prefer", "wait=" + waitSeconds(call));
        Map<String, Object> prediction = http.send(call, HttpCall.post("predictions.create", create, headers,
                obj("input", input)), ReplyJudge.BY_STATUS).body();
        call.response("submitted", prediction);
        for (int polls = 0; ; polls++) {
            call.response("polls", polls);
            String status = Json.string(prediction, "status", "");
            switch (status) {
                case "succeeded" -> {
                    return prediction;
                }
                case "failed" -> throw call.failure(Kind.TASK_FAILED, "prediction failed: "
                        + Json.string(prediction, "error", "no error given"));
                case "canceled", "aborted" -> throw call.failure(Kind.TASK_FAILED, "prediction was " + status);
                case "starting", "processing" -> {
                    // still running: poll below
                }
                default -> throw call.failure(Kind.MALFORMED_REPLY, "prediction has an unknown status '" + status + "'");
            }
            String id = id(prediction, call);
            http.pause(call, pollInterval, "prediction " + id + " still " + status);
            // The poll URL is built from the configured base, never taken from the reply, so the token cannot be
            // sent to another host.
            prediction = http.send(call, HttpCall.get("predictions.get", URI.create(baseUrl + "/v1/predictions/" + id),
                    Map.of("Authorization", "Bearer " + token)), ReplyJudge.BY_STATUS).body();
        }
    }

    private static String id(Map<String, Object> prediction, ProviderCall call) {
        String id = Json.string(prediction, "id", "");
        if (!ID.matcher(id).matches()) {
            throw call.failure(Kind.MALFORMED_REPLY, "prediction has no valid id");
        }
        return id;
    }

    /** Replicate holds the reply at most 60 s; ask for less than our own request timeout so it answers first. */
    private static long waitSeconds(ProviderCall call) {
        long seconds = call.timeouts().request().toSeconds() - 2;
        return Math.max(1, Math.min(60, seconds));
    }
}
