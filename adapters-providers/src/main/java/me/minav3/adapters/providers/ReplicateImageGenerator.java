package me.minav3.adapters.providers;

import static me.minav3.mma.common.Json.obj;

import java.util.Map;
import java.util.Set;
import me.minav3.adapters.providers.http.ProviderCall;
import me.minav3.adapters.providers.http.ProviderHttp;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.Json;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.ImageGenerator;
import me.minav3.mma.providers.ImageJob;

/**
 * Seedream stills through Replicate ({@code bytedance/seedream-4}): {@code size} 1K/2K/4K with the aspect ratio,
 * or, for the ratios the model does not list (4:5, 5:4), {@code size: custom} with the 2K pixel size of
 * {@link SeedreamSize}. The output is a temporary (1 h) file URL.
 */
final class ReplicateImageGenerator implements ImageGenerator {

    static final String NAME = "seedream_replicate";
    private static final Set<String> LISTED_RATIOS = Set.of("1:1", "4:3", "3:4", "16:9", "9:16", "3:2", "2:3", "21:9");

    private final ReplicatePredictions predictions;
    private final ProviderHttp http;

    ReplicateImageGenerator(ReplicatePredictions predictions, ProviderHttp http) {
        this.predictions = predictions;
        this.http = http;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String family() {
        return "seedream";
    }

    @Override
    public GeneratedMedia generate(ImageJob job) {
        Map<String, Object> defaults = Defaults.of(NAME, job.defaults());
        ProviderCall call = http.start(NAME, Defaults.timeouts(defaults));
        String model = Json.string(defaults, "model", "bytedance/seedream-4");
        ModelFit fit = new ModelFit(job.capability());
        Map<String, Object> input = obj("prompt", job.prompt());
        InlineImages inline = InlineImages.from(defaults);
        if (!job.references().isEmpty()) {
            input.put("image_input", fit.references(job.references(), inline, call));
        }
        putSize(input, job.aspectRatio(), quality(job, defaults, fit), fit);
        input.put("sequential_image_generation", "disabled");
        input.put("max_images", 1);
        fit.record(call);
        Map<String, Object> prediction = predictions.run(call, model, input, defaults, job.providerJob());
        return new GeneratedMedia(
                MediaUrls.remote(MediaUrls.first(prediction.get("output")), "output", call), NAME, model, call.trace());
    }

    /** The quality asked for, or the nearest one the model makes (Seedream 4.5 makes no 1K: sent as 2K). */
    private static SeedreamSize.Quality quality(ImageJob job, Map<String, Object> defaults, ModelFit fit) {
        SeedreamSize.Quality asked = SeedreamSize.Quality.parse(
                Defaults.text(job.settings(), defaults, "quality", "2K"), SeedreamSize.Quality.K2);
        var model = job.capability();
        if (model == null || model.takesQuality(asked.wire())) {
            return asked;
        }
        SeedreamSize.Quality nearest = asked;
        for (SeedreamSize.Quality candidate : SeedreamSize.Quality.values()) {
            if (model.takesQuality(candidate.wire())
                    && (nearest == asked
                            || Math.abs(candidate.ordinal() - asked.ordinal())
                                    < Math.abs(nearest.ordinal() - asked.ordinal()))) {
                nearest = candidate;
            }
        }
        if (nearest != asked) {
            fit.correct("size " + asked.wire() + " sent as " + nearest.wire() + ": " + model.describe() + " makes "
                    + String.join(", ", model.qualities()));
        }
        return nearest;
    }

    private static void putSize(
            Map<String, Object> input, AspectRatio ratio, SeedreamSize.Quality quality, ModelFit fit) {
        if (LISTED_RATIOS.contains(ratio.wire())) {
            input.put("size", quality.wire());
            input.put("aspect_ratio", ratio.wire());
        } else {
            // Custom sizes accept 1024 to 4096 pixels a side: only the 2K row fits for every ratio.
            SeedreamSize size = fit.size(SeedreamSize.of(ratio, SeedreamSize.Quality.K2));
            input.put("size", "custom");
            input.put("width", size.width());
            input.put("height", size.height());
        }
    }
}
