package me.minav3.adapters.providers.local;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import me.minav3.mma.providers.EditCanvas;
import me.minav3.mma.providers.EditOptions;
import me.minav3.mma.providers.EditTool;
import org.jspecify.annotations.Nullable;

/**
 * The local algorithm of every edit tool (decision 043), as {@link LocalTool}s for {@link LocalImageEditor}:
 * Telea inpainting for eraser and inpaint, edge-band outpainting for expand, a GrabCut-like cut-out for remove
 * background, Lanczos-3 for upscale and a potrace-like colour tracer for vectorize.
 */
final class LocalEditTools {

    private LocalEditTools() {}

    static Map<EditTool, LocalTool> all() {
        Map<EditTool, LocalTool> tools = new EnumMap<>(EditTool.class);
        tools.put(EditTool.ERASER, (source, mask, options) -> inpaint(source, mask, null));
        tools.put(EditTool.INPAINT, (source, mask, options) -> inpaint(source, mask, tint(options.prompt())));
        tools.put(EditTool.EXPAND, LocalEditTools::expand);
        tools.put(EditTool.REMOVE_BACKGROUND, (source, mask, options) -> {
            int w = source.getWidth();
            int h = source.getHeight();
            return new LocalTool.Raster(image(BackgroundCutout.cutout(pixels(source), w, h), w, h, true));
        });
        tools.put(EditTool.UPSCALE, (source, mask, options) -> {
            int w = source.getWidth();
            int h = source.getHeight();
            int s = options.scale();
            int[] argb = pixels(source);
            return new LocalTool.Raster(image(LanczosUpscaler.upscale(argb, w, h, s), w * s, h * s, hasAlpha(argb)));
        });
        tools.put(
                EditTool.VECTORIZE,
                (source, mask, options) ->
                        new LocalTool.Svg(ContourTracer.trace(pixels(source), source.getWidth(), source.getHeight())));
        return tools;
    }

    private static LocalTool.Output inpaint(BufferedImage source, @Nullable EditMask mask, @Nullable Color tint) {
        Objects.requireNonNull(mask, "a mask");
        int w = source.getWidth();
        int h = source.getHeight();
        int[] argb = pixels(source);
        return new LocalTool.Raster(image(TeleaInpainter.fill(argb, w, h, mask.bits(), tint), w, h, hasAlpha(argb)));
    }

    private static LocalTool.Output expand(BufferedImage source, @Nullable EditMask mask, EditOptions options) {
        EditCanvas canvas = Objects.requireNonNull(options.canvas(), "a canvas");
        int w = source.getWidth();
        int h = source.getHeight();
        int[] argb = pixels(source);
        int[] out = EdgeOutpainter.expand(
                argb, w, h, canvas.width(), canvas.height(), canvas.x(), canvas.y(), tint(options.prompt()));
        return new LocalTool.Raster(image(out, canvas.width(), canvas.height(), hasAlpha(argb)));
    }

    /** The first colour a prompt names, or null: what guides an inpaint or expand fill. */
    static @Nullable Color tint(@Nullable String prompt) {
        if (prompt == null) {
            return null;
        }
        List<String> colours = ColourNames.mentionedIn(prompt);
        return colours.isEmpty() ? null : ColourNames.colour(colours.get(0));
    }

    private static int[] pixels(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        return image.getRGB(0, 0, w, h, null, 0, w);
    }

    private static boolean hasAlpha(int[] argb) {
        for (int v : argb) {
            if ((v >>> 24) != 255) {
                return true;
            }
        }
        return false;
    }

    /** An opaque result is written as RGB (a smaller PNG); one with transparency keeps its alpha. */
    private static BufferedImage image(int[] argb, int w, int h, boolean alpha) {
        BufferedImage image = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, w, h, argb, 0, w);
        return image;
    }
}
