package me.minav3.adapters.providers.local;

/** Separable box blurs on one float channel, edges clamped; three passes approximate a Gaussian. */
final class Blur {

    private Blur() {}

    /** Blurs {@code c} ({@code width}×{@code height}, row-major) in place with a box of radius {@code r}. */
    static void box(float[] c, int width, int height, int r) {
        float[] line = new float[Math.max(width, height)];
        for (int y = 0; y < height; y++) {
            int base = y * width;
            System.arraycopy(c, base, line, 0, width);
            boxLine(line, width, r, c, base, 1);
        }
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                line[y] = c[y * width + x];
            }
            boxLine(line, height, r, c, x, width);
        }
    }

    private static void boxLine(float[] in, int length, int r, float[] out, int start, int stride) {
        double sum = 0;
        for (int k = -r; k <= r; k++) {
            sum += in[clampIndex(k, length)];
        }
        double scale = 1.0 / (2 * r + 1);
        for (int i = 0; i < length; i++) {
            out[start + i * stride] = (float) (sum * scale);
            sum += in[clampIndex(i + r + 1, length)] - in[clampIndex(i - r, length)];
        }
    }

    private static int clampIndex(int i, int length) {
        return i < 0 ? 0 : i >= length ? length - 1 : i;
    }
}
