package me.minav3.mma.common;

import java.util.List;
import java.util.Map;

/**
 * What a provider call sent and received, with secrets removed, for the step payload. Each attempt is a small
 * map (e.g. {@code {n, status, duration_ms, error}}), so retries are visible in the audit.
 */
public record ProviderTrace(
        Map<String, Object> request, Map<String, Object> response, List<Map<String, Object>> attempts) {

    public static final ProviderTrace EMPTY = new ProviderTrace(Map.of(), Map.of(), List.of());

    public ProviderTrace {
        request = request == null ? Map.of() : request;
        response = response == null ? Map.of() : response;
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }
}
