package me.minav3.adapters.providers.local;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;

/**
 * The offline look of the niche still engine (issue 22): the main engine's scene posterised into an indigo and
 * banana-yellow duotone inside a bold yellow frame of halftone dots, so a niche still is told from a main one at a
 * glance. A pure function of the picture and the seed: the same job gives the same bytes.
 */
final class NicheLook {

    static final Color INK = new Color(38, 26, 92);
    static final Color BANANA = new Color(255, 214, 10);
    private static final int LEVELS = 4;

    private NicheLook() {}

    static BufferedImage apply(BufferedImage scene, long seed) {
        int w = scene.getWidth();
        int h = scene.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = scene.getRGB(x, y);
                double luma = (0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff)) / 255.0;
                double level = Math.round(luma * (LEVELS - 1)) / (double) (LEVELS - 1);
                out.setRGB(x, y, mix(INK, BANANA, level));
            }
        }
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int border = Math.max(8, Math.max(w, h) / 20);
            g.setColor(BANANA);
            g.fillRect(0, 0, w, border);
            g.fillRect(0, h - border, w, border);
            g.fillRect(0, 0, border, h);
            g.fillRect(w - border, 0, border, h);
            g.setColor(INK);
            double step = border / 2.0;
            // The dots' phase follows the seed: two niche stills differ in their frame as well as their scene.
            double phase = (seed & 0xff) / 255.0 * step;
            for (double y = phase; y < h; y += step) {
                for (double x = phase; x < w; x += step) {
                    boolean inFrame = x < border || x > w - border || y < border || y > h - border;
                    if (inFrame) {
                        double r = step * 0.28;
                        g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private static int mix(Color a, Color b, double t) {
        int r = (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t);
        int gr = (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t);
        int bl = (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t);
        return r << 16 | gr << 8 | bl;
    }
}
