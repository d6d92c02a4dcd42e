package me.minav3.adapters.providers.local;

import static me.minav3.adapters.providers.local.ObjectShapes.Colours.alpha;
import static me.minav3.adapters.providers.local.ObjectShapes.Colours.mix;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Paints the local still: a soft gradient backdrop in the prompt's colours, a glow where the prompt's light comes
 * from, a floor, the product (the product reference if given, else a silhouette of the object the prompt names)
 * with its shadow, the logo in a corner, light film grain and the "MINA · local" label. Same inputs, same pixels.
 */
final class StillRenderer {

    /** Tasteful fallbacks when the prompt names fewer than three colours; picked by the job's seed. */
    private static final List<List<String>> PALETTES = List.of(
            List.of("sage", "cream", "tan"),
            List.of("navy blue", "sky blue", "white"),
            List.of("coral", "beige", "charcoal"),
            List.of("purple", "lavender", "cream"),
            List.of("teal", "light grey", "white"),
            List.of("gold", "pink", "cream"));

    private static final List<String> NEUTRALS = List.of("beige", "cream", "light grey", "tan", "white", "sage");

    /** What to paint. {@code colours} are palette names, object colour first. */
    record Scene(
            int width,
            int height,
            List<String> colours,
            PromptCues.Light light,
            PromptCues.Subject subject,
            Optional<BufferedImage> product,
            Optional<BufferedImage> logo,
            long seed) {}

    private StillRenderer() {}

    /**
     * Colours named by the prompt, then by the inspiration images, three in all: object, backdrop, floor. When
     * fewer are named the rest are neutrals, so the named colours lead; when none is, a seeded palette.
     */
    static List<String> palette(String prompt, List<String> inspirationColours, long seed) {
        List<String> colours = new ArrayList<>(ColourNames.mentionedIn(prompt));
        inspirationColours.stream().filter(c -> !colours.contains(c)).forEach(colours::add);
        if (colours.isEmpty()) {
            return PALETTES.get((int) Math.floorMod(seed, (long) PALETTES.size()));
        }
        int start = (int) Math.floorMod(seed, (long) NEUTRALS.size());
        for (int i = 0; colours.size() < 3; i++) {
            String neutral = NEUTRALS.get((start + i) % NEUTRALS.size());
            if (!colours.contains(neutral)) {
                colours.add(neutral);
            }
        }
        return List.copyOf(colours.subList(0, 3));
    }

    static BufferedImage render(Scene scene) {
        int w = scene.width();
        int h = scene.height();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            Color object = ColourNames.colour(scene.colours().get(0));
            Color backdrop = ColourNames.colour(scene.colours().get(1));
            Color floor = ColourNames.colour(scene.colours().get(2));
            boolean neon = scene.light() == PromptCues.Light.NEON;
            paintBackdrop(g, w, h, backdrop, floor, scene.light(), neon);
            double unit = Math.min(w, h);
            double baseY = h * 0.66 + unit * 0.08;
            boolean litFromLeft = scene.light().x() <= 0.5;
            if (neon) {
                paintNeonGlow(
                        g,
                        new Rectangle2D.Double(w / 2.0 - unit * 0.12, baseY - unit * 0.4, unit * 0.24, unit * 0.4),
                        unit);
            }
            paintShadow(g, w / 2.0, baseY, unit, scene.light());
            scene.product()
                    .ifPresentOrElse(
                            product -> placeProduct(g, product, w / 2.0, baseY, unit),
                            () -> ObjectShapes.draw(g, scene.subject(), w / 2.0, baseY, unit, object, litFromLeft));
            scene.logo().ifPresent(logo -> placeLogo(g, logo, w, h));
            paintGrain(g, w, h, scene.seed());
            Label.draw(g, w, h);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void paintBackdrop(
            Graphics2D g, int w, int h, Color backdrop, Color floor, PromptCues.Light light, boolean neon) {
        Color top = neon ? mix(backdrop, Color.BLACK, 0.78) : mix(backdrop, Color.WHITE, 0.3);
        Color bottom = neon ? mix(backdrop, Color.BLACK, 0.6) : mix(backdrop, Color.BLACK, 0.12);
        g.setPaint(new GradientPaint(0, 0, top, 0, h, bottom));
        g.fillRect(0, 0, w, h);
        float radius = (float) (Math.max(w, h) * (neon ? 0.6 : 0.95));
        g.setPaint(new RadialGradientPaint(
                (float) (light.x() * w), (float) (light.y() * h), radius, new float[] {0f, 1f}, new Color[] {
                    alpha(light.tint(), neon ? 120 : 150), alpha(light.tint(), 0)
                }));
        g.fillRect(0, 0, w, h);
        int horizon = (int) (h * 0.66);
        Color floorTop = neon ? mix(floor, Color.BLACK, 0.7) : mix(floor, backdrop, 0.35);
        g.setPaint(new GradientPaint(0, horizon, floorTop, 0, h, mix(floorTop, Color.BLACK, 0.3)));
        g.fillRect(0, horizon, w, h - horizon);
        g.setPaint(new GradientPaint(0, horizon - h * 0.02f, alpha(floorTop, 0), 0, horizon, alpha(floorTop, 160)));
        g.fillRect(0, (int) (horizon - h * 0.02), w, (int) (h * 0.02) + 1);
    }

    private static void paintShadow(Graphics2D g, double cx, double baseY, double unit, PromptCues.Light light) {
        double offset = (0.5 - light.x()) * unit * 0.35;
        for (int i = 0; i < 8; i++) {
            double sw = unit * (0.46 - i * 0.035);
            double sh = unit * (0.07 - i * 0.006);
            g.setPaint(new Color(0, 0, 0, 16));
            g.fill(new Ellipse2D.Double(cx + offset * (1 - i / 10.0) - sw / 2, baseY - sh / 2, sw, sh));
        }
    }

    private static void placeProduct(Graphics2D g, BufferedImage product, double cx, double baseY, double unit) {
        double box = unit * 0.56;
        double scale = Math.min(box / product.getWidth(), box / product.getHeight());
        double pw = product.getWidth() * scale;
        double ph = product.getHeight() * scale;
        g.drawImage(
                product,
                (int) Math.round(cx - pw / 2),
                (int) Math.round(baseY - ph),
                (int) Math.round(pw),
                (int) Math.round(ph),
                null);
    }

    private static void placeLogo(Graphics2D g, BufferedImage logo, int w, int h) {
        double max = Math.min(w, h) * 0.14;
        double scale = Math.min(max / logo.getWidth(), max / logo.getHeight());
        int margin = Math.max(8, Math.min(w, h) / 30);
        var previous = g.getComposite();
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.92f));
        g.drawImage(
                logo,
                margin,
                margin,
                (int) Math.round(logo.getWidth() * scale),
                (int) Math.round(logo.getHeight() * scale),
                null);
        g.setComposite(previous);
    }

    /** Neon: a magenta and a cyan glow on either side of the object, like tubes just out of frame. */
    private static void paintNeonGlow(Graphics2D g, Rectangle2D b, double unit) {
        float radius = (float) (unit * 0.45);
        g.setPaint(new RadialGradientPaint(
                (float) b.getMinX(), (float) b.getCenterY(), radius, new float[] {0f, 1f}, new Color[] {
                    new Color(255, 60, 200, 110), new Color(255, 60, 200, 0)
                }));
        g.fill(new Ellipse2D.Double(b.getMinX() - radius, b.getCenterY() - radius, 2 * radius, 2 * radius));
        g.setPaint(new RadialGradientPaint(
                (float) b.getMaxX(), (float) b.getCenterY(), radius, new float[] {0f, 1f}, new Color[] {
                    new Color(60, 220, 255, 110), new Color(60, 220, 255, 0)
                }));
        g.fill(new Ellipse2D.Double(b.getMaxX() - radius, b.getCenterY() - radius, 2 * radius, 2 * radius));
    }

    // Sparse speckles rather than per-pixel noise: it reads as grain but keeps the PNG small.
    private static void paintGrain(Graphics2D g, int w, int h, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int count = w * h / 60;
        for (int i = 0; i < count; i++) {
            int shade = random.nextBoolean() ? 255 : 0;
            g.setColor(new Color(shade, shade, shade, 12 + random.nextInt(18)));
            g.fillRect(random.nextInt(w), random.nextInt(h), 1, 1);
        }
    }
}
