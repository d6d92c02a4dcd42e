package me.minav3.adapters.providers.local;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * A decoded edit mask at the source's size: {@code true} where the tool edits (the mask pixel is opaque and light,
 * "white = edit", see {@link me.minav3.mma.providers.EditJob}), {@code false} where the source must stay exactly.
 * Row-major: pixel {@code (x, y)} is {@code bits[y * width + x]}.
 */
record EditMask(int width, int height, boolean[] bits) {

    EditMask {
        Objects.requireNonNull(bits, "bits");
        if (width <= 0 || height <= 0 || bits.length != width * height) {
            throw new IllegalArgumentException("a mask of " + width + "x" + height + " has " + bits.length + " bits");
        }
    }

    boolean edits(int x, int y) {
        return bits[y * width + x];
    }

    int count() {
        int n = 0;
        for (boolean b : bits) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    /** Reads a mask image, scaled (nearest neighbour) to {@code width}×{@code height}. */
    static EditMask of(BufferedImage image, int width, int height) {
        boolean[] bits = new boolean[width * height];
        int mw = image.getWidth();
        int mh = image.getHeight();
        for (int y = 0; y < height; y++) {
            int my = (int) ((long) y * mh / height);
            for (int x = 0; x < width; x++) {
                int mx = (int) ((long) x * mw / width);
                int argb = image.getRGB(mx, my);
                int alpha = argb >>> 24;
                int r = (argb >> 16) & 0xff;
                int g = (argb >> 8) & 0xff;
                int b = argb & 0xff;
                double luma = 0.299 * r + 0.587 * g + 0.114 * b;
                bits[y * width + x] = alpha >= 128 && luma >= 128;
            }
        }
        return new EditMask(width, height, bits);
    }
}
