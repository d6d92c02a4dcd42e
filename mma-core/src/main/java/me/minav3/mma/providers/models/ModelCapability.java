package me.minav3.mma.providers.models;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one provider model accepts (one entry of {@code mma.provider.models}). An empty list means "not limited
 * by the table" except for {@code endFrameModes}, where empty means the model never takes an end frame.
 *
 * @param imageTypes    content types accepted for input images ({@code image/jpeg}…); empty: any
 * @param maxImages     how many input images at most (references of a still, or the start image); null: no limit
 * @param modes         the modes it runs in ({@code std}, {@code pro}; {@code standard} on Replicate); empty: any
 * @param endFrameModes the modes in which it takes an end frame; empty: it never takes one
 * @param durations     the video lengths in seconds it makes; empty: any the product offers
 * @param qualities     the size words it takes ({@code 1K}, {@code 2K}, {@code 4K}); empty: any
 * @param pixels        bounds of the output size; null: none known
 * @param sound         whether it can add sound
 * @param params        the optional request parameters it takes ({@code temperature}, {@code max_completion_tokens},
 *                      {@code image}, {@code sequential_image_generation}…); empty: whatever the adapter sends
 * @param soundModes    with {@code sound}, the modes in which it adds sound; empty: any mode it runs in
 */
public record ModelCapability(
        String provider,
        String model,
        List<String> imageTypes,
        @Nullable Integer maxImages,
        List<String> modes,
        List<String> endFrameModes,
        List<Integer> durations,
        List<String> qualities,
        @Nullable PixelBounds pixels,
        boolean sound,
        List<String> params,
        List<String> soundModes) {

    /** The longest video the product asks for; the listed Kling models make at most 15 s (decision 041). */
    public static final int MAX_SECONDS = 60;

    /**
     * Output size bounds: total pixels and the length of each side, each null when not limited.
     */
    public record PixelBounds(
            @Nullable Long minPixels,
            @Nullable Long maxPixels,
            @Nullable Integer minSide,
            @Nullable Integer maxSide) {

        /** Whether a width x height output is within every bound. */
        public boolean allows(int width, int height) {
            long total = (long) width * height;
            return (minPixels == null || total >= minPixels)
                    && (maxPixels == null || total <= maxPixels)
                    && (minSide == null || Math.min(width, height) >= minSide)
                    && (maxSide == null || Math.max(width, height) <= maxSide);
        }

        /** The bounds in words, for an error or a correction note: {@code 3686400 to 16777216 pixels}. */
        public String describe() {
            StringBuilder text = new StringBuilder();
            if (minPixels != null || maxPixels != null) {
                text.append(range(minPixels, maxPixels)).append(" pixels in total");
            }
            if (minSide != null || maxSide != null) {
                text.append(text.isEmpty() ? "" : ", ")
                        .append(range(
                                minSide == null ? null : minSide.longValue(),
                                maxSide == null ? null : maxSide.longValue()))
                        .append(" pixels a side");
            }
            return text.toString();
        }

        private static String range(@Nullable Long min, @Nullable Long max) {
            if (min != null && max != null) {
                return min + " to " + max;
            }
            return min != null ? "at least " + min : "at most " + max;
        }
    }

    public ModelCapability {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        imageTypes = imageTypes == null ? List.of() : List.copyOf(imageTypes);
        modes = modes == null ? List.of() : List.copyOf(modes);
        endFrameModes = endFrameModes == null ? List.of() : List.copyOf(endFrameModes);
        durations = durations == null ? List.of() : List.copyOf(durations);
        qualities = qualities == null ? List.of() : List.copyOf(qualities);
        params = params == null ? List.of() : List.copyOf(params);
        soundModes = soundModes == null ? List.of() : List.copyOf(soundModes);
        if (maxImages != null && maxImages < 0) {
            throw new IllegalArgumentException("max_images of " + model + " must not be negative");
        }
    }

    /** An entry whose sound, if any, is made in every mode. */
    public ModelCapability(
            String provider,
            String model,
            List<String> imageTypes,
            @Nullable Integer maxImages,
            List<String> modes,
            List<String> endFrameModes,
            List<Integer> durations,
            List<String> qualities,
            @Nullable PixelBounds pixels,
            boolean sound,
            List<String> params) {
        this(
                provider,
                model,
                imageTypes,
                maxImages,
                modes,
                endFrameModes,
                durations,
                qualities,
                pixels,
                sound,
                params,
                List.of());
    }

    /** The same entry for a model of its family ({@code o4-mini} found under {@code o4*}). */
    public ModelCapability named(String modelName) {
        return new ModelCapability(
                provider,
                modelName,
                imageTypes,
                maxImages,
                modes,
                endFrameModes,
                durations,
                qualities,
                pixels,
                sound,
                params,
                soundModes);
    }

    /** Whether an input image of this content type can be sent as it is. */
    public boolean takesImageType(String contentType) {
        return imageTypes.isEmpty() || imageTypes.contains(contentType.toLowerCase(Locale.ROOT));
    }

    /** Whether {@code count} input images are within {@code max_images}. */
    public boolean takesImages(int count) {
        return maxImages == null || count <= maxImages;
    }

    /** Whether the model takes an end frame in any mode. */
    public boolean takesEndFrame() {
        return !endFrameModes.isEmpty();
    }

    public boolean takesEndFrameIn(String mode) {
        return endFrameModes.contains(mode);
    }

    /** Whether the model adds sound in {@code mode} (any mode when {@code sound_modes} is not listed). */
    public boolean soundIn(@Nullable String mode) {
        return sound && (soundModes.isEmpty() || (mode != null && soundModes.contains(mode)));
    }

    public boolean runsIn(String mode) {
        return modes.isEmpty() || modes.contains(mode);
    }

    public boolean makes(int durationSeconds) {
        return durations.isEmpty() || durations.contains(durationSeconds);
    }

    public boolean takesQuality(String quality) {
        return qualities.isEmpty() || qualities.contains(quality);
    }

    /** Whether the model takes an optional request parameter; an entry that lists none takes whatever is sent. */
    public boolean takes(String param) {
        return params.isEmpty() || params.contains(param);
    }

    /** How an error or a step names it: {@code kling model kling-v2-1}. */
    public String describe() {
        return provider + " model " + model;
    }
}
