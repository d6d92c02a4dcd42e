package me.minav3.adapters.providers.local;

import java.awt.Color;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Fills the masked pixels of an image from their surroundings with Telea's fast-marching method (A. Telea, "An
 * Image Inpainting Technique Based on the Fast Marching Method", 2004): the fill front moves inward from the mask's
 * edge in order of distance, and each pixel it reaches becomes the weighted mean of the known pixels within
 * {@link #RADIUS}, weighted by direction (along the front's normal), distance and level-set closeness. The fill
 * is then relaxed toward a harmonic (Laplace) fill, which removes the diagonal creases fast marching leaves in big
 * holes and continues linear gradients. Pixels outside the mask are copied untouched; the same input gives the
 * same output.
 *
 * <p>An optional tint (from an inpaint prompt's colour word) pulls the fill toward that colour, more the deeper a
 * pixel lies in the mask, so the seam stays continuous while the middle takes the prompt's colour.
 */
final class TeleaInpainter {

    /** The neighbourhood radius in pixels (OpenCV's default for {@code INPAINT_TELEA} is 3; 5 smooths better). */
    static final int RADIUS = 5;

    /** How far a tint pulls a pixel at full depth. */
    static final double TINT_STRENGTH = 0.55;

    /** Depth (in pixels from the mask's edge) at which the tint reaches full strength. */
    static final double TINT_DEPTH = 6.0;

    /** Laplace relaxation sweeps after the fast-marching fill, and their over-relaxation factor. */
    static final int RELAX_SWEEPS = 60;

    static final float RELAX_OMEGA = 1.8f;

    private static final byte KNOWN = 0;
    private static final byte BAND = 1;
    private static final byte INSIDE = 2;
    private static final float FAR = 1.0e6f;

    private TeleaInpainter() {}

    /**
     * The image {@code argb} ({@code width}×{@code height}, row-major, packed ARGB) with every pixel where
     * {@code mask} is true filled; the others are copied as they are.
     */
    static int[] fill(int[] argb, int width, int height, boolean[] mask, @Nullable Color tint) {
        Objects.requireNonNull(argb, "argb");
        Objects.requireNonNull(mask, "mask");
        int n = width * height;
        if (argb.length != n || mask.length != n) {
            throw new IllegalArgumentException("image and mask must both have " + n + " pixels");
        }
        int[] out = argb.clone();
        byte[] flag = new byte[n];
        float[] t = new float[n];
        float[][] channel = channels(argb, n);
        FloatIntHeap band = new FloatIntHeap(Math.max(16, n / 8));
        boolean anyKnown = false;
        for (int i = 0; i < n; i++) {
            if (mask[i]) {
                flag[i] = INSIDE;
                t[i] = FAR;
            } else {
                anyKnown = true;
            }
        }
        if (!anyKnown) {
            // Nothing to fill from: the whole image is masked. A flat mid-grey (or the tint) is the honest answer.
            int grey = tint == null ? 0xff808080 : 0xff000000 | (tint.getRGB() & 0xffffff);
            Arrays.fill(out, grey);
            return out;
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                if (flag[i] == KNOWN && touchesInside(flag, x, y, width, height)) {
                    flag[i] = BAND;
                    band.push(0f, i);
                }
            }
        }
        int[] dx = {-1, 1, 0, 0};
        int[] dy = {0, 0, -1, 1};
        while (!band.isEmpty()) {
            int p = band.pop();
            flag[p] = KNOWN;
            int px = p % width;
            int py = p / width;
            for (int k = 0; k < 4; k++) {
                int qx = px + dx[k];
                int qy = py + dy[k];
                if (qx < 0 || qy < 0 || qx >= width || qy >= height) {
                    continue;
                }
                int q = qy * width + qx;
                if (flag[q] != INSIDE) {
                    continue;
                }
                t[q] = arrival(t, flag, qx, qy, width, height);
                paint(q, qx, qy, width, height, flag, t, channel);
                flag[q] = BAND;
                band.push(t[q], q);
            }
        }
        relax(channel, mask, width, height);
        for (int i = 0; i < n; i++) {
            if (mask[i]) {
                double r = channel[0][i];
                double g = channel[1][i];
                double b = channel[2][i];
                if (tint != null) {
                    double k = TINT_STRENGTH * Math.min(1.0, t[i] / TINT_DEPTH);
                    r += (tint.getRed() - r) * k;
                    g += (tint.getGreen() - g) * k;
                    b += (tint.getBlue() - b) * k;
                }
                out[i] = clamp(channel[3][i]) << 24 | clamp(r) << 16 | clamp(g) << 8 | clamp(b);
            }
        }
        return out;
    }

    /**
     * Over-relaxed Gauss–Seidel sweeps of Laplace's equation on the masked pixels, starting from the fast-marching
     * fill: it keeps the fill's values at the seam, removes the diagonal creases fast marching leaves in big holes
     * and continues linear gradients exactly (a linear ramp is harmonic).
     */
    private static void relax(float[][] c, boolean[] mask, int width, int height) {
        int count = 0;
        for (boolean m : mask) {
            if (m) count++;
        }
        int[] pixels = new int[count];
        int k = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) pixels[k++] = i;
        }
        for (int sweep = 0; sweep < RELAX_SWEEPS; sweep++) {
            for (int i : pixels) {
                int x = i % width;
                int y = i / width;
                for (float[] ch : c) {
                    float sum = 0;
                    int neighbours = 0;
                    if (x > 0) {
                        sum += ch[i - 1];
                        neighbours++;
                    }
                    if (x + 1 < width) {
                        sum += ch[i + 1];
                        neighbours++;
                    }
                    if (y > 0) {
                        sum += ch[i - width];
                        neighbours++;
                    }
                    if (y + 1 < height) {
                        sum += ch[i + width];
                        neighbours++;
                    }
                    ch[i] += RELAX_OMEGA * (sum / neighbours - ch[i]);
                }
            }
        }
    }

    private static boolean touchesInside(byte[] flag, int x, int y, int width, int height) {
        return (x > 0 && flag[y * width + x - 1] == INSIDE)
                || (x + 1 < width && flag[y * width + x + 1] == INSIDE)
                || (y > 0 && flag[(y - 1) * width + x] == INSIDE)
                || (y + 1 < height && flag[(y + 1) * width + x] == INSIDE);
    }

    /** The arrival time of the front at (x, y): the smallest solution of the eikonal equation |∇T| = 1. */
    private static float arrival(float[] t, byte[] flag, int x, int y, int width, int height) {
        int left = x > 0 ? y * width + x - 1 : -1;
        int right = x + 1 < width ? y * width + x + 1 : -1;
        int up = y > 0 ? (y - 1) * width + x : -1;
        int down = y + 1 < height ? (y + 1) * width + x : -1;
        float best = FAR;
        best = Math.min(best, solve(t, flag, left, up));
        best = Math.min(best, solve(t, flag, right, up));
        best = Math.min(best, solve(t, flag, left, down));
        best = Math.min(best, solve(t, flag, right, down));
        return best;
    }

    private static float solve(float[] t, byte[] flag, int a, int b) {
        boolean aKnown = a >= 0 && flag[a] != INSIDE;
        boolean bKnown = b >= 0 && flag[b] != INSIDE;
        if (aKnown && bKnown) {
            float ta = t[a];
            float tb = t[b];
            float d = ta - tb;
            if (Math.abs(d) < 1f) {
                float r = (float) Math.sqrt(2f - d * d);
                return (ta + tb + r) / 2f;
            }
            return Math.min(ta, tb) + 1f;
        }
        if (aKnown) {
            return t[a] + 1f;
        }
        if (bKnown) {
            return t[b] + 1f;
        }
        return FAR;
    }

    private static void paint(int q, int qx, int qy, int width, int height, byte[] flag, float[] t, float[][] c) {
        // The front's normal at q: the gradient of T from the neighbours the front has passed.
        double gx = gradient(t, flag, qx, qy, width, height, true);
        double gy = gradient(t, flag, qx, qy, width, height, false);
        double norm = Math.hypot(gx, gy);
        if (norm > 0) {
            gx /= norm;
            gy /= norm;
        }
        double sum = 0;
        double r = 0;
        double g = 0;
        double b = 0;
        double a = 0;
        int x0 = Math.max(0, qx - RADIUS);
        int x1 = Math.min(width - 1, qx + RADIUS);
        int y0 = Math.max(0, qy - RADIUS);
        int y1 = Math.min(height - 1, qy + RADIUS);
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                int p = y * width + x;
                if (flag[p] != KNOWN) {
                    continue;
                }
                int rx = qx - x;
                int ry = qy - y;
                int d2 = rx * rx + ry * ry;
                if (d2 == 0 || d2 > RADIUS * RADIUS) {
                    continue;
                }
                double length = Math.sqrt(d2);
                double direction = Math.abs(rx * gx + ry * gy) / length;
                if (norm == 0 || direction < 0.01) {
                    direction = 0.01;
                }
                double level = 1.0 / (1.0 + Math.abs(t[p] - t[q]));
                double w = direction * level / d2;
                sum += w;
                r += w * c[0][p];
                g += w * c[1][p];
                b += w * c[2][p];
                a += w * c[3][p];
            }
        }
        if (sum > 0) {
            c[0][q] = (float) (r / sum);
            c[1][q] = (float) (g / sum);
            c[2][q] = (float) (b / sum);
            c[3][q] = (float) (a / sum);
        }
    }

    private static double gradient(float[] t, byte[] flag, int x, int y, int width, int height, boolean alongX) {
        int before = alongX ? (x > 0 ? y * width + x - 1 : -1) : (y > 0 ? (y - 1) * width + x : -1);
        int after = alongX ? (x + 1 < width ? y * width + x + 1 : -1) : (y + 1 < height ? (y + 1) * width + x : -1);
        boolean hasBefore = before >= 0 && flag[before] != INSIDE;
        boolean hasAfter = after >= 0 && flag[after] != INSIDE;
        // One-sided differences toward the known side where only one neighbour has been passed.
        if (hasBefore && hasAfter) {
            return (t[after] - t[before]) / 2.0;
        }
        int here = y * width + x;
        if (hasBefore) {
            return t[here] - t[before];
        }
        if (hasAfter) {
            return t[after] - t[here];
        }
        return 0;
    }

    static float[][] channels(int[] argb, int n) {
        float[][] c = new float[4][n];
        for (int i = 0; i < n; i++) {
            int v = argb[i];
            c[0][i] = (v >> 16) & 0xff;
            c[1][i] = (v >> 8) & 0xff;
            c[2][i] = v & 0xff;
            c[3][i] = v >>> 24;
        }
        return c;
    }

    static int clamp(double v) {
        long r = Math.round(v);
        return r < 0 ? 0 : r > 255 ? 255 : (int) r;
    }

    /** A binary min-heap of (key, index), ties broken by the smaller index so the order is deterministic. */
    private static final class FloatIntHeap {
        private float[] keys;
        private int[] values;
        private int size;

        FloatIntHeap(int capacity) {
            keys = new float[capacity];
            values = new int[capacity];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void push(float key, int value) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (!less(key, value, keys[parent], values[parent])) {
                    break;
                }
                keys[i] = keys[parent];
                values[i] = values[parent];
                i = parent;
            }
            keys[i] = key;
            values[i] = value;
        }

        int pop() {
            int top = values[0];
            size--;
            float key = keys[size];
            int value = values[size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && less(keys[child + 1], values[child + 1], keys[child], values[child])) {
                    child++;
                }
                if (!less(keys[child], values[child], key, value)) {
                    break;
                }
                keys[i] = keys[child];
                values[i] = values[child];
                i = child;
            }
            keys[i] = key;
            values[i] = value;
            return top;
        }

        private static boolean less(float ka, int va, float kb, int vb) {
            return ka < kb || (ka == kb && va < vb);
        }
    }
}
