package me.minav3.adapters.providers;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import me.minav3.adapters.providers.http.ProviderCall;
import me.minav3.mma.error.ProviderFailure.Kind;
import me.minav3.mma.providers.ImageRef;
import me.minav3.mma.providers.models.ModelCapability;
import org.jspecify.annotations.Nullable;

/**
 * Shapes one request to what its model takes ({@code mma.provider.models}, resolved by the core into the job).
 * A correction that keeps the user's intent (an end frame moves the mode to one that takes it, an image is
 * converted to a type the model takes, a size is brought within its bounds) is made and listed under
 * {@code corrections} in the request trace, which the step stores; what cannot be corrected fails before anything
 * is sent. A model the table does not list (null) is sent as configured.
 */
final class ModelFit {

    private static final Map<String, String> TYPES_BY_EXTENSION = Map.of(
            "jpg",
            "image/jpeg",
            "jpeg",
            "image/jpeg",
            "png",
            "image/png",
            "webp",
            "image/webp",
            "gif",
            "image/gif",
            "bmp",
            "image/bmp",
            "tif",
            "image/tiff",
            "tiff",
            "image/tiff");

    private final @Nullable ModelCapability model;
    private final List<String> corrections = new ArrayList<>();

    ModelFit(@Nullable ModelCapability model) {
        this.model = model;
    }

    /** Whether the model takes an optional request parameter; an unlisted model takes what is configured. */
    boolean takes(String param) {
        return model == null || model.takes(param);
    }

    void correct(String note) {
        corrections.add(note);
    }

    /** Lists the corrections made in the request trace (and so in the step). */
    void record(ProviderCall call) {
        if (!corrections.isEmpty()) {
            call.request("corrections", List.copyOf(corrections));
        }
    }

    /** A mode the model runs in and, with an end frame, one in which it takes the end frame. */
    String mode(String mode, boolean endFrame, ProviderCall call) {
        if (model == null) {
            return mode;
        }
        if (endFrame && !model.takesEndFrameIn(mode)) {
            if (!model.takesEndFrame()) {
                throw call.failure(Kind.CLIENT_ERROR, model.describe() + " takes no end frame");
            }
            String fitted = model.endFrameModes().get(0);
            correct("mode " + mode + " sent as " + fitted + ": " + model.describe() + " takes an end frame only in "
                    + String.join(" or ", model.endFrameModes()));
            return fitted;
        }
        if (!model.runsIn(mode)) {
            String fitted = model.modes().get(0);
            correct("mode " + mode + " sent as " + fitted + ": " + model.describe() + " runs in "
                    + String.join(" or ", model.modes()));
            return fitted;
        }
        return mode;
    }

    /**
     * A mode that also makes the sound asked for (decision 041): the end-frame fit first, then, when sound is asked
     * for in a mode that has none, the first sound mode that keeps the end frame. Fails before the call when the
     * model makes no sound (refused at submission too).
     */
    String mode(String mode, boolean endFrame, boolean sound, ProviderCall call) {
        String fitted = mode(mode, endFrame, call);
        if (model == null || !sound || model.soundIn(fitted)) {
            return fitted;
        }
        if (!model.sound()) {
            throw call.failure(Kind.CLIENT_ERROR, model.describe() + " makes no sound");
        }
        String withSound = model.soundModes().stream()
                .filter(m -> !endFrame || model.takesEndFrameIn(m))
                .findFirst()
                .orElseThrow(
                        () -> call.failure(Kind.CLIENT_ERROR, model.describe() + " makes no sound with an end frame"));
        correct("mode " + fitted + " sent as " + withSound + ": " + model.describe() + " makes sound only in "
                + String.join(" or ", model.soundModes()));
        return withSound;
    }

    /** Whether sound is sent: a listed model that makes none is sent none; an unlisted one gets what was asked. */
    boolean sound(boolean asked) {
        return asked && (model == null || model.sound());
    }

    /** Fails before the call when the model does not make videos of this length (refused at submission too). */
    void duration(int seconds, ProviderCall call) {
        if (model != null && !model.makes(seconds)) {
            throw call.failure(
                    Kind.CLIENT_ERROR,
                    model.describe() + " makes videos of " + model.durations() + " seconds, not " + seconds);
        }
    }

    /** Fails before the call when the model takes fewer input images (refused at submission too). */
    void imageCount(int count, ProviderCall call) {
        if (model != null && !model.takesImages(count)) {
            throw call.failure(
                    Kind.CLIENT_ERROR,
                    model.describe() + " takes at most " + model.maxImages() + " input images, not " + count);
        }
    }

    /** Reference images as the provider takes them ({@link #image}), their count checked first ({@link #imageCount}). */
    java.util.List<String> references(java.util.List<ImageRef> references, InlineImages inline, ProviderCall call) {
        imageCount(references.size(), call);
        return references.stream()
                .map(image -> image(image, "reference", inline, false, call))
                .toList();
    }

    /** A size within the model's pixel bounds, noting the change. */
    SeedreamSize size(SeedreamSize size) {
        if (model == null || model.pixels() == null || model.pixels().allows(size.width(), size.height())) {
            return size;
        }
        SeedreamSize fitted = size.within(model.pixels());
        correct("size " + size.wire() + " sent as " + fitted.wire() + ": " + model.describe() + " makes "
                + model.pixels().describe());
        return fitted;
    }

    /**
     * An input image as the provider takes it: its URL or inline bytes as {@link InlineImages} decides, or, when
     * the model does not take its type, converted to one it takes and sent inline.
     *
     * @param bareBase64 inline as bare base64 (Kling) instead of a data URL
     */
    String image(ImageRef image, String role, InlineImages inline, boolean bareBase64, ProviderCall call) {
        if (model == null || model.imageTypes().isEmpty() || model.takesImageType(typeByName(image.url()))) {
            return asIs(image, inline, bareBase64, call);
        }
        byte[] bytes = InlineImages.bytes(image, call);
        String type = InlineImages.contentType(bytes);
        if (model.takesImageType(type)) {
            return asIs(image, inline, bareBase64, call);
        }
        ImageConversion.Converted converted;
        try {
            converted = ImageConversion.to(model.imageTypes(), bytes);
        } catch (IOException | RuntimeException e) {
            throw call.failure(
                    Kind.CLIENT_ERROR,
                    model.describe() + " takes only " + String.join(", ", model.imageTypes()) + " and the " + role
                            + " image (" + type + ") could not be converted: " + e.getMessage(),
                    e);
        }
        correct(role + " image converted from " + type + " to " + converted.contentType() + ": " + model.describe()
                + " takes only " + String.join(", ", model.imageTypes()));
        String base64 = Base64.getEncoder().encodeToString(converted.bytes());
        return bareBase64 ? base64 : "data:" + converted.contentType() + ";base64," + base64;
    }

    private static String asIs(ImageRef image, InlineImages inline, boolean bareBase64, ProviderCall call) {
        return bareBase64 ? inline.base64OrUrl(image, call) : inline.dataUrlOrUrl(image, call);
    }

    /** The type a URL's file extension names ({@code .png}), or an empty string when it names none. */
    private static String typeByName(String url) {
        String path;
        try {
            path = URI.create(url).getPath();
        } catch (IllegalArgumentException e) {
            return "";
        }
        if (path == null || path.lastIndexOf('.') < 0) {
            return "";
        }
        String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return TYPES_BY_EXTENSION.getOrDefault(extension, "");
    }
}
