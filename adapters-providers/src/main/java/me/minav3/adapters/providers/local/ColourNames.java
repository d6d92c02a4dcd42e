package me.minav3.adapters.providers.local;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small named palette, used both ways: to name the colours of real pixels (nearest entry in CIE Lab, so the
 * names match what people see) and to turn colour words in a prompt into colours to paint with.
 */
final class ColourNames {

    private static final Map<String, Color> PALETTE = new LinkedHashMap<>();
    private static final Map<String, String> SYNONYMS = new LinkedHashMap<>();
    private static final Pattern WORDS;

    static {
        PALETTE.put("white", new Color(246, 246, 244));
        PALETTE.put("cream", new Color(240, 228, 200));
        PALETTE.put("beige", new Color(212, 194, 160));
        PALETTE.put("light grey", new Color(196, 196, 196));
        PALETTE.put("grey", new Color(128, 128, 128));
        PALETTE.put("charcoal", new Color(56, 56, 60));
        PALETTE.put("black", new Color(12, 12, 12));
        PALETTE.put("red", new Color(210, 25, 30));
        PALETTE.put("burgundy", new Color(110, 20, 40));
        PALETTE.put("pink", new Color(240, 155, 185));
        PALETTE.put("coral", new Color(245, 120, 95));
        PALETTE.put("orange", new Color(240, 130, 30));
        PALETTE.put("gold", new Color(205, 165, 55));
        PALETTE.put("yellow", new Color(245, 220, 50));
        PALETTE.put("olive", new Color(120, 120, 40));
        PALETTE.put("green", new Color(45, 150, 60));
        PALETTE.put("matcha green", new Color(140, 170, 80));
        PALETTE.put("sage", new Color(160, 180, 145));
        PALETTE.put("teal", new Color(0, 125, 125));
        PALETTE.put("turquoise", new Color(60, 200, 200));
        PALETTE.put("sky blue", new Color(125, 185, 235));
        PALETTE.put("blue", new Color(40, 90, 205));
        PALETTE.put("navy blue", new Color(20, 30, 90));
        PALETTE.put("lavender", new Color(185, 165, 225));
        PALETTE.put("purple", new Color(110, 50, 150));
        PALETTE.put("magenta", new Color(205, 40, 165));
        PALETTE.put("brown", new Color(110, 70, 40));
        PALETTE.put("tan", new Color(190, 150, 105));
        SYNONYMS.put("gray", "grey");
        SYNONYMS.put("light gray", "light grey");
        SYNONYMS.put("ivory", "cream");
        SYNONYMS.put("crimson", "red");
        SYNONYMS.put("scarlet", "red");
        SYNONYMS.put("emerald", "green");
        SYNONYMS.put("matcha", "matcha green");
        SYNONYMS.put("golden", "gold");
        SYNONYMS.put("navy", "navy blue");
        SYNONYMS.put("violet", "purple");
        SYNONYMS.put("fuchsia", "magenta");
        SYNONYMS.put("blush", "pink");
        SYNONYMS.put("terracotta", "coral");
        SYNONYMS.put("chocolate", "brown");
        SYNONYMS.put("marble", "white");
        SYNONYMS.put("silver", "light grey");
        SYNONYMS.put("cyan", "turquoise");
        SYNONYMS.put("aqua", "turquoise");
        SYNONYMS.put("mint", "sage");
        List<String> words = new ArrayList<>(PALETTE.keySet());
        words.addAll(SYNONYMS.keySet());
        words.sort((a, b) -> b.length() - a.length());
        WORDS = Pattern.compile("\\b(" + String.join("|", words) + ")\\b", Pattern.CASE_INSENSITIVE);
    }

    private static final double[][] LAB =
            PALETTE.values().stream().map(ColourNames::lab).toArray(double[][]::new);
    private static final String[] NAMES = PALETTE.keySet().toArray(String[]::new);

    private ColourNames() {}

    static List<String> names() {
        return List.of(NAMES);
    }

    static Color colour(String name) {
        Color colour = PALETTE.get(name);
        if (colour == null) {
            throw new IllegalArgumentException("not a palette colour: " + name);
        }
        return colour;
    }

    /** The index in {@link #names()} of the palette colour nearest to an sRGB pixel. */
    static int nearest(int rgb) {
        double[] lab = lab(new Color(rgb));
        int best = 0;
        double bestDistance = Double.MAX_VALUE;
        for (int i = 0; i < LAB.length; i++) {
            double dl = lab[0] - LAB[i][0];
            double da = lab[1] - LAB[i][1];
            double db = lab[2] - LAB[i][2];
            double distance = dl * dl + da * da + db * db;
            if (distance < bestDistance) {
                bestDistance = distance;
                best = i;
            }
        }
        return best;
    }

    /** The palette colours a text names, in the order it names them, without repeats. */
    static List<String> mentionedIn(String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = WORDS.matcher(text == null ? "" : text);
        while (matcher.find()) {
            String word = matcher.group(1).toLowerCase(Locale.ROOT);
            String name = SYNONYMS.getOrDefault(word, word);
            if (!found.contains(name)) {
                found.add(name);
            }
        }
        return found;
    }

    /** The text with every colour word blanked out, so colour names are not mistaken for other words. */
    static String withoutColourWords(String text) {
        return WORDS.matcher(text == null ? "" : text).replaceAll(" ");
    }

    private static double[] lab(Color colour) {
        double r = linear(colour.getRed());
        double g = linear(colour.getGreen());
        double b = linear(colour.getBlue());
        double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        double fx = labF(x);
        double fy = labF(y);
        double fz = labF(z);
        return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static double labF(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }
}
