package me.minav3.adapters.providers.local;

/**
 * Enlarges an image by an integer factor with a separable Lanczos-3 filter (six taps per axis, weights normalised,
 * edges clamped) on premultiplied alpha, so transparent pixels leave no dark fringe. Lanczos keeps edges sharp
 * without the blocks of nearest-neighbour or the softness of bilinear; its small ringing is clamped to [0, 255].
 */
final class LanczosUpscaler {

    static final int LOBES = 3;

    private LanczosUpscaler() {}

    /** The image {@code argb} ({@code width}×{@code height}) enlarged {@code scale} times on both sides. */
    static int[] upscale(int[] argb, int width, int height, int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("the scale must be positive, was " + scale);
        }
        int outWidth = width * scale;
        int outHeight = height * scale;
        float[][] c = TeleaInpainter.channels(argb, width * height);
        premultiply(c);
        Taps horizontal = Taps.of(width, scale);
        Taps vertical = Taps.of(height, scale);
        float[][] wide = new float[4][outWidth * height];
        for (int ch = 0; ch < 4; ch++) {
            float[] src = c[ch];
            float[] dst = wide[ch];
            for (int y = 0; y < height; y++) {
                int row = y * width;
                int outRow = y * outWidth;
                for (int x = 0; x < outWidth; x++) {
                    int t0 = x * Taps.SIZE;
                    float sum = 0;
                    for (int k = 0; k < Taps.SIZE; k++) {
                        sum += horizontal.weight[t0 + k] * src[row + horizontal.index[t0 + k]];
                    }
                    dst[outRow + x] = sum;
                }
            }
        }
        int[] out = new int[outWidth * outHeight];
        float[] acc = new float[4];
        for (int y = 0; y < outHeight; y++) {
            int t0 = y * Taps.SIZE;
            for (int x = 0; x < outWidth; x++) {
                for (int ch = 0; ch < 4; ch++) {
                    float[] src = wide[ch];
                    float sum = 0;
                    for (int k = 0; k < Taps.SIZE; k++) {
                        sum += vertical.weight[t0 + k] * src[vertical.index[t0 + k] * outWidth + x];
                    }
                    acc[ch] = sum;
                }
                out[y * outWidth + x] = unpremultiply(acc);
            }
        }
        return out;
    }

    private static void premultiply(float[][] c) {
        float[] a = c[3];
        for (int i = 0; i < a.length; i++) {
            float k = a[i] / 255f;
            c[0][i] *= k;
            c[1][i] *= k;
            c[2][i] *= k;
        }
    }

    private static int unpremultiply(float[] acc) {
        int a = TeleaInpainter.clamp(acc[3]);
        if (a == 0) {
            return 0;
        }
        double k = 255.0 / Math.max(acc[3], 1e-3f);
        return a << 24
                | TeleaInpainter.clamp(acc[0] * k) << 16
                | TeleaInpainter.clamp(acc[1] * k) << 8
                | TeleaInpainter.clamp(acc[2] * k);
    }

    static double lanczos(double x) {
        if (x == 0) {
            return 1;
        }
        if (Math.abs(x) >= LOBES) {
            return 0;
        }
        double px = Math.PI * x;
        return LOBES * Math.sin(px) * Math.sin(px / LOBES) / (px * px);
    }

    /** The source indices and normalised weights of every output coordinate along one axis. */
    private static final class Taps {
        static final int SIZE = 2 * LOBES;

        final int[] index;
        final float[] weight;

        private Taps(int[] index, float[] weight) {
            this.index = index;
            this.weight = weight;
        }

        static Taps of(int size, int scale) {
            int out = size * scale;
            int[] index = new int[out * SIZE];
            float[] weight = new float[out * SIZE];
            for (int o = 0; o < out; o++) {
                double centre = (o + 0.5) / scale - 0.5;
                int first = (int) Math.floor(centre) - LOBES + 1;
                double total = 0;
                double[] w = new double[SIZE];
                for (int k = 0; k < SIZE; k++) {
                    w[k] = lanczos(centre - (first + k));
                    total += w[k];
                }
                for (int k = 0; k < SIZE; k++) {
                    int i = Math.min(size - 1, Math.max(0, first + k));
                    index[o * SIZE + k] = i;
                    weight[o * SIZE + k] = (float) (w[k] / total);
                }
            }
            return new Taps(index, weight);
        }
    }
}
