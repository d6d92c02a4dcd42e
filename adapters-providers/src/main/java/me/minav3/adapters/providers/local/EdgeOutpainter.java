package me.minav3.adapters.providers.local;

import java.awt.Color;
import org.jspecify.annotations.Nullable;

/**
 * Outpaints a bigger canvas around an image: the source is copied unscaled at its place, and every new pixel is
 * made from the source's edges. Next to the edge a new pixel is the source's edge band (the outer eighth of its side)
 * mirrored across that edge, repeatedly for wide borders, so texture and gradients continue without a seam and
 * the subject in the middle is never copied out; farther out it fades into a strongly blurred copy of that
 * mirror, so the repeated band does not read as a pattern. An optional tint (from a prompt's colour word)
 * colours the far border. Deterministic.
 */
final class EdgeOutpainter {

    /** How much of the far border a tint colours. */
    static final double TINT_STRENGTH = 0.35;

    /** The mirrored band along an edge is this fraction of the source's side. */
    static final int BAND_FRACTION = 8;

    private EdgeOutpainter() {}

    /**
     * The {@code canvasWidth}×{@code canvasHeight} canvas with {@code argb} ({@code width}×{@code height}) at
     * {@code (left, top)}.
     */
    static int[] expand(
            int[] argb,
            int width,
            int height,
            int canvasWidth,
            int canvasHeight,
            int left,
            int top,
            @Nullable Color tint) {
        if (left < 0 || top < 0 || left + width > canvasWidth || top + height > canvasHeight) {
            throw new IllegalArgumentException("the source must lie inside the canvas");
        }
        int n = canvasWidth * canvasHeight;
        int longSide = Math.max(width, height);
        // Only a band of the source along each edge is mirrored (repeatedly, for wide borders), so the subject in
        // the middle of the source is not copied into the border.
        int bandX = Math.max(1, Math.min(width, Math.max(8, width / BAND_FRACTION)));
        int bandY = Math.max(1, Math.min(height, Math.max(8, height / BAND_FRACTION)));
        int[] mirrored = new int[n];
        for (int y = 0; y < canvasHeight; y++) {
            int sy = fromEdgeBand(y - top, height, bandY);
            for (int x = 0; x < canvasWidth; x++) {
                int sx = fromEdgeBand(x - left, width, bandX);
                mirrored[y * canvasWidth + x] = argb[sy * width + sx];
            }
        }
        int blurRadius = Math.max(2, longSide / 24);
        float[][] blurred = TeleaInpainter.channels(mirrored, n);
        for (float[] channel : blurred) {
            for (int pass = 0; pass < 3; pass++) {
                Blur.box(channel, canvasWidth, canvasHeight, blurRadius);
            }
        }
        // The fade from mirror to blur takes a fraction of the source's size, but never more than the border.
        double feather = Math.max(1.0, longSide / 6.0);
        int[] out = new int[n];
        for (int y = 0; y < canvasHeight; y++) {
            int oy = y - top;
            double dy = oy < 0 ? -oy : oy >= height ? oy - height + 1 : 0;
            for (int x = 0; x < canvasWidth; x++) {
                int i = y * canvasWidth + x;
                int ox = x - left;
                if (ox >= 0 && ox < width && oy >= 0 && oy < height) {
                    out[i] = argb[oy * width + ox];
                    continue;
                }
                double dx = ox < 0 ? -ox : ox >= width ? ox - width + 1 : 0;
                double s = smoothstep(Math.hypot(dx, dy) / feather);
                int m = mirrored[i];
                double a = mix(m >>> 24, blurred[3][i], s);
                double r = mix((m >> 16) & 0xff, blurred[0][i], s);
                double g = mix((m >> 8) & 0xff, blurred[1][i], s);
                double b = mix(m & 0xff, blurred[2][i], s);
                if (tint != null) {
                    double k = TINT_STRENGTH * s;
                    r += (tint.getRed() - r) * k;
                    g += (tint.getGreen() - g) * k;
                    b += (tint.getBlue() - b) * k;
                }
                out[i] = TeleaInpainter.clamp(a) << 24
                        | TeleaInpainter.clamp(r) << 16
                        | TeleaInpainter.clamp(g) << 8
                        | TeleaInpainter.clamp(b);
            }
        }
        return out;
    }

    /**
     * The source coordinate for canvas coordinate {@code v} (relative to the source's start): itself inside the
     * source, else mirrored within the {@code band} pixels next to the nearer edge.
     */
    static int fromEdgeBand(int v, int size, int band) {
        if (v >= 0 && v < size) {
            return v;
        }
        if (v < 0) {
            return reflect(-v - 1, band);
        }
        return size - 1 - reflect(v - size, band);
    }

    /** Mirror-reflects a coordinate into [0, size), repeating for borders wider than the source. */
    static int reflect(int v, int size) {
        if (size == 1) {
            return 0;
        }
        int period = 2 * size;
        int m = Math.floorMod(v, period);
        return m < size ? m : period - 1 - m;
    }

    private static double smoothstep(double t) {
        double c = Math.min(1.0, Math.max(0.0, t));
        return c * c * (3 - 2 * c);
    }

    private static double mix(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
