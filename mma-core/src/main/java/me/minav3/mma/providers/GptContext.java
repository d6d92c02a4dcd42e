package me.minav3.mma.providers;

import java.util.Map;
import java.util.Objects;
import me.minav3.mma.common.Json;
import org.jspecify.annotations.Nullable;

/**
 * The versioned config row a GPT step runs with: its key, version and row id (stored in the step payload) and
 * the system prompt and options it holds.
 *
 * @param model   the model to ask (from the context row, else the provider defaults)
 * @param options extra settings of the row, e.g. {@code temperature}, {@code max_tokens}
 */
public record GptContext(
        String key,
        int version,
        String id,
        String systemPrompt,
        @Nullable String model,
        Map<String, Object> options) {

    public GptContext {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(systemPrompt, "system prompt");
        options = Json.copy(options);
    }
}
