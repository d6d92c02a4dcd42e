package me.minav3.mma.providers;

import java.util.Map;
import java.util.Objects;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;

/**
 * One video to make from a start image (and optionally an end image).
 *
 * @param endImage may be null
 * @param defaults the provider's {@code mma.provider.<name>.defaults} config value (model, mode…)
 * @param providerJob the paid job behind it: started once, resumed when the stage runs again
 */
public record VideoJob(GenerationId generationId, String prompt, String negativePrompt, ImageRef startImage,
                       ImageRef endImage, int durationSeconds, AspectRatio aspectRatio, Map<String, Object> settings,
                       Map<String, Object> defaults, ProviderJob providerJob) {

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

    /** A video outside the pipeline: its job is {@link ProviderJob#untracked untracked}. */
    public VideoJob(GenerationId generationId, String prompt, String negativePrompt, ImageRef startImage,
                    ImageRef endImage, int durationSeconds, AspectRatio aspectRatio, Map<String, Object> settings,
                    Map<String, Object> defaults) {
        this(generationId, prompt, negativePrompt, startImage, endImage, durationSeconds, aspectRatio, settings,
                defaults, ProviderJob.untracked(ProviderJob.keyOf(generationId, "video")));
    }
}
