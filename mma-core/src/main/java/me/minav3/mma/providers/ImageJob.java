package me.minav3.mma.providers;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;

/**
 * One still to make.
 *
 * @param references product, logo and inspiration images, in that order
 * @param settings   the user's settings (e.g. {@code quality})
 * @param defaults   the provider's {@code mma.provider.<name>.defaults} config value (model, watermark…)
 * @param providerJob the paid job behind it: started once, resumed when the stage runs again
 */
public record ImageJob(GenerationId generationId, String prompt, AspectRatio aspectRatio, List<ImageRef> references,
                       Map<String, Object> settings, Map<String, Object> defaults, ProviderJob providerJob) {

    public ImageJob {
        Objects.requireNonNull(generationId, "generation id");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(aspectRatio, "aspect ratio");
        references = references == null ? List.of() : List.copyOf(references);
        settings = Json.copy(settings);
        defaults = Json.copy(defaults);
        Objects.requireNonNull(providerJob, "provider job");
    }

    /** A still outside the pipeline: its job is {@link ProviderJob#untracked untracked}. */
    public ImageJob(GenerationId generationId, String prompt, AspectRatio aspectRatio, List<ImageRef> references,
                    Map<String, Object> settings, Map<String, Object> defaults) {
        this(generationId, prompt, aspectRatio, references, settings, defaults,
                ProviderJob.untracked(ProviderJob.keyOf(generationId, "still")));
    }
}
