package me.minav3.adapters.providers.http;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP exchange to make (and retry): a short label for the trace ({@code chat.completions}, {@code poll}…), the
 * method and URL, the headers (credentials included; they never reach the trace), the JSON body, if any, and what
 * sending it twice would do ({@link Repeat}).
 */
public record HttpCall(
        String label,
        String method,
        URI uri,
        Map<String, String> headers,
        @Nullable Map<String, Object> body,
        Repeat repeat) {

    public HttpCall {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(repeat, "repeat");
        headers = Map.copyOf(headers);
    }

    /** A POST, classed by the caller: there is no default, because a wrong guess either bills twice or gives up. */
    public static HttpCall post(
            String label, URI uri, Map<String, String> headers, Map<String, Object> body, Repeat repeat) {
        return new HttpCall(label, "POST", uri, headers, Objects.requireNonNull(body, "body"), repeat);
    }

    /** A GET: a read, always idempotent. */
    public static HttpCall get(String label, URI uri, Map<String, String> headers) {
        return new HttpCall(label, "GET", uri, headers, null, Repeat.IDEMPOTENT);
    }
}
