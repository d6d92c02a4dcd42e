package me.minav3.adapters.providers.http;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import me.minav3.mma.common.Json;

/**
 * The time limits of one provider, read from the {@code timeouts} object of its {@code mma.provider.<name>.defaults}
 * row: {@code connect_ms}, {@code request_ms} (one HTTP exchange), {@code total_ms} (the whole call, retries and
 * polling included) and {@code max_attempts} (per HTTP exchange, the first try included).
 */
public record Timeouts(Duration connect, Duration request, Duration total, int maxAttempts) {

    public Timeouts {
        requirePositive(connect, "connect");
        requirePositive(request, "request");
        requirePositive(total, "total");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max_attempts must be at least 1, was " + maxAttempts);
        }
    }

    /** The values of {@code defaults.timeouts}, each missing or invalid one taken from {@code fallback}. */
    public static Timeouts from(Map<String, ?> defaults, Timeouts fallback) {
        Map<String, Object> values = Json.object(defaults, "timeouts");
        return new Timeouts(
                millis(values, "connect_ms", fallback.connect),
                millis(values, "request_ms", fallback.request),
                millis(values, "total_ms", fallback.total),
                (int) positive(values, "max_attempts", fallback.maxAttempts));
    }

    public static Timeouts ofMillis(long connectMs, long requestMs, long totalMs, int maxAttempts) {
        return new Timeouts(
                Duration.ofMillis(connectMs), Duration.ofMillis(requestMs), Duration.ofMillis(totalMs), maxAttempts);
    }

    private static Duration millis(Map<String, Object> values, String key, Duration fallback) {
        return Duration.ofMillis(positive(values, key, fallback.toMillis()));
    }

    private static long positive(Map<String, Object> values, String key, long fallback) {
        long value = Json.number(values, key, fallback);
        return value > 0 ? value : fallback;
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " timeout must be positive, was " + duration);
        }
    }
}
