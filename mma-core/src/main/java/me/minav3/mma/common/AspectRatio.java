package me.minav3.mma.common;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The aspect ratios the studio offers. */
public enum AspectRatio {
    SQUARE(1, 1),
    PORTRAIT_4_5(4, 5),
    LANDSCAPE_5_4(5, 4),
    PORTRAIT_3_4(3, 4),
    LANDSCAPE_4_3(4, 3),
    PORTRAIT_2_3(2, 3),
    LANDSCAPE_3_2(3, 2),
    PORTRAIT_9_16(9, 16),
    LANDSCAPE_16_9(16, 9),
    CINEMA_21_9(21, 9);

    public static final AspectRatio DEFAULT = SQUARE;

    private final int width;
    private final int height;

    AspectRatio(int width, int height) {
        this.width = width;
        this.height = height;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public String wire() {
        return width + ":" + height;
    }

    /** The closest known ratio to an image of the given size (used when animating a still). */
    public static AspectRatio closestTo(int pixelWidth, int pixelHeight) {
        double target = (double) pixelWidth / pixelHeight;
        return Arrays.stream(values())
                .min((a, b) ->
                        Double.compare(Math.abs(Math.log(a.value() / target)), Math.abs(Math.log(b.value() / target))))
                .orElse(DEFAULT);
    }

    public double value() {
        return (double) width / height;
    }

    public static AspectRatio parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        return Arrays.stream(values())
                .filter(r -> r.wire().equals(trimmed))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown aspect ratio '" + text + "' (known: "
                        + Arrays.stream(values()).map(AspectRatio::wire).collect(Collectors.joining(", ")) + ")"));
    }
}
