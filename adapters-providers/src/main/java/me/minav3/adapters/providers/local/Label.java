package me.minav3.adapters.providers.local;

import java.awt.Color;
import java.awt.Graphics2D;
import java.util.Map;
import java.util.Objects;

/**
 * The small "MINA · local" mark on every local output, so nobody mistakes it for a real model's. Drawn from a
 * built-in 5x7 pixel font: system fonts are often missing on servers and in slim containers, where AWT text
 * rendering fails.
 */
final class Label {

    static final String TEXT = "MINA · local";
    private static final int GLYPH_WIDTH = 5;
    private static final int GLYPH_HEIGHT = 7;
    private static final Map<Character, String[]> GLYPHS = Map.of(
            'M', new String[] {"X...X", "XX.XX", "X.X.X", "X...X", "X...X", "X...X", "X...X"},
            'I', new String[] {"XXXXX", "..X..", "..X..", "..X..", "..X..", "..X..", "XXXXX"},
            'N', new String[] {"X...X", "XX..X", "X.X.X", "X..XX", "X...X", "X...X", "X...X"},
            'A', new String[] {".XXX.", "X...X", "X...X", "XXXXX", "X...X", "X...X", "X...X"},
            '·', new String[] {".....", ".....", ".....", "..X..", ".....", ".....", "....."},
            'l', new String[] {".XX..", "..X..", "..X..", "..X..", "..X..", "..X..", ".XXX."},
            'o', new String[] {".....", ".....", ".XXX.", "X...X", "X...X", "X...X", ".XXX."},
            'c', new String[] {".....", ".....", ".XXX.", "X....", "X....", "X...X", ".XXX."},
            'a', new String[] {".....", ".....", ".XXX.", "....X", ".XXXX", "X...X", ".XXXX"},
            ' ', new String[] {".....", ".....", ".....", ".....", ".....", ".....", "....."});

    private Label() {}

    /** Draws the label in the lower-right corner of a {@code width} x {@code height} canvas. */
    static void draw(Graphics2D g, int width, int height) {
        draw(g, width, height, false);
    }

    /**
     * Draws the label in the upper-right corner ({@code top}) or the lower-right one. Videos use the top so their
     * label never sits on the label of a local still they animate.
     */
    static void draw(Graphics2D g, int width, int height, boolean top) {
        int scale = Math.max(1, Math.min(width, height) / 400);
        int advance = (GLYPH_WIDTH + 1) * scale;
        int textWidth = TEXT.length() * advance - scale;
        int margin = Math.max(6, Math.min(width, height) / 50);
        int x = width - margin - textWidth;
        int y = top ? margin : height - margin - GLYPH_HEIGHT * scale;
        paint(g, x + scale, y + scale, scale, new Color(0, 0, 0, 90));
        paint(g, x, y, scale, new Color(255, 255, 255, 170));
    }

    private static void paint(Graphics2D g, int x, int y, int scale, Color colour) {
        g.setColor(colour);
        for (int i = 0; i < TEXT.length(); i++) {
            String[] rows = Objects.requireNonNull(GLYPHS.get(TEXT.charAt(i)), "glyph");
            int left = x + i * (GLYPH_WIDTH + 1) * scale;
            for (int row = 0; row < GLYPH_HEIGHT; row++) {
                for (int col = 0; col < GLYPH_WIDTH; col++) {
                    if (rows[row].charAt(col) == 'X') {
                        g.fillRect(left + col * scale, y + row * scale, scale, scale);
                    }
                }
            }
        }
    }
}
