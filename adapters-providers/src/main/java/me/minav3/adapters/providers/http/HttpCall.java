package me.minav3.adapters.providers.http;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP exchange to make (and retry): a short label for the trace ({@code chat.completions}, {@code poll}…), the
 * method and URL, the headers (credentials included; they never reach the trace) and the JSON body, if any.
 */
public record HttpCall(String label, String method, URI uri, Map<String, String> headers, Map<String, Object> body) {

    public HttpCall {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers);
    }

    public static HttpCall post(String label, URI uri, Map<String, String> headers, Map<String, Object> body) {
        return new HttpCall(label, "POST", uri, headers, Objects.requireNonNull(body, "body"));
    }

    public static HttpCall get(String label, URI uri, Map<String, String> headers) {
        return new HttpCall(label, "GET", uri, headers, null);
    }
}
