package me.minav3.adapters.providers.http;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import me.minav3.mma.common.Json;
import me.minav3.mma.error.ProviderFailure.Kind;
import org.jspecify.annotations.Nullable;

/**
 * Why one HTTP exchange with a provider was not usable, and whether trying again can help.
 *
 * @param retryable whether a second try may succeed where this one failed
 * @param unsent    whether the provider provably did nothing with the request: it never got it (the connection was
 *                  refused, the host not found, the connect timed out) or refused it before starting any work (a
 *                  rate limit). Only such a fault lets a request that starts paid work be sent again
 *                  ({@link Repeat#DUPLICATES}).
 */
public record Fault(Kind kind, boolean retryable, boolean unsent, String message) {

    public Fault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        if (unsent && !retryable) {
            throw new IllegalArgumentException("an unsent fault is retryable");
        }
    }

    /** A passing fault after which the provider may or may not have acted on the request. */
    public static Fault retry(Kind kind, String message) {
        return new Fault(kind, true, false, message);
    }

    /** A passing fault after which the provider provably did nothing: safe to send any request again. */
    public static Fault unsent(Kind kind, String message) {
        return new Fault(kind, true, true, message);
    }

    public static Fault stop(Kind kind, String message) {
        return new Fault(kind, false, false, message);
    }

    /**
     * The fault an HTTP status shows, or null for 2xx. Retried: 408, 409, 429 and 5xx; of those only a 429 (a rate
     * limit refuses before any work starts) says the provider did nothing. Never retried: the other 4xx (a bad
     * request, bad credentials or an unpaid account stays so).
     */
    public static @Nullable Fault forStatus(int status, @Nullable String detail) {
        if (status >= 200 && status < 300) {
            return null;
        }
        String message = "HTTP " + status + (detail == null || detail.isBlank() ? "" : ": " + detail);
        return switch (status) {
            case 408 -> retry(Kind.TIMEOUT, message);
            case 409 -> retry(Kind.CLIENT_ERROR, message);
            case 429 -> unsent(Kind.RATE_LIMITED, message);
            case 401, 403 -> stop(Kind.AUTH, message);
            case 402 -> stop(Kind.QUOTA, message);
            default -> status >= 500 ? retry(Kind.SERVER_ERROR, message) : stop(Kind.CLIENT_ERROR, message);
        };
    }

    /** The human message of a provider error body, whichever of the usual shapes it has. */
    public static String detail(Map<String, Object> body) {
        if (body == null || body.isEmpty()) {
            return "";
        }
        Object error = body.get("error");
        if (error instanceof Map<?, ?>) {
            Map<String, Object> nested = Json.object(body, "error");
            String code = Json.stringOrNull(nested, "code");
            code = code != null ? code : Json.stringOrNull(nested, "type");
            String message = Json.string(nested, "message", "");
            return code == null ? message : code + ": " + message;
        }
        if (error instanceof String text && !text.isBlank()) {
            return text;
        }
        if (body.get("errors") instanceof List<?> errors && !errors.isEmpty()) {
            return errors.get(0) instanceof Map<?, ?> first ? String.valueOf(first.get("message")) : errors.toString();
        }
        if (body.get("errors") instanceof String text) {
            return text;
        }
        return Json.string(body, "detail", Json.string(body, "message", Json.string(body, "title", "")));
    }
}
