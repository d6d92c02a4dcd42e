package me.minav3.adapters.providers.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Traces an image into an SVG document, the way potrace and its colour descendants do: at most {@link #WORK_SIDE}
 * pixels on the long side, a 3×3 median per channel (removes grain, keeps edges), k-means to at most
 * {@link #COLOURS} colours, {@link #MODE_PASSES} passes of a 3×3 mode filter (speckle and the one-pixel slivers of
 * antialiased edges go), then every colour's regions are outlined by following the cracks between pixels (outer
 * edges and holes, painted with the even-odd rule), each outline is simplified by Ramer–Douglas–Peucker to within
 * {@link #TOLERANCE} pixel, and smooth turns become quadratic curves while sharp ones stay corners. The most
 * common colour is the background rectangle, so hairline gaps between neighbouring outlines show a plausible
 * colour. The document holds only {@code svg}, {@code rect} and {@code path} elements with literal colours: no
 * script, no foreign object, no reference to anything outside it. Deterministic.
 */
final class ContourTracer {

    static final int WORK_SIDE = 512;
    static final int COLOURS = 16;
    static final double TOLERANCE = 0.9;
    /** Passes of the 3×3 mode filter over the quantised labels. */
    static final int MODE_PASSES = 2;
    /** Outlines enclosing less than this many square pixels are dropped (potrace's "turdsize"). */
    static final double MIN_AREA = 4.0;
    /** A turn sharper than this (in degrees) is kept as a corner. */
    static final double CORNER_DEGREES = 65;

    private static final int[] DX = {1, 0, -1, 0};
    private static final int[] DY = {0, 1, 0, -1};

    private ContourTracer() {}

    /** The SVG document of {@code argb} ({@code width}×{@code height}). */
    static String trace(int[] argb, int width, int height) {
        int step = Math.max(1, (Math.max(width, height) + WORK_SIDE - 1) / WORK_SIDE);
        int w = (width + step - 1) / step;
        int h = (height + step - 1) / step;
        float[][] rgba = averaged(argb, width, height, step, w, h);
        for (int ch = 0; ch < 3; ch++) {
            rgba[ch] = median(rgba[ch], w, h);
        }
        int n = w * h;
        int[] opaque = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (rgba[3][i] >= 128) opaque[count++] = i;
        }
        StringBuilder svg = new StringBuilder(64 * 1024);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(decimal(width / (double) step))
                .append(' ')
                .append(decimal(height / (double) step))
                .append("\">\n");
        if (count == 0) {
            return svg.append("</svg>").toString();
        }
        int[] sample = sample(opaque, count, 40_000);
        float[][] palette = KMeans.cluster(rgba, sample, sample.length, COLOURS, 10);
        int colours = palette[0].length;
        int[] label = new int[n];
        int[] area = new int[colours];
        for (int i = 0; i < n; i++) {
            label[i] = rgba[3][i] >= 128 ? KMeans.nearest(palette, rgba, i) : -1;
        }
        for (int pass = 0; pass < MODE_PASSES; pass++) {
            label = mode(label, w, h);
        }
        for (int l : label) {
            if (l >= 0) area[l]++;
        }
        Integer[] order = new Integer[colours];
        for (int c = 0; c < colours; c++) order[c] = c;
        Arrays.sort(order, (a, b) -> area[b] != area[a] ? Integer.compare(area[b], area[a]) : Integer.compare(a, b));
        boolean anyTransparent = count < n;
        int background = anyTransparent ? -1 : order[0];
        if (background >= 0) {
            svg.append("<rect width=\"")
                    .append(w)
                    .append("\" height=\"")
                    .append(h)
                    .append("\" fill=\"")
                    .append(hex(palette, background))
                    .append("\"/>\n");
        }
        boolean[] mask = new boolean[n];
        for (int c : order) {
            if (c == background || area[c] == 0) {
                continue;
            }
            for (int i = 0; i < n; i++) mask[i] = label[i] == c;
            String d = pathData(mask, w, h);
            if (!d.isEmpty()) {
                svg.append("<path fill=\"")
                        .append(hex(palette, c))
                        .append("\" fill-rule=\"evenodd\" d=\"")
                        .append(d)
                        .append("\"/>\n");
            }
        }
        return svg.append("</svg>").toString();
    }

    /** The path data of every outline of {@code mask}: crack-following, simplification, curve fitting. */
    static String pathData(boolean[] mask, int w, int h) {
        int vw = w + 1;
        byte[] out = new byte[vw * (h + 1)];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!mask[y * w + x]) continue;
                // Clockwise on screen (y down): the region is always on the right of the walk.
                if (y == 0 || !mask[(y - 1) * w + x]) out[y * vw + x] |= 1; // east along the top
                if (x == w - 1 || !mask[y * w + x + 1]) out[y * vw + x + 1] |= 2; // south along the right
                if (y == h - 1 || !mask[(y + 1) * w + x]) out[(y + 1) * vw + x + 1] |= 4; // west along the bottom
                if (x == 0 || !mask[y * w + x - 1]) out[(y + 1) * vw + x] |= 8; // north along the left
            }
        }
        byte[] original = out.clone();
        StringBuilder d = new StringBuilder();
        List<int[]> corners = new ArrayList<>();
        for (int v0 = 0; v0 < out.length; v0++) {
            while (out[v0] != 0) {
                int startDir = Integer.numberOfTrailingZeros(out[v0]);
                corners.clear();
                int v = v0;
                int dir = startDir;
                int previous = -1;
                do {
                    if (dir != previous) {
                        corners.add(new int[] {v % vw, v / vw});
                    }
                    out[v] &= (byte) ~(1 << dir);
                    previous = dir;
                    v += DX[dir] + DY[dir] * vw;
                    dir = next(original[v], dir);
                } while (v != v0 || dir != startDir);
                appendOutline(d, corners);
            }
        }
        return d.toString().trim();
    }

    /** The edge leaving a vertex after arriving along {@code dir}: a right turn first, so diagonal pixels part. */
    private static int next(byte edges, int dir) {
        int right = (dir + 1) & 3;
        if ((edges & (1 << right)) != 0) return right;
        if ((edges & (1 << dir)) != 0) return dir;
        return (dir + 3) & 3;
    }

    private static void appendOutline(StringBuilder d, List<int[]> corners) {
        double[][] points = simplify(corners);
        int m = points.length;
        if (m < 3 || Math.abs(area(points)) < MIN_AREA) {
            return;
        }
        double[][] mid = new double[m][];
        for (int i = 0; i < m; i++) {
            double[] a = points[i];
            double[] b = points[(i + 1) % m];
            mid[i] = new double[] {(a[0] + b[0]) / 2, (a[1] + b[1]) / 2};
        }
        d.append('M').append(num(mid[m - 1][0])).append(' ').append(num(mid[m - 1][1]));
        for (int i = 0; i < m; i++) {
            double[] p = points[i];
            if (isCorner(points[(i + m - 1) % m], p, points[(i + 1) % m])) {
                d.append('L').append(num(p[0])).append(' ').append(num(p[1]));
                d.append('L');
            } else {
                d.append('Q').append(num(p[0])).append(' ').append(num(p[1])).append(' ');
            }
            d.append(num(mid[i][0])).append(' ').append(num(mid[i][1]));
        }
        d.append("Z ");
    }

    private static boolean isCorner(double[] a, double[] p, double[] b) {
        double ux = p[0] - a[0];
        double uy = p[1] - a[1];
        double vx = b[0] - p[0];
        double vy = b[1] - p[1];
        double cos = (ux * vx + uy * vy) / Math.max(1e-9, Math.hypot(ux, uy) * Math.hypot(vx, vy));
        return cos < Math.cos(Math.toRadians(CORNER_DEGREES));
    }

    /** Closed-polygon Ramer–Douglas–Peucker: split at the vertex farthest from the first, simplify both halves. */
    static double[][] simplify(List<int[]> corners) {
        int m = corners.size();
        if (m < 4) {
            return corners.stream().map(c -> new double[] {c[0], c[1]}).toArray(double[][]::new);
        }
        int far = 0;
        double best = -1;
        int[] first = corners.get(0);
        for (int i = 1; i < m; i++) {
            int[] c = corners.get(i);
            double dist = Math.hypot(c[0] - first[0], c[1] - first[1]);
            if (dist > best) {
                best = dist;
                far = i;
            }
        }
        boolean[] keep = new boolean[m + 1];
        keep[0] = true;
        keep[far] = true;
        keep[m] = true;
        rdp(corners, 0, far, keep);
        rdp(corners, far, m, keep);
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            if (keep[i]) {
                int[] c = corners.get(i);
                kept.add(new double[] {c[0], c[1]});
            }
        }
        return kept.toArray(double[][]::new);
    }

    private static void rdp(List<int[]> pts, int from, int to, boolean[] keep) {
        int m = pts.size();
        int[] a = pts.get(from % m);
        int[] b = pts.get(to % m);
        double dx = b[0] - a[0];
        double dy = b[1] - a[1];
        double length = Math.hypot(dx, dy);
        int worst = -1;
        double worstDistance = TOLERANCE;
        for (int i = from + 1; i < to; i++) {
            int[] p = pts.get(i);
            double dist = length == 0
                    ? Math.hypot(p[0] - a[0], p[1] - a[1])
                    : Math.abs(dy * (p[0] - a[0]) - dx * (p[1] - a[1])) / length;
            if (dist > worstDistance) {
                worstDistance = dist;
                worst = i;
            }
        }
        if (worst >= 0) {
            keep[worst] = true;
            rdp(pts, from, worst, keep);
            rdp(pts, worst, to, keep);
        }
    }

    private static double area(double[][] p) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double[] a = p[i];
            double[] b = p[(i + 1) % p.length];
            sum += a[0] * b[1] - b[0] * a[1];
        }
        return sum / 2;
    }

    /**
     * A 3×3 mode filter: each pixel takes the most common colour of its neighbourhood (itself included, ties to
     * its own), which removes speckle and the one-pixel slivers antialiased edges quantise into.
     */
    private static int[] mode(int[] label, int w, int h) {
        int[] out = label.clone();
        int[] votes = new int[COLOURS + 1];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                Arrays.fill(votes, 0);
                for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
                    for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
                        votes[label[yy * w + xx] + 1]++;
                    }
                }
                int best = label[i] + 1;
                for (int c = 0; c < votes.length; c++) {
                    if (votes[c] > votes[best]) best = c;
                }
                out[i] = best - 1;
            }
        }
        return out;
    }

    /** A 3×3 median of one channel: removes grain and noise but keeps edges sharp (a blur would smear them). */
    private static float[] median(float[] c, int w, int h) {
        float[] out = new float[c.length];
        float[] window = new float[9];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int k = 0;
                for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
                    for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
                        window[k++] = c[yy * w + xx];
                    }
                }
                Arrays.sort(window, 0, k);
                out[y * w + x] = window[k / 2];
            }
        }
        return out;
    }

    private static float[][] averaged(int[] argb, int width, int height, int step, int w, int h) {
        float[][] c = new float[4][w * h];
        for (int by = 0; by < h; by++) {
            for (int bx = 0; bx < w; bx++) {
                double[] sum = new double[4];
                int count = 0;
                for (int y = by * step; y < Math.min(height, by * step + step); y++) {
                    for (int x = bx * step; x < Math.min(width, bx * step + step); x++) {
                        int v = argb[y * width + x];
                        sum[0] += (v >> 16) & 0xff;
                        sum[1] += (v >> 8) & 0xff;
                        sum[2] += v & 0xff;
                        sum[3] += v >>> 24;
                        count++;
                    }
                }
                for (int ch = 0; ch < 4; ch++) c[ch][by * w + bx] = (float) (sum[ch] / count);
            }
        }
        return c;
    }

    private static int[] sample(int[] pixels, int count, int max) {
        int stride = Math.max(1, (count + max - 1) / max);
        int[] out = new int[(count + stride - 1) / stride];
        for (int j = 0; j < out.length; j++) out[j] = pixels[j * stride];
        return out;
    }

    private static String hex(float[][] palette, int c) {
        return String.format(
                Locale.ROOT,
                "#%02x%02x%02x",
                TeleaInpainter.clamp(palette[0][c]),
                TeleaInpainter.clamp(palette[1][c]),
                TeleaInpainter.clamp(palette[2][c]));
    }

    /** The viewBox side: the source side over the work scale, so both axes scale by exactly {@code step}. */
    private static String decimal(double v) {
        String text = String.format(Locale.ROOT, "%.4f", v);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String num(double v) {
        long twice = Math.round(v * 2);
        return twice % 2 == 0 ? Long.toString(twice / 2) : (twice / 2) + ".5";
    }
}
