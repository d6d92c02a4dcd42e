package me.minav3.mma.providers;

import java.util.Map;
import java.util.Objects;
import me.minav3.mma.common.ProviderTrace;
import org.jspecify.annotations.Nullable;

/**
 * The fields a GPT step produced (exactly the task's reply fields), what was sent and received, and the tokens the
 * provider counted ({@code usage} null: the reply reported none).
 */
public record GptReply(
        Map<String, String> fields,
        String provider,
        @Nullable String model,
        ProviderTrace trace,
        @Nullable TokenUsage usage) {

    /** A reply that reported no token usage. */
    public GptReply(Map<String, String> fields, String provider, @Nullable String model, ProviderTrace trace) {
        this(fields, provider, model, trace, null);
    }

    public GptReply {
        fields = Map.copyOf(Objects.requireNonNull(fields, "fields"));
        trace = trace == null ? ProviderTrace.EMPTY : trace;
    }

    public String field(String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalStateException("reply has no field " + name);
        }
        return value;
    }
}
