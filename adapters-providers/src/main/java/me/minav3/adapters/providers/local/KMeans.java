package me.minav3.adapters.providers.local;

/**
 * Deterministic k-means on three-channel pixels: farthest-point seeding from the first sample, then Lloyd
 * iterations. Centres are {@code centres[channel][cluster]}.
 */
final class KMeans {

    private KMeans() {}

    /** Clusters the {@code count} pixels {@code sample[0..count)} of {@code data} into at most {@code k} colours. */
    static float[][] cluster(float[][] data, int[] sample, int count, int k, int iterations) {
        int clusters = Math.max(1, Math.min(k, count));
        float[][] centres = new float[3][clusters];
        double[] nearest = new double[count];
        java.util.Arrays.fill(nearest, Double.MAX_VALUE);
        int pick = sample[0];
        for (int c = 0; c < clusters; c++) {
            for (int ch = 0; ch < 3; ch++) {
                centres[ch][c] = data[ch][pick];
            }
            double far = -1;
            for (int j = 0; j < count; j++) {
                double d = distance2(centres, c, data, sample[j]);
                if (d < nearest[j]) nearest[j] = d;
                if (nearest[j] > far) {
                    far = nearest[j];
                    pick = sample[j];
                }
            }
        }
        double[][] sum = new double[3][clusters];
        int[] members = new int[clusters];
        for (int it = 0; it < iterations; it++) {
            for (double[] s : sum) java.util.Arrays.fill(s, 0);
            java.util.Arrays.fill(members, 0);
            for (int j = 0; j < count; j++) {
                int i = sample[j];
                int c = nearest(centres, data, i);
                for (int ch = 0; ch < 3; ch++) sum[ch][c] += data[ch][i];
                members[c]++;
            }
            for (int c = 0; c < clusters; c++) {
                if (members[c] > 0) {
                    for (int ch = 0; ch < 3; ch++) centres[ch][c] = (float) (sum[ch][c] / members[c]);
                }
            }
        }
        return centres;
    }

    static int nearest(float[][] centres, float[][] data, int i) {
        int best = 0;
        double bestDistance = Double.MAX_VALUE;
        for (int c = 0; c < centres[0].length; c++) {
            double d = distance2(centres, c, data, i);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    static double distance2(float[][] centres, int c, float[][] data, int i) {
        double d0 = centres[0][c] - data[0][i];
        double d1 = centres[1][c] - data[1][i];
        double d2 = centres[2][c] - data[2][i];
        return d0 * d0 + d1 * d1 + d2 * d2;
    }
}
