package me.minav3.adapters.providers.local;

import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.Optional;

/**
 * An input image as the local providers see it: its real size and format from the header, and its pixels
 * (downscaled) when the JDK can decode the format. WebP is read from its header only.
 */
record DecodedImage(int width, int height, String format, Optional<BufferedImage> pixels) {

    DecodedImage {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(pixels, "pixels");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, was " + width + "x" + height);
        }
    }

    String orientation() {
        if (width > height * 1.05) {
            return "landscape";
        }
        if (height > width * 1.05) {
            return "portrait";
        }
        return "square";
    }
}
