package me.minav3.adapters.providers.http;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.ProviderTrace;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.error.ProviderFailure.Kind;
import org.jspecify.annotations.Nullable;

/**
 * One use of a provider port (one GPT answer, one still, one video, one tagging): its time budget and the trace
 * of what was sent, received and tried. The trace leaves only through {@link #trace()}, cleaned by the redaction.
 * Not thread-safe: a call belongs to the thread that makes it.
 */
public final class ProviderCall {

    private final String provider;
    private final Timeouts timeouts;
    private final Clock clock;
    private final Instant deadline;
    private final Redaction redaction;
    private final Map<String, Object> request = new LinkedHashMap<>();
    private final Map<String, Object> response = new LinkedHashMap<>();
    private final List<Map<String, Object>> attempts = new ArrayList<>();

    ProviderCall(String provider, Timeouts timeouts, Clock clock, Redaction redaction) {
        this.provider = provider;
        this.timeouts = timeouts;
        this.clock = clock;
        this.deadline = clock.now().plus(timeouts.total());
        this.redaction = redaction;
    }

    public String provider() {
        return provider;
    }

    public Timeouts timeouts() {
        return timeouts;
    }

    /** Time left of the total budget (zero or negative once spent). */
    public Duration remaining() {
        return Duration.between(clock.now(), deadline);
    }

    /** Records what was asked (method, url, body); cleaned when the trace is taken. */
    public void request(String key, Object value) {
        request.put(key, value);
    }

    /** Records what came back; cleaned when the trace is taken. */
    public void response(String key, Object value) {
        response.put(key, value);
    }

    boolean recordedRequest(String key) {
        return request.containsKey(key);
    }

    void attempt(Map<String, Object> attempt) {
        attempts.add(attempt);
    }

    int attemptCount() {
        return attempts.size();
    }

    /** The sanitized request, response and attempts so far. */
    public ProviderTrace trace() {
        List<Map<String, Object>> cleanAttempts =
                attempts.stream().map(redaction::json).toList();
        return new ProviderTrace(redaction.json(request), redaction.json(response), cleanAttempts);
    }

    /** A failure carrying the trace so far; its message is cleaned like the trace. */
    public ProviderFailure failure(Kind kind, String message) {
        return new ProviderFailure(provider, kind, clean(message), trace());
    }

    public ProviderFailure failure(Kind kind, String message, @Nullable Throwable cause) {
        return cause == null
                ? failure(kind, message)
                : new ProviderFailure(provider, kind, clean(message), trace(), cause);
    }

    private String clean(String message) {
        return Objects.requireNonNull(redaction.text(message), "message"); // text is null only for null
    }
}
