package me.minav3.adapters.providers;

import static me.minav3.mma.common.Json.obj;

import java.util.Map;
import me.minav3.adapters.providers.http.ProviderCall;
import me.minav3.adapters.providers.http.ProviderHttp;
import me.minav3.mma.common.Json;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.VideoGenerator;
import me.minav3.mma.providers.VideoJob;
import me.minav3.mma.providers.models.ModelCapability;

/**
 * Kling videos through Replicate (e.g. {@code kwaivgi/kling-v2.1}): {@code start_image}, {@code prompt},
 * {@code mode} (standard/pro), {@code duration} in seconds; {@code end_image} only in pro mode, the only mode that
 * takes one. {@code kwaivgi/kling-v2.5-turbo-pro} and {@code kwaivgi/kling-v2.6} take no mode; v2.6 takes
 * {@code generate_audio}. The output is a temporary (1 h) file URL.
 */
final class ReplicateVideoGenerator implements VideoGenerator {

    static final String NAME = "kling_replicate";

    private final ReplicatePredictions predictions;
    private final ProviderHttp http;

    ReplicateVideoGenerator(ReplicatePredictions predictions, ProviderHttp http) {
        this.predictions = predictions;
        this.http = http;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String family() {
        return "kling";
    }

    @Override
    public GeneratedMedia generate(VideoJob job) {
        Map<String, Object> defaults = Defaults.of(NAME, job.defaults());
        ProviderCall call = http.start(NAME, Defaults.timeouts(defaults));
        String model = Json.string(defaults, "model", "kwaivgi/kling-v2.1");
        Map<String, Object> input = input(job, defaults, call);
        Map<String, Object> prediction = predictions.run(call, model, input, defaults, job.providerJob());
        return new GeneratedMedia(
                MediaUrls.remote(MediaUrls.first(prediction.get("output")), "output", call), NAME, model, call.trace());
    }

    /** The prediction input, fitted to the model: an end frame moves {@code standard} to {@code pro}. */
    private static Map<String, Object> input(VideoJob job, Map<String, Object> defaults, ProviderCall call) {
        ModelFit fit = new ModelFit(job.capability());
        fit.duration(job.durationSeconds(), call);
        String asked = Defaults.text(job.settings(), defaults, "mode", "standard");
        asked = asked.equals("std") ? "standard" : asked;
        ModelCapability capability = job.capability();
        boolean listed = capability != null;
        String mode = listed ? fit.mode(asked, job.endImage() != null, job.sound(), call) : asked;
        InlineImages inline = InlineImages.from(defaults);
        Map<String, Object> input =
                obj("prompt", job.prompt(), "start_image", fit.image(job.startImage(), "start", inline, false, call));
        // A listed model without modes (kling-v2.5-turbo-pro, kling-v2.6) has no "mode" input (decision 041).
        if (capability == null || !capability.modes().isEmpty()) {
            input.put("mode", mode);
        }
        input.put("duration", job.durationSeconds());
        if (capability != null ? capability.sound() : job.sound()) {
            input.put("generate_audio", fit.sound(job.sound()));
        }
        String negative = Defaults.negativePrompt(job, defaults);
        if (!negative.isBlank()) {
            input.put("negative_prompt", negative);
        }
        if (job.endImage() != null) {
            if (mode.equals("pro") || listed) { // a listed model that takes none was refused at submission
                input.put("end_image", fit.image(job.endImage(), "end", inline, false, call));
            } else {
                call.request("note", "end image left out: the model takes one only in pro mode");
            }
        }
        fit.record(call);
        return input;
    }
}
