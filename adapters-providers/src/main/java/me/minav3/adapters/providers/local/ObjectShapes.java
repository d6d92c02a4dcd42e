package me.minav3.adapters.providers.local;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;

/** Simple silhouettes of the objects a prompt can name, shaded from the side the light comes from. */
final class ObjectShapes {

    private ObjectShapes() {}

    /**
     * Draws {@code subject} standing on {@code baseY}, centred on {@code cx}, sized by {@code unit} (the short
     * side of the canvas); {@code litFromLeft} picks the bright side.
     */
    static void draw(
            Graphics2D g,
            PromptCues.Subject subject,
            double cx,
            double baseY,
            double unit,
            Color colour,
            boolean litFromLeft) {
        switch (subject) {
            case BOTTLE -> bottle(g, cx, baseY, unit, colour, litFromLeft);
            case CUP -> cup(g, cx, baseY, unit, colour, litFromLeft);
            case BOX -> box(g, cx, baseY, unit, colour, litFromLeft);
            case JAR -> jar(g, cx, baseY, unit, colour, litFromLeft);
            case SPHERE -> sphere(g, cx, baseY, unit, colour, litFromLeft);
        }
    }

    private static void bottle(Graphics2D g, double cx, double base, double u, Color c, boolean left) {
        double bw = 0.2 * u;
        double bh = 0.28 * u;
        double shoulder = 0.07 * u;
        double nw = 0.07 * u;
        double neckTop = base - bh - shoulder - 0.09 * u;
        double r = 0.03 * u;
        double l = cx - bw / 2;
        double rt = cx + bw / 2;
        double top = base - bh;
        Path2D body = new Path2D.Double();
        body.moveTo(l, base - r);
        body.lineTo(l, top);
        body.quadTo(l, top - shoulder, cx - nw / 2, top - shoulder);
        body.lineTo(cx - nw / 2, neckTop);
        body.lineTo(cx + nw / 2, neckTop);
        body.lineTo(cx + nw / 2, top - shoulder);
        body.quadTo(rt, top - shoulder, rt, top);
        body.lineTo(rt, base - r);
        body.quadTo(rt, base, rt - r, base);
        body.lineTo(l + r, base);
        body.quadTo(l, base, l, base - r);
        body.closePath();
        shade(g, new Area(body), c, left);
        g.setPaint(Colours.mix(c, Color.BLACK, 0.55));
        g.fill(new RoundRectangle2D.Double(cx - 0.045 * u, neckTop - 0.05 * u, 0.09 * u, 0.06 * u, 0.02 * u, 0.02 * u));
        highlight(g, cx, top - shoulder * 0.3, bw, bh * 0.85, left);
    }

    private static void cup(Graphics2D g, double cx, double base, double u, Color c, boolean left) {
        g.setPaint(Colours.mix(c, Color.WHITE, 0.6));
        g.fill(new Ellipse2D.Double(cx - 0.21 * u, base - 0.03 * u, 0.42 * u, 0.06 * u));
        double top = base - 0.2 * u;
        Path2D body = new Path2D.Double();
        body.moveTo(cx - 0.13 * u, top);
        body.lineTo(cx + 0.13 * u, top);
        body.curveTo(cx + 0.12 * u, base - 0.05 * u, cx + 0.1 * u, base, cx + 0.07 * u, base);
        body.lineTo(cx - 0.07 * u, base);
        body.curveTo(cx - 0.1 * u, base, cx - 0.12 * u, base - 0.05 * u, cx - 0.13 * u, top);
        body.closePath();
        double handleX = left ? cx + 0.1 * u : cx - 0.18 * u;
        g.setPaint(Colours.mix(c, Color.BLACK, 0.2));
        g.setStroke(new java.awt.BasicStroke((float) (0.022 * u)));
        g.draw(new Ellipse2D.Double(handleX, top + 0.04 * u, 0.08 * u, 0.08 * u));
        shade(g, new Area(body), c, left);
        g.setPaint(Colours.mix(c, Color.WHITE, 0.35));
        g.fill(new Ellipse2D.Double(cx - 0.13 * u, top - 0.025 * u, 0.26 * u, 0.05 * u));
    }

    private static void box(Graphics2D g, double cx, double base, double u, Color c, boolean left) {
        double w = 0.3 * u;
        double h = 0.24 * u;
        double d = 0.07 * u;
        double x = cx - w / 2 - d / 2;
        double dx = left ? d : -d;
        Path2D topFace = new Path2D.Double();
        topFace.moveTo(x, base - h);
        topFace.lineTo(x + w, base - h);
        topFace.lineTo(x + w + dx, base - h - d);
        topFace.lineTo(x + dx, base - h - d);
        topFace.closePath();
        Path2D side = new Path2D.Double();
        double edge = left ? x + w : x;
        side.moveTo(edge, base);
        side.lineTo(edge, base - h);
        side.lineTo(edge + dx, base - h - d);
        side.lineTo(edge + dx, base - d);
        side.closePath();
        g.setPaint(Colours.mix(c, Color.BLACK, 0.3));
        g.fill(side);
        g.setPaint(Colours.mix(c, Color.WHITE, 0.35));
        g.fill(topFace);
        shade(g, new Area(new Rectangle2D.Double(x, base - h, w, h)), c, left);
    }

    private static void jar(Graphics2D g, double cx, double base, double u, Color c, boolean left) {
        double w = 0.26 * u;
        double h = 0.19 * u;
        shade(g, new Area(new RoundRectangle2D.Double(cx - w / 2, base - h, w, h, 0.06 * u, 0.06 * u)), c, left);
        g.setPaint(Colours.mix(c, Color.BLACK, 0.45));
        g.fill(new RoundRectangle2D.Double(
                cx - w / 2 - 0.01 * u, base - h - 0.05 * u, w + 0.02 * u, 0.06 * u, 0.02 * u, 0.02 * u));
        highlight(g, cx, base - h * 0.9, w, h * 0.75, left);
    }

    private static void sphere(Graphics2D g, double cx, double base, double u, Color c, boolean left) {
        double pw = 0.3 * u;
        double ph = 0.1 * u;
        Color stone = Colours.mix(c, Color.WHITE, 0.7);
        shade(g, new Area(new Rectangle2D.Double(cx - pw / 2, base - ph, pw, ph)), stone, left);
        g.setPaint(Colours.mix(stone, Color.WHITE, 0.3));
        g.fill(new Ellipse2D.Double(cx - pw / 2, base - ph - 0.025 * u, pw, 0.05 * u));
        double r = 0.11 * u;
        double sy = base - ph - 2 * r + 0.01 * u;
        float hx = (float) (cx + (left ? -0.4 : 0.4) * r);
        g.setPaint(new RadialGradientPaint(
                hx, (float) (sy + 0.6 * r), (float) (2 * r), new float[] {0f, 1f}, new Color[] {
                    Colours.mix(c, Color.WHITE, 0.45), Colours.mix(c, Color.BLACK, 0.45)
                }));
        g.fill(new Ellipse2D.Double(cx - r, sy, 2 * r, 2 * r));
    }

    private static void shade(Graphics2D g, Shape shape, Color c, boolean left) {
        Rectangle2D b = shape.getBounds2D();
        Color lit = Colours.mix(c, Color.WHITE, 0.4);
        Color dark = Colours.mix(c, Color.BLACK, 0.35);
        g.setPaint(new GradientPaint(
                (float) b.getMinX(), 0, left ? lit : dark, (float) b.getMaxX(), 0, left ? dark : lit));
        g.fill(shape);
    }

    private static void highlight(Graphics2D g, double cx, double top, double w, double h, boolean left) {
        double x = left ? cx - w * 0.32 : cx + w * 0.22;
        g.setPaint(new Color(255, 255, 255, 70));
        g.fill(new RoundRectangle2D.Double(x, top, w * 0.1, h, w * 0.1, w * 0.1));
    }

    /** Small colour arithmetic. */
    static final class Colours {
        private Colours() {}

        static Color mix(Color a, Color b, double t) {
            return new Color(
                    (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                    (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                    (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
        }

        static Color alpha(Color c, int alpha) {
            return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
        }
    }
}
