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
 * @param sound    whether the user asked for sound (sent only to a model that makes it, decision 041)
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
        ProviderJob providerJob,
        boolean sound) {

    /** The longest video asked for ({@link ModelCapability#MAX_SECONDS}). */
    public static final int MAX_SECONDS = ModelCapability.MAX_SECONDS;

    public VideoJob {
        Objects.requireNonNull(generationId, "generation id");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(startImage, "start image");
        Objects.requireNonNull(aspectRatio, "aspect ratio");
        if (durationSeconds < 1 || durationSeconds > MAX_SECONDS) {
            throw new IllegalArgumentException(
                    "video duration is 1 to " + MAX_SECONDS + " seconds, was " + durationSeconds);
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
                ProviderJob.untracked(ProviderJob.keyOf(generationId, "video")),
                false);
    }

    /** A silent video of a listed model (or of one the table does not list, when null). */
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
            @Nullable ModelCapability capability,
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
                capability,
                providerJob,
                false);
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
                providerJob,
                false);
    }
}
