package me.minav3.adapters.providers;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.providers.models.ModelCapability.PixelBounds;

/**
 * Seedream output sizes in pixels. The 2K row is the size table published for Seedream 4.0 (1:1 2048x2048, 4:3
 * 2304x1728, 3:2 2496x1664, 16:9 2560x1440, 21:9 3024x1296 and their portrait twins); 4:5 and 5:4, which the table
 * lacks, are 1792x2240 and 2240x1792 (about four megapixels, multiples of 64). 1K halves and 4K doubles each side,
 * which keeps every size inside the accepted range of 1280x720 to 4096x4096 pixels in total.
 *
 * <pre>
 * ratio   1K          2K          4K
 * 1:1     1024x1024   2048x2048   4096x4096
 * 4:5     896x1120    1792x2240   3584x4480
 * 5:4     1120x896    2240x1792   4480x3584
 * 3:4     864x1152    1728x2304   3456x4608
 * 4:3     1152x864    2304x1728   4608x3456
 * 2:3     832x1248    1664x2496   3328x4992
 * 3:2     1248x832    2496x1664   4992x3328
 * 9:16    720x1280    1440x2560   2880x5120
 * 16:9    1280x720    2560x1440   5120x2880
 * 21:9    1512x648    3024x1296   6048x2592
 * </pre>
 */
record SeedreamSize(int width, int height) {

    /** The resolution tier: {@code 1K}, {@code 2K} (the default) or {@code 4K}. */
    enum Quality {
        K1(1, 2),
        K2(1, 1),
        K4(2, 1);

        private final int multiply;
        private final int divide;

        Quality(int multiply, int divide) {
            this.multiply = multiply;
            this.divide = divide;
        }

        String wire() {
            return name().substring(1) + "K";
        }

        /** {@code 1K}, {@code 2K} or {@code 4K} in any case; anything else gives {@code fallback}. */
        static Quality parse(String text, Quality fallback) {
            String value = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
            return switch (value) {
                case "1K" -> K1;
                case "2K" -> K2;
                case "4K" -> K4;
                default -> fallback;
            };
        }
    }

    private static final Map<AspectRatio, SeedreamSize> AT_2K = new EnumMap<>(Map.of(
            AspectRatio.SQUARE, new SeedreamSize(2048, 2048),
            AspectRatio.PORTRAIT_4_5, new SeedreamSize(1792, 2240),
            AspectRatio.LANDSCAPE_5_4, new SeedreamSize(2240, 1792),
            AspectRatio.PORTRAIT_3_4, new SeedreamSize(1728, 2304),
            AspectRatio.LANDSCAPE_4_3, new SeedreamSize(2304, 1728),
            AspectRatio.PORTRAIT_2_3, new SeedreamSize(1664, 2496),
            AspectRatio.LANDSCAPE_3_2, new SeedreamSize(2496, 1664),
            AspectRatio.PORTRAIT_9_16, new SeedreamSize(1440, 2560),
            AspectRatio.LANDSCAPE_16_9, new SeedreamSize(2560, 1440),
            AspectRatio.CINEMA_21_9, new SeedreamSize(3024, 1296)));

    static SeedreamSize of(AspectRatio ratio, Quality quality) {
        SeedreamSize base = Objects.requireNonNull(AT_2K.get(ratio), "no Seedream size for " + ratio);
        return new SeedreamSize(
                base.width * quality.multiply / quality.divide, base.height * quality.multiply / quality.divide);
    }

    /**
     * This size scaled, keeping its ratio, into a model's bounds (Seedream 3.0 t2i: at most 2048 a side; 4.5: at
     * least 2560x1440 pixels in total), each side the nearest multiple of 16 that stays inside the bounds.
     */
    SeedreamSize within(PixelBounds bounds) {
        if (bounds == null || bounds.allows(width, height)) {
            return this;
        }
        long total = (long) width * height;
        double shrink = 1;
        if (bounds.maxPixels() != null && total > bounds.maxPixels()) {
            shrink = Math.min(shrink, Math.sqrt((double) bounds.maxPixels() / total));
        }
        if (bounds.maxSide() != null && Math.max(width, height) > bounds.maxSide()) {
            shrink = Math.min(shrink, (double) bounds.maxSide() / Math.max(width, height));
        }
        if (shrink < 1) {
            return nearestInside(width * shrink, height * shrink, bounds, false);
        }
        double grow = 1;
        if (bounds.minPixels() != null && total < bounds.minPixels()) {
            grow = Math.max(grow, Math.sqrt((double) bounds.minPixels() / total));
        }
        if (bounds.minSide() != null && Math.min(width, height) < bounds.minSide()) {
            grow = Math.max(grow, (double) bounds.minSide() / Math.min(width, height));
        }
        return nearestInside(width * grow, height * grow, bounds, true);
    }

    /** The nearest size in steps of 16 (which keeps the ratio closest); rounded outwards or inwards if it falls out. */
    private static SeedreamSize nearestInside(double width, double height, PixelBounds bounds, boolean growing) {
        SeedreamSize nearest = new SeedreamSize((int) Math.round(width / 16) * 16, (int) Math.round(height / 16) * 16);
        if (bounds.allows(nearest.width, nearest.height)) {
            return nearest;
        }
        return growing ? new SeedreamSize(up16(width), up16(height)) : new SeedreamSize(down16(width), down16(height));
    }

    private static int down16(double side) {
        return (int) Math.floor(side / 16 + 1e-9) * 16;
    }

    private static int up16(double side) {
        return (int) Math.ceil(side / 16 - 1e-9) * 16;
    }

    /** The {@code size} value of the images API: {@code 2048x2048}. */
    String wire() {
        return width + "x" + height;
    }
}
