package me.minav3.adapters.providers.local;

import org.jspecify.annotations.Nullable;

/**
 * Cuts the subject out of its background, GrabCut-style (Rother, Kolmogorov, Blake 2004) with the image's frame
 * as the "outside the rectangle" seed. The first guess is a flood from the frame through small colour steps (a
 * minimum-barrier region grow: gradients and grain are crossed, the subject's edge is not). Then a colour model (a mixture of {@link #COMPONENTS} Gaussians in CIE Lab) is
 * fitted to the frame as background and to the rest as foreground; every pixel takes the label with the lower
 * cost (its colour's negative log-likelihood plus a contrast-weighted Potts term with its four neighbours,
 * minimised by iterated conditional modes instead of a max-flow cut), and the models are fitted again to the new
 * labels, {@link #ROUNDS} times. Then specks are dropped (foreground parts much smaller than the biggest),
 * enclosed holes under a twentieth of the image filled, and the hard labels feathered into a soft matte. The result is the image with
 * that matte as alpha. Big images are segmented at most {@link #WORK_SIDE} pixels on the long side and the
 * matte is scaled back bilinearly. Deterministic.
 */
final class BackgroundCutout {

    static final int WORK_SIDE = 384;
    static final int COMPONENTS = 5;
    static final int ROUNDS = 5;
    private static final double SMOOTHNESS = 2.0;

    private BackgroundCutout() {}

    /** The image {@code argb} with its background made transparent. */
    static int[] cutout(int[] argb, int width, int height) {
        int step = Math.max(1, (Math.max(width, height) + WORK_SIDE - 1) / WORK_SIDE);
        int w = (width + step - 1) / step;
        int h = (height + step - 1) / step;
        float[][] lab = Lab.ofBlocks(argb, width, height, step, w, h);
        boolean[] fg = segment(lab, w, h);
        float[] matte = new float[w * h];
        for (int i = 0; i < matte.length; i++) {
            matte[i] = fg[i] ? 1f : 0f;
        }
        Blur.box(matte, w, h, 1);
        Blur.box(matte, w, h, 1);
        int[] out = new int[width * height];
        for (int y = 0; y < height; y++) {
            double sy = Math.min(h - 1.0, Math.max(0.0, (y + 0.5) / step - 0.5));
            for (int x = 0; x < width; x++) {
                double sx = Math.min(w - 1.0, Math.max(0.0, (x + 0.5) / step - 0.5));
                double a = bilinear(matte, w, h, sx, sy);
                int v = argb[y * width + x];
                int alpha = TeleaInpainter.clamp((v >>> 24) * a);
                out[y * width + x] = alpha << 24 | (v & 0xffffff);
            }
        }
        return out;
    }

    /** The foreground labels of a Lab image ({@code lab[0..2]} = L, a, b per pixel). */
    static boolean[] segment(float[][] lab, int w, int h) {
        int n = w * h;
        int frame = Math.max(2, Math.round(Math.min(w, h) * 0.03f));
        boolean[] fixedBackground = new boolean[n];
        boolean[] fg = new boolean[n];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                boolean edge = x < frame || y < frame || x >= w - frame || y >= h - frame;
                fixedBackground[i] = edge;
                fg[i] = !edge;
            }
        }
        float[][] differences = differences(lab, w, h);
        boolean[] flooded =
                flood(fixedBackground, differences, w, h, floodThreshold(differences, fixedBackground, w, h));
        int reached = 0;
        for (boolean b : flooded) {
            if (b) reached++;
        }
        // The flood is the first guess when it leaves a plausible subject; otherwise GrabCut's own start (all but
        // the frame) is.
        if (reached < n * 0.98 && reached > n * 0.05) {
            for (int i = 0; i < n; i++) {
                fg[i] = !flooded[i];
            }
        }
        float[][] weights = contrastWeights(differences);
        float[] costBg = new float[n];
        float[] costFg = new float[n];
        for (int round = 0; round < ROUNDS; round++) {
            Mixture background = Mixture.fit(lab, fg, false, COMPONENTS);
            Mixture foreground = Mixture.fit(lab, fg, true, COMPONENTS);
            if (foreground == null || background == null) {
                break;
            }
            for (int i = 0; i < n; i++) {
                costBg[i] = background.cost(lab, i);
                costFg[i] = foreground.cost(lab, i);
            }
            for (int i = 0; i < n; i++) {
                fg[i] = !fixedBackground[i] && costFg[i] < costBg[i];
            }
            for (int sweep = 0; sweep < 3; sweep++) {
                smooth(fg, fixedBackground, costBg, costFg, weights, w, h);
            }
        }
        Regions.dropSpecks(fg, w, h, 0.1);
        Regions.fillHoles(fg, w, h, n / 20);
        return fg;
    }

    /** One ICM sweep: each free pixel takes the label of lower data + smoothness cost given its neighbours. */
    private static void smooth(
            boolean[] fg, boolean[] fixed, float[] costBg, float[] costFg, float[][] weights, int w, int h) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (fixed[i]) {
                    continue;
                }
                double againstFg = 0;
                double againstBg = 0;
                // weights[0][i]: to the right neighbour; weights[1][i]: to the one below.
                if (x + 1 < w) {
                    double wt = weights[0][i];
                    if (fg[i + 1]) againstBg += wt;
                    else againstFg += wt;
                }
                if (x > 0) {
                    double wt = weights[0][i - 1];
                    if (fg[i - 1]) againstBg += wt;
                    else againstFg += wt;
                }
                if (y + 1 < h) {
                    double wt = weights[1][i];
                    if (fg[i + w]) againstBg += wt;
                    else againstFg += wt;
                }
                if (y > 0) {
                    double wt = weights[1][i - w];
                    if (fg[i - w]) againstBg += wt;
                    else againstFg += wt;
                }
                fg[i] = costFg[i] + againstFg < costBg[i] + againstBg;
            }
        }
    }

    /** Squared Lab differences to the right ({@code [0]}) and lower ({@code [1]}) neighbour; 0 past the edge. */
    private static float[][] differences(float[][] lab, int w, int h) {
        int n = w * h;
        float[][] d = new float[2][n];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (x + 1 < w) d[0][i] = distance2(lab, i, i + 1);
                if (y + 1 < h) d[1][i] = distance2(lab, i, i + w);
            }
        }
        return d;
    }

    /**
     * The largest squared step the flood may take: a few times the frame's typical step (its noise and texture),
     * between 6² and 20² (ΔE units), so grain and gradients are crossed and a subject's edge is not.
     */
    private static float floodThreshold(float[][] d, boolean[] frame, int w, int h) {
        float[] steps = new float[2 * w * h];
        int count = 0;
        for (int i = 0; i < frame.length; i++) {
            if (frame[i]) {
                if ((i % w) + 1 < w) steps[count++] = d[0][i];
                if (i + w < frame.length) steps[count++] = d[1][i];
            }
        }
        if (count == 0) {
            return 100f;
        }
        float[] sorted = java.util.Arrays.copyOf(steps, count);
        java.util.Arrays.sort(sorted);
        double median = Math.sqrt(sorted[count / 2]);
        double limit = Math.max(6.0, Math.min(20.0, 3.0 * median + 2.0));
        return (float) (limit * limit);
    }

    /** Everything reachable from the seeds through steps below {@code limit} (a minimum-barrier region grow). */
    private static boolean[] flood(boolean[] seeds, float[][] d, int w, int h, float limit) {
        int n = w * h;
        boolean[] reached = seeds.clone();
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) {
            if (seeds[i]) queue[tail++] = i;
        }
        while (head < tail) {
            int i = queue[head++];
            int x = i % w;
            if (x + 1 < w && !reached[i + 1] && d[0][i] < limit) {
                reached[i + 1] = true;
                queue[tail++] = i + 1;
            }
            if (x > 0 && !reached[i - 1] && d[0][i - 1] < limit) {
                reached[i - 1] = true;
                queue[tail++] = i - 1;
            }
            if (i + w < n && !reached[i + w] && d[1][i] < limit) {
                reached[i + w] = true;
                queue[tail++] = i + w;
            }
            if (i - w >= 0 && !reached[i - w] && d[1][i - w] < limit) {
                reached[i - w] = true;
                queue[tail++] = i - w;
            }
        }
        return reached;
    }

    /** GrabCut's contrast term: γ·exp(−β‖Ip − Iq‖²), β from the image's mean squared neighbour difference. */
    private static float[][] contrastWeights(float[][] d) {
        int n = d[0].length;
        double total = 0;
        for (float[] direction : d) {
            for (float v : direction) total += v;
        }
        double beta = total == 0 ? 0 : 1.0 / (2.0 * total / (2.0 * n));
        float[][] weights = new float[2][n];
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < n; i++) {
                weights[k][i] = (float) (SMOOTHNESS * Math.exp(-beta * d[k][i]));
            }
        }
        return weights;
    }

    private static float distance2(float[][] lab, int i, int j) {
        float dl = lab[0][i] - lab[0][j];
        float da = lab[1][i] - lab[1][j];
        float db = lab[2][i] - lab[2][j];
        return dl * dl + da * da + db * db;
    }

    private static double bilinear(float[] c, int w, int h, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        int x1 = Math.min(w - 1, x0 + 1);
        int y1 = Math.min(h - 1, y0 + 1);
        double fx = x - x0;
        double fy = y - y0;
        double top = c[y0 * w + x0] * (1 - fx) + c[y0 * w + x1] * fx;
        double bottom = c[y1 * w + x0] * (1 - fx) + c[y1 * w + x1] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    /** A mixture of isotropic Gaussians in Lab, fitted by k-means; a pixel's cost is its best component's. */
    private static final class Mixture {
        private final float[][] means;
        private final double[] variance;
        private final double[] logWeight;

        private Mixture(float[][] means, double[] variance, double[] logWeight) {
            this.means = means;
            this.variance = variance;
            this.logWeight = logWeight;
        }

        static @Nullable Mixture fit(float[][] lab, boolean[] fg, boolean side, int k) {
            int n = fg.length;
            int members = 0;
            for (boolean b : fg) {
                if (b == side) members++;
            }
            if (members == 0) {
                return null;
            }
            int stride = Math.max(1, members / 12_000);
            int[] sample = new int[(members + stride - 1) / stride];
            int s = 0;
            int seen = 0;
            for (int i = 0; i < n; i++) {
                if (fg[i] == side) {
                    if (seen % stride == 0 && s < sample.length) sample[s++] = i;
                    seen++;
                }
            }
            float[][] centres = KMeans.cluster(lab, sample, s, k, 8);
            int kk = centres[0].length;
            double[] sum2 = new double[kk];
            int[] count = new int[kk];
            for (int j = 0; j < s; j++) {
                int i = sample[j];
                int c = KMeans.nearest(centres, lab, i);
                sum2[c] += KMeans.distance2(centres, c, lab, i);
                count[c]++;
            }
            double[] variance = new double[kk];
            double[] logWeight = new double[kk];
            for (int c = 0; c < kk; c++) {
                variance[c] = Math.max(9.0, count[c] == 0 ? 9.0 : sum2[c] / (3.0 * count[c]));
                logWeight[c] = Math.log(Math.max(1, count[c]) / (double) s);
            }
            return new Mixture(centres, variance, logWeight);
        }

        float cost(float[][] lab, int i) {
            double best = Double.MAX_VALUE;
            for (int c = 0; c < variance.length; c++) {
                double d2 = KMeans.distance2(means, c, lab, i);
                double cost = -logWeight[c] + 1.5 * Math.log(variance[c]) + d2 / (2 * variance[c]);
                best = Math.min(best, cost);
            }
            return (float) best;
        }
    }
}
