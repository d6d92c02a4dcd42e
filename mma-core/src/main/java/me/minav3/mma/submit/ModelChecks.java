package me.minav3.mma.submit;

import java.util.Objects;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.providers.ConfiguredModels;

/**
 * Refuses at submission what the configured model cannot do ({@code mma.provider.models}), before anything is
 * imported, written or charged. What the adapter can correct without changing the user's intent (a mode that takes
 * an end frame, a size within the model's bounds, an image converted to a type it takes) is not refused here.
 */
final class ModelChecks {

    private ModelChecks() {}

    /** A still made with {@code references} input images (product, logo, inspirations). */
    static void still(ConfigService config, int references) {
        still(config, references, 0);
    }

    /**
     * A still made with {@code inputs} input images (product, logo, inspirations) and {@code styleImages} reference
     * images of the chosen styles. Over the model's limit is refused, never trimmed (decision 032): which image
     * to leave out is the user's choice.
     */
    static void still(ConfigService config, int inputs, int styleImages) {
        still(config, "still", inputs, styleImages);
    }

    /** The same on the provider registry role of a still engine ({@code still}, {@code still_niche}…). */
    static void still(ConfigService config, String role, int inputs, int styleImages) {
        int references = inputs + styleImages;
        ConfiguredModels.forRole(config, role).ifPresent(model -> {
            if (styleImages > 0 && !model.takesImages(references)) {
                throw new InvalidInput(
                        Objects.equals(model.maxImages(), 0)
                                ? model.describe() + " makes images from text only and takes no style reference "
                                        + "images; choose no style"
                                : model.describe() + " takes at most " + model.maxImages() + " reference images; "
                                        + "your images (" + inputs + ") and the chosen styles' images (" + styleImages
                                        + ") make " + references + ". Choose fewer styles or images.");
            }
            if (!model.takesImages(references)) {
                throw new InvalidInput(
                        Objects.equals(model.maxImages(), 0)
                                ? model.describe()
                                        + " makes images from text only and takes no product, logo or inspiration "
                                        + "image; remove the " + references + " image" + (references == 1 ? "" : "s")
                                : model.describe() + " takes at most " + model.maxImages() + " reference images, not "
                                        + references);
            }
        });
    }
}
