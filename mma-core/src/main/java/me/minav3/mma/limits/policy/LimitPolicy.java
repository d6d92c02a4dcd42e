package me.minav3.mma.limits.policy;

import static me.minav3.mma.common.Json.obj;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The per-customer limits of config key {@code mma.limits} (issue 17.1). Each limit is a whole number of uses in
 * a fixed window, or JSON {@code null} for none; a field absent from a stored value keeps its version-1 value, so
 * an older stored version still reads. {@code enabled: false} turns every limit off. Depends only on
 * {@code common}, so {@code config} (its shape check) and {@code limits} both use it without a cycle.
 *
 * @param createsPerMinute stills, tweaks, animations and video-feedback regenerations started, per minute
 * @param suggestionsPerHour "Type for me" ({@code POST /api/motion/suggest}) per hour
 * @param uploadsPerHour uploaded files per hour
 * @param uploadBytesPerDay uploaded bytes per UTC day
 * @param urlImportsPerHour imports from a link per hour
 * @param openStreams live streams (SSE) open at once
 * @param streamSlot how long an open stream's slot lasts when its process dies without giving it back
 * @param suggestionPrice what "Type for me" costs, per block of uses; null: free (version 1)
 */
public record LimitPolicy(
        boolean enabled,
        @Nullable Long createsPerMinute,
        @Nullable Long suggestionsPerHour,
        @Nullable Long uploadsPerHour,
        @Nullable Long uploadBytesPerDay,
        @Nullable Long urlImportsPerHour,
        @Nullable Long openStreams,
        Duration streamSlot,
        @Nullable Price suggestionPrice) {

    /** {@code matcha} for every {@code every} uses, paid by the first use of each block ({"matcha": 1, "every": 10}). */
    public record Price(long matcha, long every) {

        public Price {
            if (matcha < 1 || matcha > 10_000 || every < 1) {
                throw new IllegalArgumentException(
                        "\"suggestion_price\" needs \"matcha\" from 1 to 10000 and \"every\" of at least 1");
            }
        }

        /** The block a customer's {@code n}-th use ever (from 1) falls in. */
        public long block(long n) {
            return (Math.max(1, n) - 1) / every;
        }
    }

    /** Version 1 of {@code mma.limits}. */
    public static final Map<String, Object> VERSION_1 = obj(
            "enabled", true,
            "creates_per_minute", 20,
            "suggestions_per_hour", 30,
            "uploads_per_hour", 40,
            "upload_bytes_per_day", 500L * 1024 * 1024,
            "url_imports_per_hour", 40,
            "open_streams", 10,
            "stream_slot_minutes", 15,
            "suggestion_price", null);

    private static final Set<String> LIMITS = Set.of(
            "creates_per_minute",
            "suggestions_per_hour",
            "uploads_per_hour",
            "upload_bytes_per_day",
            "url_imports_per_hour",
            "open_streams");
    private static final Set<String> KNOWN = Set.of(
            "enabled",
            "creates_per_minute",
            "suggestions_per_hour",
            "uploads_per_hour",
            "upload_bytes_per_day",
            "url_imports_per_hour",
            "open_streams",
            "stream_slot_minutes",
            "suggestion_price");
    private static final long MAX_SLOT_MINUTES = 24 * 60;

    public static final LimitPolicy DEFAULTS = parse(VERSION_1);

    /** No limits at all. */
    public static final LimitPolicy NONE =
            new LimitPolicy(false, null, null, null, null, null, null, Duration.ofMinutes(15), null);

    public LimitPolicy {
        if (streamSlot == null || streamSlot.toMinutes() < 1) {
            throw new IllegalArgumentException("the stream slot must last a minute or more");
        }
    }

    /** The policy of a config value; a value of the wrong shape is refused with what is wrong. */
    public static LimitPolicy parse(@Nullable Map<String, ?> value) {
        Map<String, ?> v = value == null ? Map.of() : value;
        for (String key : v.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new IllegalArgumentException("unknown field \"" + key + "\" (known: "
                        + String.join(", ", KNOWN.stream().sorted().toList()) + ")");
            }
        }
        Object enabled = v.containsKey("enabled") ? v.get("enabled") : VERSION_1.get("enabled");
        if (!(enabled instanceof Boolean on)) {
            throw new IllegalArgumentException("\"enabled\" must be true or false");
        }
        Long slotMinutes = limit(v, "stream_slot_minutes");
        if (slotMinutes == null || slotMinutes > MAX_SLOT_MINUTES) {
            throw new IllegalArgumentException(
                    "\"stream_slot_minutes\" must be a whole number from 1 to " + MAX_SLOT_MINUTES);
        }
        return new LimitPolicy(
                on,
                limit(v, "creates_per_minute"),
                limit(v, "suggestions_per_hour"),
                limit(v, "uploads_per_hour"),
                limit(v, "upload_bytes_per_day"),
                limit(v, "url_imports_per_hour"),
                limit(v, "open_streams"),
                Duration.ofMinutes(slotMinutes),
                price(v.get("suggestion_price")));
    }

    private static @Nullable Price price(@Nullable Object raw) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof Map<?, ?> map)
                || !(map.get("matcha") instanceof Number matcha)
                || !(map.get("every") instanceof Number every)
                || map.size() != 2
                || matcha.doubleValue() != Math.rint(matcha.doubleValue())
                || every.doubleValue() != Math.rint(every.doubleValue())) {
            throw new IllegalArgumentException(
                    "\"suggestion_price\" must be null (free) or {\"matcha\": <whole number>, \"every\": <whole number>}");
        }
        return new Price(matcha.longValue(), every.longValue());
    }

    /** The policy of a stored value; one that no longer parses falls back to version 1 rather than no limits. */
    public static LimitPolicy fromConfig(@Nullable Map<String, ?> value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            return DEFAULTS;
        }
    }

    /** Absent: version 1; {@code null}: no limit; else a whole number of at least 1. */
    private static @Nullable Long limit(Map<String, ?> value, String key) {
        Object raw = value.containsKey(key) ? value.get(key) : VERSION_1.get(key);
        if (raw == null) {
            if (!LIMITS.contains(key)) {
                throw new IllegalArgumentException("\"" + key + "\" must be a whole number of at least 1");
            }
            return null;
        }
        if (!(raw instanceof Number n)
                || n.doubleValue() != Math.rint(n.doubleValue())
                || n.doubleValue() < 1
                || n.doubleValue() > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException(
                    "\"" + key + "\" must be a whole number of at least 1, or null for no limit");
        }
        return n.longValue();
    }
}
