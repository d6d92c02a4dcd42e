package me.minav3.mma.providers;

import java.util.Map;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.providers.models.StillEngines;
import me.minav3.mma.providers.models.StillEngines.StillEngine;
import org.jspecify.annotations.Nullable;

/** The still engines of {@code mma.engines} (issue 22), read for a request or for a stored generation. */
public final class ConfiguredEngines {

    private ConfiguredEngines() {}

    /** The configured engines; version 1 when the row cannot be read (publishing checks its shape). */
    public static StillEngines of(ConfigService config) {
        Map<String, Object> value = config.value(ConfigKeys.ENGINES);
        try {
            return StillEngines.parse(value);
        } catch (IllegalArgumentException unreadable) {
            return StillEngines.parse(StillEngines.VERSION_1);
        }
    }

    /** The engine a request asks for (null: the default); an unknown name is the caller's mistake. */
    public static StillEngine require(ConfigService config, @Nullable String name) {
        StillEngines engines = of(config);
        if (name == null || name.isBlank()) {
            return engines.defaultOne();
        }
        return engines.find(name.strip())
                .orElseThrow(() -> new InvalidInput(
                        "unknown engine '" + name.strip() + "' (known: " + String.join(", ", engines.names()) + ")"));
    }

    /**
     * The engine of a stored generation: its recorded name, or the default for one stored before engines existed
     * or whose engine was removed from the config since (it still runs, on the default engine's provider).
     */
    public static StillEngine stored(ConfigService config, @Nullable String name) {
        StillEngines engines = of(config);
        return name == null ? engines.defaultOne() : engines.find(name).orElseGet(engines::defaultOne);
    }

    /** The prompt task of an engine: its reader context's task. */
    public static GptTask readerTask(StillEngine engine) {
        return engine.readerContext().equals(GptTask.READ_STILL_NICHE.contextKey())
                ? GptTask.READ_STILL_NICHE
                : GptTask.READ_STILL;
    }
}
