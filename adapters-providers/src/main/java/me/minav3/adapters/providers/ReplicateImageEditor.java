package me.minav3.adapters.providers;

import static me.minav3.mma.common.Json.obj;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import me.minav3.adapters.providers.http.ProviderCall;
import me.minav3.adapters.providers.http.ProviderHttp;
import me.minav3.mma.common.Json;
import me.minav3.mma.error.ProviderFailure.Kind;
import me.minav3.mma.providers.EditCanvas;
import me.minav3.mma.providers.EditJob;
import me.minav3.mma.providers.EditTool;
import me.minav3.mma.providers.EditedImage;
import me.minav3.mma.providers.ImageEditor;
import me.minav3.mma.providers.MediaPayload;

/**
 * The six edit tools on Replicate models (issue 23, decision 046), one prediction per edit on the prediction rules
 * of {@link ReplicatePredictions} (created once, its id recorded before polling, resumed when the stage runs again,
 * never sent again after Replicate may have accepted it). The model of each tool is
 * {@code models.<tool>} of {@code mma.provider.replicate.defaults}; the inputs are those the models' Replicate
 * pages document:
 *
 * <ul>
 *   <li>eraser, {@code bria/eraser}: {@code image}, {@code mask} (white = erase, our convention; a mask of
 *       another size, or with grey or transparent pixels, is redrawn pure black and white at the image's size:
 *       {@link BriaMask});
 *   <li>inpaint, {@code bria/genfill}: {@code image}, {@code mask}, {@code prompt};
 *   <li>expand, {@code bria/expand-image}: {@code image}, {@code canvas_size}, {@code original_image_size},
 *       {@code original_image_location} (each {@code [x, y]} or {@code [width, height]}), {@code prompt} when given;
 *   <li>remove background, {@code men1scus/birefnet} (a community model: pinned to a version): {@code image};
 *   <li>upscale, {@code bria/increase-resolution}: {@code image}, {@code desired_increase} 2 or 4 (or
 *       {@code nightmareai/real-esrgan} with {@code scale}, {@code google/upscaler} with {@code upscale_factor});
 *   <li>vectorize, {@code recraft-ai/recraft-vectorize}: {@code image}, giving an SVG file.
 * </ul>
 *
 * <p>Images are sent by URL, or inline as data URLs when Replicate could not fetch the URL ({@link InlineImages}).
 * The output is a temporary file URL the core downloads, sniffs and (SVG) sanitises; a URL whose file name says
 * another type than the tool makes (not {@code .svg} for vectorize, not {@code .png} for the others) is refused
 * here as a malformed reply, before anything is stored.
 */
final class ReplicateImageEditor implements ImageEditor {

    static final String NAME = "replicate";

    private final ReplicatePredictions predictions;
    private final ProviderHttp http;

    ReplicateImageEditor(ReplicatePredictions predictions, ProviderHttp http) {
        this.predictions = predictions;
        this.http = http;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String family() {
        return NAME;
    }

    @Override
    public Set<EditTool> tools() {
        return EnumSet.allOf(EditTool.class);
    }

    @Override
    public EditedImage edit(EditJob job) {
        Map<String, Object> defaults = Defaults.of(NAME, job.defaults());
        ProviderCall call = http.start(NAME, Defaults.timeouts(defaults));
        EditTool tool = job.tool();
        String model = model(defaults, tool, call);
        call.request("tool", tool.wire());
        ModelFit fit = new ModelFit(null);
        Map<String, Object> input = input(job, model, InlineImages.from(defaults), fit, call);
        fit.record(call);
        Map<String, Object> prediction = predictions.run(call, model, input, defaults, job.providerJob());
        MediaPayload.Remote output = MediaUrls.remote(MediaUrls.first(prediction.get("output")), "output", call);
        checkType(tool, model, output, call);
        return new EditedImage(output, tool.resultContentType(), NAME, model, call.trace());
    }

    /** {@code models.<tool>} of the defaults (the seeded ones under the configured ones). */
    private static String model(Map<String, Object> defaults, EditTool tool, ProviderCall call) {
        String model =
                Json.string(Json.object(defaults, "models"), tool.wire(), "").strip();
        if (model.isEmpty()) {
            throw call.failure(
                    Kind.CONFIGURATION,
                    "config mma.provider.replicate.defaults names no model for " + tool.wire() + " under \"models\"");
        }
        return model;
    }

    private static Map<String, Object> input(
            EditJob job, String model, InlineImages inline, ModelFit fit, ProviderCall call) {
        Map<String, Object> input = obj("image", inline.dataUrlOrUrl(job.source(), call));
        switch (job.tool()) {
            case ERASER -> input.put("mask", mask(job, inline, fit, call));
            case INPAINT -> {
                input.put("mask", mask(job, inline, fit, call));
                input.put("prompt", Objects.requireNonNull(job.options().prompt(), "inpaint prompt"));
            }
            case EXPAND -> {
                EditCanvas canvas = Objects.requireNonNull(job.options().canvas(), "expand canvas");
                input.put("canvas_size", List.of(canvas.width(), canvas.height()));
                input.put("original_image_size", List.of(canvas.sourceWidth(), canvas.sourceHeight()));
                input.put("original_image_location", List.of(canvas.x(), canvas.y()));
                if (job.options().prompt() != null) {
                    input.put("prompt", job.options().prompt());
                }
            }
            case UPSCALE -> putScale(input, model, job.options().scale(), call);
            case REMOVE_BACKGROUND, VECTORIZE -> {
                // the image is the whole input
            }
        }
        return input;
    }

    private static String mask(EditJob job, InlineImages inline, ModelFit fit, ProviderCall call) {
        return BriaMask.of(Objects.requireNonNull(job.mask(), "mask"), job.source(), inline, fit, call);
    }

    /** The documented upscalers name their factor differently; another model's would be a guess, so it is refused. */
    private static void putScale(Map<String, Object> input, String model, int scale, ProviderCall call) {
        String family = model.contains(":") ? model.substring(0, model.indexOf(':')) : model;
        switch (family) {
            case "bria/increase-resolution" -> input.put("desired_increase", scale);
            case "nightmareai/real-esrgan" -> input.put("scale", scale);
            case "google/upscaler" -> input.put("upscale_factor", "x" + scale);
            default ->
                throw call.failure(
                        Kind.CONFIGURATION,
                        "upscale model " + model + " is not one whose scale input is known (bria/increase-resolution,"
                                + " nightmareai/real-esrgan, google/upscaler)");
        }
    }

    /** Refuses an output whose file name says it is not what the tool makes; no extension is left to the sniffer. */
    private static void checkType(EditTool tool, String model, MediaPayload.Remote output, ProviderCall call) {
        String path = output.url().getPath() == null ? "" : output.url().getPath();
        String file = path.substring(path.lastIndexOf('/') + 1);
        int dot = file.lastIndexOf('.');
        if (dot < 0) {
            return;
        }
        String extension = file.substring(dot + 1).toLowerCase(Locale.ROOT);
        String expected = tool.makesSvg() ? "svg" : "png";
        if (!extension.equals(expected)) {
            throw call.failure(
                    Kind.MALFORMED_REPLY,
                    model + " answered " + tool.wire() + " with a ." + extension + " file; " + tool.wire() + " makes "
                            + tool.resultContentType());
        }
    }
}
