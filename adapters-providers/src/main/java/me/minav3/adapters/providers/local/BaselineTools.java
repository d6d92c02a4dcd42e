package me.minav3.adapters.providers.local;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import me.minav3.mma.providers.EditCanvas;
import me.minav3.mma.providers.EditOptions;
import me.minav3.mma.providers.EditTool;
import org.jspecify.annotations.Nullable;

/**
 * The simplest honest local edits, one per tool, until the dedicated algorithms (issue 23 item 4) replace them:
 * a diffusion fill of the mask, edge-replicating outpainting, a border-colour flood segmentation, bicubic
 * resampling and a run-length colour tracer. Each really applies its job (nothing outside the mask changes,
 * the canvas holds the source exactly, the background gets alpha 0…), just less well than the real ones.
 */
final class BaselineTools {

    private BaselineTools() {}

    static Map<EditTool, LocalTool> all() {
        Map<EditTool, LocalTool> tools = new EnumMap<>(EditTool.class);
        tools.put(EditTool.ERASER, BaselineTools::fillMask);
        tools.put(EditTool.INPAINT, BaselineTools::fillMask);
        tools.put(EditTool.EXPAND, BaselineTools::expand);
        tools.put(EditTool.REMOVE_BACKGROUND, BaselineTools::removeBackground);
        tools.put(EditTool.UPSCALE, BaselineTools::upscale);
        tools.put(EditTool.VECTORIZE, BaselineTools::vectorize);
        return tools;
    }

    /** Fills the mask from its border inwards, each pixel the mean of its already-known 8 neighbours. */
    static LocalTool.Output fillMask(BufferedImage source, @Nullable EditMask mask, EditOptions options) {
        if (mask == null) {
            throw new IllegalArgumentException("a mask is needed");
        }
        int w = source.getWidth();
        int h = source.getHeight();
        int[] px = source.getRGB(0, 0, w, h, null, 0, w);
        boolean[] known = new boolean[w * h];
        for (int i = 0; i < known.length; i++) {
            known[i] = !mask.bits()[i];
        }
        boolean progress = true;
        while (progress) {
            progress = false;
            boolean[] next = known.clone();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    if (known[i]) {
                        continue;
                    }
                    long a = 0, r = 0, g = 0, b = 0;
                    int n = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int nx = x + dx;
                            int ny = y + dy;
                            if ((dx | dy) == 0 || nx < 0 || ny < 0 || nx >= w || ny >= h || !known[ny * w + nx]) {
                                continue;
                            }
                            int c = px[ny * w + nx];
                            a += c >>> 24;
                            r += (c >> 16) & 0xff;
                            g += (c >> 8) & 0xff;
                            b += c & 0xff;
                            n++;
                        }
                    }
                    if (n > 0) {
                        px[i] = (int) (a / n) << 24 | (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n);
                        next[i] = true;
                        progress = true;
                    }
                }
            }
            known = next;
        }
        for (int i = 0; i < known.length; i++) {
            if (!known[i]) {
                px[i] = 0xff808080; // the whole image was masked: nothing to learn from
            }
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, w, h, px, 0, w);
        return new LocalTool.Raster(out);
    }

    /** The source on the canvas; each new pixel repeats the nearest edge pixel of the source. */
    static LocalTool.Output expand(BufferedImage source, @Nullable EditMask mask, EditOptions options) {
        EditCanvas canvas = options.canvas();
        if (canvas == null) {
            throw new IllegalArgumentException("a canvas is needed");
        }
        int sw = source.getWidth();
        int sh = source.getHeight();
        BufferedImage out = new BufferedImage(canvas.width(), canvas.height(), BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < canvas.height(); y++) {
            int sy = Math.clamp(y - canvas.y(), 0, sh - 1);
            for (int x = 0; x < canvas.width(); x++) {
                int sx = Math.clamp(x - canvas.x(), 0, sw - 1);
                out.setRGB(x, y, source.getRGB(sx, sy));
            }
        }
        return new LocalTool.Raster(out);
    }

    /** Background = what a flood from the border reaches within a colour distance of the border's median colour. */
    static LocalTool.Output removeBackground(BufferedImage source, @Nullable EditMask mask, EditOptions options) {
        int w = source.getWidth();
        int h = source.getHeight();
        int[] px = source.getRGB(0, 0, w, h, null, 0, w);
        int[] border = new int[2 * (w + h)];
        int k = 0;
        for (int x = 0; x < w; x++) {
            border[k++] = px[x];
            border[k++] = px[(h - 1) * w + x];
        }
        for (int y = 0; y < h; y++) {
            border[k++] = px[y * w];
            border[k++] = px[y * w + w - 1];
        }
        int bg = median(border, 16) << 16 | median(border, 8) << 8 | median(border, 0);
        boolean[] background = new boolean[w * h];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int i = 0; i < w * h; i++) {
            int x = i % w;
            int y = i / w;
            if ((x == 0 || y == 0 || x == w - 1 || y == h - 1) && near(px[i], bg)) {
                background[i] = true;
                queue.add(i);
            }
        }
        while (!queue.isEmpty()) {
            int i = queue.poll();
            int x = i % w;
            int y = i / w;
            int[][] steps = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
            for (int[] s : steps) {
                int nx = x + s[0];
                int ny = y + s[1];
                if (nx < 0 || ny < 0 || nx >= w || ny >= h) {
                    continue;
                }
                int j = ny * w + nx;
                if (!background[j] && near(px[j], bg)) {
                    background[j] = true;
                    queue.add(j);
                }
            }
        }
        for (int i = 0; i < px.length; i++) {
            if (background[i]) {
                px[i] = px[i] & 0x00ffffff;
            }
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, w, h, px, 0, w);
        return new LocalTool.Raster(out);
    }

    private static int median(int[] colours, int shift) {
        int[] channel =
                Arrays.stream(colours).map(c -> (c >> shift) & 0xff).sorted().toArray();
        return channel[channel.length / 2];
    }

    private static boolean near(int argb, int rgb) {
        int dr = ((argb >> 16) & 0xff) - ((rgb >> 16) & 0xff);
        int dg = ((argb >> 8) & 0xff) - ((rgb >> 8) & 0xff);
        int db = (argb & 0xff) - (rgb & 0xff);
        return dr * dr + dg * dg + db * db <= 48 * 48;
    }

    /** Bicubic resampling to exactly scale × the source's size. */
    static LocalTool.Output upscale(BufferedImage source, @Nullable EditMask mask, EditOptions options) {
        int scale = options.scale();
        BufferedImage out =
                new BufferedImage(source.getWidth() * scale, source.getHeight() * scale, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(source, 0, 0, out.getWidth(), out.getHeight(), null);
        } finally {
            g.dispose();
        }
        return new LocalTool.Raster(out);
    }

    /** Colours quantised to 64, each colour's horizontal runs as one SVG path, at the source's size. */
    static LocalTool.Output vectorize(BufferedImage source, @Nullable EditMask mask, EditOptions options) {
        int w = source.getWidth();
        int h = source.getHeight();
        int step = Math.max(1, (int) Math.ceil(Math.max(w, h) / 256.0));
        Map<Integer, StringBuilder> paths = new TreeMap<>();
        for (int y = 0; y < h; y += step) {
            int x = 0;
            while (x < w) {
                int colour = quantised(source.getRGB(x, y));
                int end = x + step;
                while (end < w && quantised(source.getRGB(end, y)) == colour) {
                    end += step;
                }
                end = Math.min(end, w);
                if (colour != -1) {
                    int rowHeight = Math.min(step, h - y);
                    paths.computeIfAbsent(colour, c -> new StringBuilder())
                            .append('M')
                            .append(x)
                            .append(' ')
                            .append(y)
                            .append('h')
                            .append(end - x)
                            .append('v')
                            .append(rowHeight)
                            .append('h')
                            .append(x - end)
                            .append('z');
                }
                x = end;
            }
        }
        StringBuilder svg = new StringBuilder()
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(w)
                .append("\" height=\"")
                .append(h)
                .append("\" viewBox=\"0 0 ")
                .append(w)
                .append(' ')
                .append(h)
                .append("\" shape-rendering=\"crispEdges\">");
        paths.forEach((colour, d) -> svg.append("<path fill=\"#")
                .append(String.format("%06x", colour))
                .append("\" d=\"")
                .append(d)
                .append("\"/>"));
        return new LocalTool.Svg(svg.append("</svg>").toString());
    }

    /** The colour on a 4-level-per-channel grid, or -1 for a (mostly) transparent pixel. */
    private static int quantised(int argb) {
        if ((argb >>> 24) < 128) {
            return -1;
        }
        int r = ((argb >> 16) & 0xff) / 64 * 85;
        int g = ((argb >> 8) & 0xff) / 64 * 85;
        int b = (argb & 0xff) / 64 * 85;
        return r << 16 | g << 8 | b;
    }
}
