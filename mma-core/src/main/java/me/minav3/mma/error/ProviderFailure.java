package me.minav3.mma.error;

import java.util.List;
import java.util.Map;
import me.minav3.mma.common.ProviderTrace;

/** An AI provider or commerce API did not give a usable answer, after any retries it allowed. */
public final class ProviderFailure extends MinaException {

    /** What went wrong, for retry decisions and for people reading the audit. */
    public enum Kind {
        TIMEOUT,
        RATE_LIMITED,
        SERVER_ERROR,
        CONNECTION,
        CLIENT_ERROR,
        AUTH,
        QUOTA,
        MALFORMED_REPLY,
        TASK_FAILED,
        OUTPUT_UNAVAILABLE,
        CONFIGURATION
    }

    private final String provider;
    private final Kind kind;
    private final transient ProviderTrace trace;

    public ProviderFailure(String provider, Kind kind, String message, ProviderTrace trace) {
        super(message);
        this.provider = provider;
        this.kind = kind;
        this.trace = trace == null ? ProviderTrace.EMPTY : trace;
    }

    public ProviderFailure(String provider, Kind kind, String message, ProviderTrace trace, Throwable cause) {
        super(message, cause);
        this.provider = provider;
        this.kind = kind;
        this.trace = trace == null ? ProviderTrace.EMPTY : trace;
    }

    public String provider() {
        return provider;
    }

    public Kind kind() {
        return kind;
    }

    /** The sanitized request, response and attempts, for the step payload. */
    public ProviderTrace trace() {
        return trace;
    }

    /** A JSON-ready summary for {@code mg_payload.error}. */
    public Map<String, Object> toPayload() {
        return Map.of(
                "provider",
                provider,
                "kind",
                kind.name().toLowerCase(java.util.Locale.ROOT),
                "message",
                String.valueOf(getMessage()),
                "attempts",
                trace.attempts() == null ? List.of() : trace.attempts());
    }
}
