package me.minav3.mma.providers;

import java.util.Map;
import java.util.Objects;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.providers.models.ModelCapability;
import org.jspecify.annotations.Nullable;

/**
 * One video to make from a start image (and optionally an end image).
 *
 * @param endImage may be null
 * @param defaults the provider's {@code mma.provider.<name>.defaults} config value (model, mode…)
 * @param capability what the configured model accepts ({@code mma.provider.models}); null when the table does
 *                   not list it (sent as configured)
 * @param providerJob the paid job behind it: started once, resumed when the stage runs again
 */
public record VideoJob(
        GenerationId generationId,
        String prompt,
        @Nullable String negativePrompt,
        ImageRef startImage,
        @Nullable ImageRef endImage,
        int durationSeconds,
        AspectRatio aspectRatio,
        Map<String, Object> settings,
        Map<String, Object> defaults,
        @Nullable ModelCapability capability,
        ProviderJob providerJob) {

    public VideoJob {
        Objects.requireNonNull(generationId, "generation id");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(startImage, "start image");
        Objects.requireNonNull(aspectRatio, "aspect ratio");
        if (durationSeconds != 5 && durationSeconds != 10) {
            throw new IllegalArgumentException("video duration is 5 or 10 seconds, was " + durationSeconds);
        }
        settings = Json.copy(settings);
        defaults = Json.copy(defaults);
        Objects.requireNonNull(providerJob, "provider job");
    }

    /** A video outside the pipeline, of a model the capability table does not list. */
    public VideoJob(
            GenerationId generationId,
            String prompt,
            @Nullable String negativePrompt,
            ImageRef startImage,
            @Nullable ImageRef endImage,
            int durationSeconds,
            AspectRatio aspectRatio,
            Map<String, Object> settings,
            Map<String, Object> defaults) {
        this(
                generationId,
                prompt,
                negativePrompt,
                startImage,
                endImage,
                durationSeconds,
                aspectRatio,
                settings,
                defaults,
                (ModelCapability) null);
    }

    /** A video outside the pipeline: its job is {@link ProviderJob#untracked untracked}. */
    public VideoJob(
            GenerationId generationId,
            String prompt,
            @Nullable String negativePrompt,
            ImageRef startImage,
            @Nullable ImageRef endImage,
            int durationSeconds,
            AspectRatio aspectRatio,
            Map<String, Object> settings,
            Map<String, Object> defaults,
            @Nullable ModelCapability capability) {
        this(
                generationId,
                prompt,
                negativePrompt,
                startImage,
                endImage,
                durationSeconds,
                aspectRatio,
                settings,
                defaults,
                capability,
                ProviderJob.untracked(ProviderJob.keyOf(generationId, "video")));
    }

    /** A video of a model the capability table does not list. */
    public VideoJob(
            GenerationId generationId,
            String prompt,
            @Nullable String negativePrompt,
            ImageRef startImage,
            @Nullable ImageRef endImage,
            int durationSeconds,
            AspectRatio aspectRatio,
            Map<String, Object> settings,
            Map<String, Object> defaults,
            ProviderJob providerJob) {
        this(
                generationId,
                prompt,
                negativePrompt,
                startImage,
                endImage,
                durationSeconds,
                aspectRatio,
                settings,
                defaults,
                null,
                providerJob);
    }
}
