package me.minav3.adapters.providers.local;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.ProviderTrace;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.providers.ImageRef;
import org.jspecify.annotations.Nullable;

/** What every local provider call shares: the optional artificial latency and the honest trace it returns. */
final class LocalCall {

    static final String PROVIDER = "local";
    static final String FAMILY = "local";
    static final String MODEL = "local-v1";

    private final Duration latency;
    private final long startedNanos;

    private LocalCall(Duration latency) {
        this.latency = latency;
        this.startedNanos = System.nanoTime();
    }

    /** Starts a call: waits the configured latency first, like a remote provider would. */
    static LocalCall start(Duration latency) {
        LocalCall call = new LocalCall(latency);
        call.pause();
        return call;
    }

    static Duration checkedLatency(Duration latency) {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("local provider latency cannot be negative, was " + latency);
        }
        return latency;
    }

    // Thread.sleep parks a virtual thread without pinning its carrier, so thousands of slow calls stay cheap.
    private void pause() {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderFailure(
                    PROVIDER,
                    ProviderFailure.Kind.TIMEOUT,
                    "local provider was interrupted during its artificial latency",
                    trace(Map.of(), Map.of(), "interrupted"),
                    e);
        }
    }

    /** A trace of one successful attempt. */
    ProviderTrace trace(Map<String, Object> request, Map<String, Object> response) {
        return trace(request, response, "ok");
    }

    ProviderTrace trace(Map<String, Object> request, Map<String, Object> response, String status) {
        long elapsedMs = (System.nanoTime() - startedNanos) / 1_000_000;
        return new ProviderTrace(
                Json.copy(request),
                Json.copy(response),
                List.of(Json.obj(
                        "n", 1, "status", status, "duration_ms", elapsedMs, "latency_ms", latency.toMillis())));
    }

    /**
     * Decodes an input image within {@link ImageDecoder}'s bounds. A corrupt, unsupported or oversized image is
     * the caller's input, not a bad answer: a real provider refuses it with a 400 and retrying cannot help, so it
     * is a CLIENT_ERROR. Failures of the byte supplier itself (e.g. the asset store) pass through unchanged.
     */
    DecodedImage decode(ImageRef ref, int maxSide, Map<String, Object> request) {
        try {
            return ImageDecoder.decode(ref.bytes().get(), maxSide);
        } catch (ImageDecoder.Unreadable e) {
            throw failure(
                    ProviderFailure.Kind.CLIENT_ERROR,
                    "cannot use the image " + ref.url() + ": " + e.getMessage(),
                    request,
                    e.getCause());
        }
    }

    /** A failure that carries what was asked, so the step payload shows it. */
    ProviderFailure failure(
            ProviderFailure.Kind kind, String message, Map<String, Object> request, @Nullable Throwable cause) {
        return cause == null
                ? new ProviderFailure(PROVIDER, kind, message, trace(request, Map.of(), "failed"))
                : new ProviderFailure(PROVIDER, kind, message, trace(request, Map.of(), "failed"), cause);
    }
}
