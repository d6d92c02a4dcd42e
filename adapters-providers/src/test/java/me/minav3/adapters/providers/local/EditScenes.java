package me.minav3.adapters.providers.local;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/**
 * Realistic synthetic test images for the local edit tools, made in code: a product-like subject (an ellipse
 * with a radial gradient, texture and a label) on a textured, graded studio background, with its exact subject
 * mask; and a flat-colour poster for tracing. Deterministic: noise comes from a fixed integer hash.
 */
final class EditScenes {

    private EditScenes() {}

    /** The studio scene of {@code width}×{@code height}, packed ARGB, opaque. */
    static int[] scene(int width, int height) {
        int[] out = new int[width * height];
        boolean[] subject = subject(width, height);
        double cx = width * 0.5;
        double cy = height * 0.55;
        double rx = width * 0.28;
        double ry = height * 0.33;
        for (int y = 0; y < height; y++) {
            double t = y / (double) (height - 1);
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                double r;
                double g;
                double b;
                if (subject[i]) {
                    double dx = (x - cx + rx * 0.35) / rx;
                    double dy = (y - cy + ry * 0.35) / ry;
                    double k = Math.min(1, Math.sqrt(dx * dx + dy * dy) / 1.4);
                    r = 235 - 70 * k;
                    g = 120 - 70 * k;
                    b = 60 - 30 * k;
                    double weave = 9 * Math.sin(x * 0.45) * Math.sin(y * 0.31);
                    r += weave + noise(x, y, 10);
                    g += weave * 0.6 + noise(x + 7, y, 8);
                    b += weave * 0.4 + noise(x, y + 7, 6);
                    if (Math.abs(y - cy) < ry * 0.12 && Math.abs(x - cx) < rx * 0.5) {
                        r = 240 + noise(x, y, 6);
                        g = 232 + noise(x, y, 6);
                        b = 210 + noise(x, y, 6);
                    }
                } else {
                    r = 196 + 40 * t;
                    g = 212 + 14 * t;
                    b = 232 - 30 * t;
                    double grain = 4 * Math.sin(x * 0.09 + y * 0.05);
                    r += grain + noise(x, y, 6);
                    g += grain + noise(x + 3, y, 6);
                    b += grain + noise(x, y + 3, 6);
                }
                out[i] = 0xff000000 | clamp(r) << 16 | clamp(g) << 8 | clamp(b);
            }
        }
        return out;
    }

    /** The exact subject of {@link #scene}: true inside the ellipse. */
    static boolean[] subject(int width, int height) {
        boolean[] mask = new boolean[width * height];
        double cx = width * 0.5;
        double cy = height * 0.55;
        double rx = width * 0.28;
        double ry = height * 0.33;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double dx = (x + 0.5 - cx) / rx;
                double dy = (y + 0.5 - cy) / ry;
                mask[y * width + x] = dx * dx + dy * dy <= 1;
            }
        }
        return mask;
    }

    /** A flat-colour poster (few colours, antialiased shapes): what a tracer should reproduce closely. */
    static int[] poster(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(245, 238, 220));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(30, 90, 160));
        g.fill(new Ellipse2D.Double(width * 0.1, height * 0.15, width * 0.45, height * 0.45));
        g.setColor(new Color(220, 70, 50));
        g.fill(new RoundRectangle2D.Double(width * 0.45, height * 0.45, width * 0.45, height * 0.4, 40, 40));
        g.setColor(new Color(40, 40, 40));
        g.setStroke(new BasicStroke(width / 40f));
        g.drawLine(width / 10, height * 9 / 10, width * 9 / 10, height / 10);
        g.setColor(new Color(245, 238, 220));
        g.fill(new Ellipse2D.Double(width * 0.22, height * 0.27, width * 0.2, height * 0.2));
        g.dispose();
        return image.getRGB(0, 0, width, height, null, 0, width);
    }

    /** A disc of {@code radius} around (cx, cy). */
    static boolean[] disc(int width, int height, int cx, int cy, int radius) {
        boolean[] mask = new boolean[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int dx = x - cx;
                int dy = y - cy;
                mask[y * width + x] = dx * dx + dy * dy <= radius * radius;
            }
        }
        return mask;
    }

    static BufferedImage image(int[] argb, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, width, height, argb, 0, width);
        return image;
    }

    /** Mean absolute difference per RGB channel over the pixels where {@code where} is true (all when null). */
    static double meanError(int[] a, int[] b, boolean @org.jspecify.annotations.Nullable [] where) {
        double sum = 0;
        long count = 0;
        for (int i = 0; i < a.length; i++) {
            if (where != null && !where[i]) {
                continue;
            }
            sum += Math.abs(((a[i] >> 16) & 0xff) - ((b[i] >> 16) & 0xff));
            sum += Math.abs(((a[i] >> 8) & 0xff) - ((b[i] >> 8) & 0xff));
            sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
            count += 3;
        }
        return count == 0 ? 0 : sum / count;
    }

    private static double noise(int x, int y, double amplitude) {
        int h = x * 374_761_393 + y * 668_265_263;
        h = (h ^ (h >>> 13)) * 1_274_126_177;
        h ^= h >>> 16;
        return ((h & 0xffff) / 65535.0 - 0.5) * 2 * amplitude;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
