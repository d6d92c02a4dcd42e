package me.minav3.mma.providers;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import me.minav3.mma.common.Json;
import me.minav3.mma.providers.models.ModelCapability;
import org.jspecify.annotations.Nullable;

/**
 * One GPT step. {@code input} is structured (brief, style, captions, taste…) so a rule-based local model can
 * use it directly; a real model receives it as JSON after the system prompt, with the images as image parts.
 * {@code capability} is what the context's model accepts ({@code mma.provider.models}), null when not listed.
 */
public record GptRequest(
        GptTask task,
        GptContext context,
        Map<String, Object> input,
        List<ImageRef> images,
        @Nullable ModelCapability capability) {

    /** A request for a model the capability table does not list. */
    public GptRequest(GptTask task, GptContext context, Map<String, Object> input, List<ImageRef> images) {
        this(task, context, input, images, null);
    }

    public GptRequest {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(context, "context");
        input = Json.copy(input);
        images = images == null ? List.of() : List.copyOf(images);
    }
}
