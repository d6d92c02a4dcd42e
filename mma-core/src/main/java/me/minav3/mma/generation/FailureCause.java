package me.minav3.mma.generation;

import java.util.List;
import java.util.Map;
import me.minav3.mma.common.Json;

/**
 * Which provider a generation is attributed to, and why it failed: the last step whose payload carries a non-empty
 * {@code error} names both ({@code error.provider}, {@code error.kind}); without one the provider is the
 * generation's own, else {@code mma}, and the kind is {@code unknown}. The console's error list groups by it and
 * the admin generation list filters by it, so a group's count and the list it opens agree (the SQL adapter spells
 * the same rule).
 *
 * @param provider who the generation (or its failure) belongs to
 * @param kind     the failure kind, {@link #UNKNOWN} when no step recorded one
 */
public record FailureCause(String provider, String kind) {

    /** The provider of a generation that never reached one and recorded none. */
    public static final String MMA = "mma";
    /** The kind of a failure whose step recorded none. */
    public static final String UNKNOWN = "unknown";

    public static FailureCause of(Generation generation, List<StepRecord> steps) {
        Map<String, Object> error = Map.of();
        for (StepRecord step : steps) {
            if (step.payload().get("error") instanceof Map<?, ?> e && !e.isEmpty()) {
                error = Json.copy(castMap(e));
            }
        }
        String fallback = generation.provider() == null ? MMA : generation.provider();
        return new FailureCause(Json.string(error, "provider", fallback), Json.string(error, "kind", UNKNOWN));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
