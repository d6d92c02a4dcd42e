package me.minav3.mma.providers;

import java.util.Map;
import me.minav3.mma.common.Json;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.config.ConfigVersion;

/**
 * Builds the versioned context a GPT step runs with: the newest {@code mma.ctx.*} row (system prompt, optional
 * model and options) laid over the provider's defaults row ({@code timeouts} merge limit by limit). The step payload
 * stores which row it was.
 */
public final class GptContexts {

    private final ConfigService config;
    private final ProviderRegistry providers;

    public GptContexts(ConfigService config, ProviderRegistry providers) {
        this.config = config;
        this.providers = providers;
    }

    public GptContext forTask(GptTask task, String provider) {
        ConfigVersion row = config.require(task.contextKey());
        Map<String, Object> options = Json.mutableCopy(providers.defaults(provider));
        Map<String, Object> timeouts = Json.mutableCopy(Json.object(options, "timeouts"));
        row.value().forEach((key, value) -> {
            if (!key.equals("system_prompt")) {
                options.put(key, value);
            }
        });
        // A context that tunes one limit (say a longer request_ms for the reader) keeps the provider's other limits
        // instead of falling back to the seeded ones.
        timeouts.putAll(Json.object(row.value(), "timeouts"));
        if (!timeouts.isEmpty()) {
            options.put("timeouts", timeouts);
        }
        Object model = options.remove("model");
        return new GptContext(
                row.key(),
                row.version(),
                row.id(),
                Json.string(row.value(), "system_prompt", ""),
                model == null ? null : model.toString(),
                options);
    }

    /** What a GPT step stores about its context ({@code ctx_key}, {@code ctx_version}, {@code ctx_id}). */
    public static Map<String, Object> reference(GptContext context) {
        return Json.obj("ctx_key", context.key(), "ctx_version", context.version(), "ctx_id", context.id());
    }
}
