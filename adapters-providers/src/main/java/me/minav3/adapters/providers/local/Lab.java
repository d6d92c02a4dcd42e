package me.minav3.adapters.providers.local;

/** sRGB (D65) to CIE L*a*b*, for colour distances that follow what people see. */
final class Lab {

    private static final float[] LINEAR = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            double c = v / 255.0;
            LINEAR[v] = (float) (c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
        }
    }

    private Lab() {}

    /**
     * The Lab channels of {@code argb} averaged over {@code step}×{@code step} blocks (the last block of a row or
     * column may be smaller) into a {@code w}×{@code h} image.
     */
    static float[][] ofBlocks(int[] argb, int width, int height, int step, int w, int h) {
        float[][] lab = new float[3][w * h];
        float[] out = new float[3];
        for (int by = 0; by < h; by++) {
            for (int bx = 0; bx < w; bx++) {
                double r = 0;
                double g = 0;
                double b = 0;
                int count = 0;
                for (int y = by * step; y < Math.min(height, by * step + step); y++) {
                    for (int x = bx * step; x < Math.min(width, bx * step + step); x++) {
                        int v = argb[y * width + x];
                        r += LINEAR[(v >> 16) & 0xff];
                        g += LINEAR[(v >> 8) & 0xff];
                        b += LINEAR[v & 0xff];
                        count++;
                    }
                }
                ofLinear(r / count, g / count, b / count, out);
                int i = by * w + bx;
                lab[0][i] = out[0];
                lab[1][i] = out[1];
                lab[2][i] = out[2];
            }
        }
        return lab;
    }

    private static void ofLinear(double r, double g, double b, float[] out) {
        double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        double fx = f(x);
        double fy = f(y);
        double fz = f(z);
        out[0] = (float) (116 * fy - 16);
        out[1] = (float) (500 * (fx - fy));
        out[2] = (float) (200 * (fy - fz));
    }

    private static double f(double t) {
        return t > 216.0 / 24389.0 ? Math.cbrt(t) : (24389.0 / 27.0 * t + 16) / 116.0;
    }
}
