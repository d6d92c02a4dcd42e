package me.minav3.mma.providers;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.providers.models.ModelCapability;
import org.jspecify.annotations.Nullable;

/**
 * One still to make.
 *
 * @param references product, logo and inspiration images, in that order
 * @param settings   the user's settings (e.g. {@code quality})
 * @param defaults   the provider's {@code mma.provider.<name>.defaults} config value (model, watermark…)
 * @param capability what the configured model accepts ({@code mma.provider.models}); null when the table does
 *                   not list it (sent as configured)
 * @param providerJob the paid job behind it: started once, resumed when the stage runs again
 */
public record ImageJob(
        GenerationId generationId,
        String prompt,
        AspectRatio aspectRatio,
        List<ImageRef> references,
        Map<String, Object> settings,
        Map<String, Object> defaults,
        @Nullable ModelCapability capability,
        ProviderJob providerJob) {

    public ImageJob {
        Objects.requireNonNull(generationId, "generation id");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(aspectRatio, "aspect ratio");
        references = references == null ? List.of() : List.copyOf(references);
        settings = Json.copy(settings);
        defaults = Json.copy(defaults);
        Objects.requireNonNull(providerJob, "provider job");
    }

    /** A still outside the pipeline, of a model the capability table does not list. */
    public ImageJob(
            GenerationId generationId,
            String prompt,
            AspectRatio aspectRatio,
            List<ImageRef> references,
            Map<String, Object> settings,
            Map<String, Object> defaults) {
        this(generationId, prompt, aspectRatio, references, settings, defaults, (ModelCapability) null);
    }

    /** A still outside the pipeline: its job is {@link ProviderJob#untracked untracked}. */
    public ImageJob(
            GenerationId generationId,
            String prompt,
            AspectRatio aspectRatio,
            List<ImageRef> references,
            Map<String, Object> settings,
            Map<String, Object> defaults,
            @Nullable ModelCapability capability) {
        this(
                generationId,
                prompt,
                aspectRatio,
                references,
                settings,
                defaults,
                capability,
                ProviderJob.untracked(ProviderJob.keyOf(generationId, "still")));
    }

    /** A still of a model the capability table does not list. */
    public ImageJob(
            GenerationId generationId,
            String prompt,
            AspectRatio aspectRatio,
            List<ImageRef> references,
            Map<String, Object> settings,
            Map<String, Object> defaults,
            ProviderJob providerJob) {
        this(generationId, prompt, aspectRatio, references, settings, defaults, null, providerJob);
    }
}
