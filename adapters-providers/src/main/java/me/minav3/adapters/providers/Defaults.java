package me.minav3.adapters.providers;

import java.util.Map;
import me.minav3.adapters.providers.http.Timeouts;
import me.minav3.mma.common.Json;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.DefaultConfig;
import me.minav3.mma.providers.VideoJob;

/**
 * A provider's effective defaults: the seeded {@code mma.provider.<name>.defaults} row under the values the core
 * passed (its newest config row, or GPT context options). A key given as null removes the seeded value (e.g.
 * {@code "temperature": null} for models that refuse one); {@code timeouts} and {@code models} (the Replicate
 * editor's model per tool) merge key by key, so a row naming one model keeps the seeded others.
 */
final class Defaults {

    static final Timeouts FALLBACK_TIMEOUTS = Timeouts.ofMillis(5_000, 60_000, 120_000, 3);

    private Defaults() {}

    static Map<String, Object> of(String provider, Map<String, ?> given) {
        Map<String, Object> merged =
                Json.mutableCopy(DefaultConfig.values().get(ConfigKeys.providerDefaults(provider)));
        Map<String, Object> timeouts = Json.mutableCopy(Json.object(merged, "timeouts"));
        Map<String, Object> models = Json.mutableCopy(Json.object(merged, "models"));
        if (given != null) {
            merged.putAll(Json.mutableCopy(given));
            timeouts.putAll(Json.object(given, "timeouts"));
            models.putAll(Json.object(given, "models"));
        }
        merged.put("timeouts", timeouts);
        if (!models.isEmpty()) {
            merged.put("models", models);
        }
        return merged;
    }

    static Timeouts timeouts(Map<String, ?> defaults) {
        return Timeouts.from(defaults, FALLBACK_TIMEOUTS);
    }

    /** The job's negative prompt, else the provider's default one; may be blank. */
    static String negativePrompt(VideoJob job, Map<String, ?> defaults) {
        return job.negativePrompt() != null && !job.negativePrompt().isBlank()
                ? job.negativePrompt().strip()
                : Json.string(defaults, "negative_prompt", "").strip();
    }

    /** A non-blank string setting: the user's settings first, then the defaults, then the fallback. */
    static String text(Map<String, ?> settings, Map<String, ?> defaults, String key, String fallback) {
        String value = Json.stringOrNull(settings, key);
        if (value == null || value.isBlank()) {
            value = Json.stringOrNull(defaults, key);
        }
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
