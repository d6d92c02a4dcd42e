package me.minav3.mma.providers;

/**
 * Where {@link EditTool#EXPAND} puts the source: a canvas of {@code width}×{@code height} pixels with the source,
 * unscaled, at {@code (x, y)} (its top-left corner). Everything of the canvas outside that rectangle is new and
 * must be made from the source's edges; the rectangle itself keeps the source's pixels exactly.
 *
 * <p>The use case resolves the user's option (a target aspect ratio, or a target size) into this value once, so
 * every adapter receives the same geometry: Replicate's {@code bria/expand-image} as {@code canvas_size},
 * {@code original_image_size} and {@code original_image_location}, the local editor as-is.
 */
public record EditCanvas(int width, int height, int x, int y, int sourceWidth, int sourceHeight) {

    /** The biggest canvas side accepted (Bria's limit is a 5000×5000 canvas). */
    public static final int MAX_SIDE = 5000;

    public EditCanvas {
        if (sourceWidth <= 0 || sourceHeight <= 0) {
            throw new IllegalArgumentException(
                    "the source size must be positive, was " + sourceWidth + "x" + sourceHeight);
        }
        if (width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException(
                    "an expanded canvas is at most " + MAX_SIDE + "x" + MAX_SIDE + ", was " + width + "x" + height);
        }
        if (x < 0 || y < 0 || x + sourceWidth > width || y + sourceHeight > height) {
            throw new IllegalArgumentException("the source (" + sourceWidth + "x" + sourceHeight + " at " + x + "," + y
                    + ") must lie inside the canvas " + width + "x" + height);
        }
        if (width == sourceWidth && height == sourceHeight) {
            throw new IllegalArgumentException("the canvas must be bigger than the source on at least one side");
        }
    }

    /**
     * The smallest canvas of {@code ratio} (width:height) that holds the source, with the source centred (integer
     * division: an odd margin puts the extra pixel on the right or bottom).
     */
    public static EditCanvas forAspect(int sourceWidth, int sourceHeight, int ratioWidth, int ratioHeight) {
        if (ratioWidth <= 0 || ratioHeight <= 0) {
            throw new IllegalArgumentException("an aspect ratio is two positive numbers");
        }
        long widthForHeight = ceilDiv((long) sourceHeight * ratioWidth, ratioHeight);
        long heightForWidth = ceilDiv((long) sourceWidth * ratioHeight, ratioWidth);
        int width = (int) Math.max(sourceWidth, widthForHeight);
        int height = (int) Math.max(sourceHeight, heightForWidth);
        return centred(width, height, sourceWidth, sourceHeight);
    }

    /** A canvas of exactly {@code width}×{@code height} with the source centred in it. */
    public static EditCanvas centred(int width, int height, int sourceWidth, int sourceHeight) {
        return new EditCanvas(
                width, height, (width - sourceWidth) / 2, (height - sourceHeight) / 2, sourceWidth, sourceHeight);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
