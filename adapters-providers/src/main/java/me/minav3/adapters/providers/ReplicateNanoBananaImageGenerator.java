package me.minav3.adapters.providers;

import static me.minav3.mma.common.Json.obj;

import java.util.Map;
import me.minav3.adapters.providers.http.ProviderCall;
import me.minav3.adapters.providers.http.ProviderHttp;
import me.minav3.mma.common.Json;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.ImageGenerator;
import me.minav3.mma.providers.ImageJob;

/**
 * Gemini image stills through Replicate's official Google models: {@code google/nano-banana} (prompt,
 * {@code image_input}, {@code aspect_ratio}, {@code output_format}) and {@code google/nano-banana-pro}, which also
 * takes {@code resolution} 1K/2K/4K. The prediction is created once with its dedupe key and polled like every
 * Replicate job (decision 013); the output is a temporary file URL.
 */
final class ReplicateNanoBananaImageGenerator implements ImageGenerator {

    static final String NAME = "nano_banana_replicate";

    private final ReplicatePredictions predictions;
    private final ProviderHttp http;

    ReplicateNanoBananaImageGenerator(ReplicatePredictions predictions, ProviderHttp http) {
        this.predictions = predictions;
        this.http = http;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String family() {
        return "nano_banana";
    }

    @Override
    public GeneratedMedia generate(ImageJob job) {
        Map<String, Object> defaults = Defaults.of(NAME, job.defaults());
        ProviderCall call = http.start(NAME, Defaults.timeouts(defaults));
        String model = Json.string(defaults, "model", "google/nano-banana");
        ModelFit fit = new ModelFit(job.capability());
        Map<String, Object> input = obj("prompt", job.prompt());
        InlineImages inline = InlineImages.from(defaults);
        if (!job.references().isEmpty()) {
            input.put("image_input", fit.references(job.references(), inline, call));
        }
        input.put("aspect_ratio", job.aspectRatio().wire());
        if (model.endsWith("-pro")) {
            String quality = Defaults.text(job.settings(), defaults, "quality", "2K");
            input.put(
                    "resolution",
                    switch (quality) {
                        case "1K", "2K", "4K" -> quality;
                        default -> "2K";
                    });
        }
        input.put("output_format", "png");
        fit.record(call);
        Map<String, Object> prediction = predictions.run(call, model, input, defaults, job.providerJob());
        return new GeneratedMedia(
                MediaUrls.remote(MediaUrls.first(prediction.get("output")), "output", call), NAME, model, call.trace());
    }
}
