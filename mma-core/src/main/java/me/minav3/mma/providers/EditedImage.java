package me.minav3.mma.providers;

import java.util.Objects;
import me.minav3.mma.common.ProviderTrace;

/**
 * What an {@link ImageEditor} returned: the result, its content type, which provider and model made it, and the
 * trace.
 *
 * <p>Result formats: {@link #PNG} for every raster tool (eraser, inpaint, expand and upscale may be RGB or RGBA;
 * remove background is always RGBA, the background at alpha 0); {@link #SVG} (a UTF-8 SVG document) for
 * vectorize. Sizes: eraser, inpaint and remove background keep the source's size; expand gives the canvas's;
 * upscale gives the source's times the scale. The result may be bytes or a temporary URL the caller downloads and
 * stores at once; either way the caller sniffs and, for SVG, sanitises it before storing — an adapter's word on
 * the type is not trusted.
 */
public record EditedImage(MediaPayload media, String contentType, String provider, String model, ProviderTrace trace) {

    public static final String PNG = "image/png";
    public static final String SVG = "image/svg+xml";

    public EditedImage {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(contentType, "content type");
        if (!contentType.equals(PNG) && !contentType.equals(SVG)) {
            throw new IllegalArgumentException("an edit gives " + PNG + " or " + SVG + ", was " + contentType);
        }
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        trace = trace == null ? ProviderTrace.EMPTY : trace;
    }
}
