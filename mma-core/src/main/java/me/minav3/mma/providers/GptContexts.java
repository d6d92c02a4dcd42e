package me.minav3.mma.providers;

import java.util.Map;
import java.util.Optional;
import me.minav3.mma.common.Json;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.config.ConfigVersion;

/**
 * Builds the versioned context a GPT step runs with: the newest {@code mma.ctx.*} row (system prompt, optional
 * model and options) laid over the provider's defaults row ({@code timeouts} merge limit by limit). The step payload
 * stores which row it was.
 */
public final class GptContexts {

    private static final String KEY = "ctx_key";
    private static final String VERSION = "ctx_version";

    private final ConfigService config;
    private final ProviderRegistry providers;

    public GptContexts(ConfigService config, ProviderRegistry providers) {
        this.config = config;
        this.providers = providers;
    }

    public GptContext forTask(GptTask task, String provider) {
        return of(config.require(task.contextKey()), provider);
    }

    /** The context of one given version of a task's row (a replay under a recorded or a chosen version). */
    public GptContext of(ConfigVersion row, String provider) {
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
        return Json.obj(KEY, context.key(), VERSION, context.version(), "ctx_id", context.id());
    }

    /** The context a GPT step recorded in its input: its key and version (what {@link #reference} wrote). */
    public record Recorded(String key, int version) {}

    /** The context a step's input records, if the step is a GPT step that recorded one. */
    public static Optional<Recorded> recorded(Map<String, Object> stepInput) {
        String key = Json.stringOrNull(stepInput, KEY);
        long version = Json.number(stepInput, VERSION, 0);
        return key == null || version < 1 ? Optional.empty() : Optional.of(new Recorded(key, (int) version));
    }
}
