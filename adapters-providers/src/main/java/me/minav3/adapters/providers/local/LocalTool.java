package me.minav3.adapters.providers.local;

import java.awt.image.BufferedImage;
import java.util.Objects;
import me.minav3.mma.providers.EditOptions;
import org.jspecify.annotations.Nullable;

/**
 * One local edit algorithm ({@link LocalImageEditor} holds one per {@link me.minav3.mma.providers.EditTool}).
 * Deterministic and pure: the same source, mask and options give the same output, with no I/O.
 *
 * <p>The source is TYPE_INT_ARGB at its full decoded size; the mask, given only to eraser and inpaint, has the
 * source's size. The output keeps the contract of {@link me.minav3.mma.providers.EditedImage}: a raster (encoded
 * as PNG by the editor) or an SVG document.
 */
interface LocalTool {

    Output apply(BufferedImage source, @Nullable EditMask mask, EditOptions options);

    /** What a tool made. */
    sealed interface Output {}

    /** A raster result; the editor encodes it as PNG (with alpha when the image has it). */
    record Raster(BufferedImage image) implements Output {
        public Raster {
            Objects.requireNonNull(image, "image");
        }
    }

    /** An SVG document (UTF-8 text). */
    record Svg(String document) implements Output {
        public Svg {
            Objects.requireNonNull(document, "document");
        }
    }
}
