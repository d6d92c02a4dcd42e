package me.minav3.adapters.providers.local;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Decodes input images within fixed bounds: the size is read from the header first, pathological sizes are
 * refused before any pixel is allocated, and big images are subsampled while decoding.
 */
final class ImageDecoder {

    /** The same ceiling as the upload rules ({@code mma.uploads.max_pixels}). */
    static final long MAX_PIXELS = 50_000_000L;

    static final int MAX_BYTES = 64 * 1024 * 1024;

    /** Thrown when bytes are not a readable image of a supported format; the message says why, for people. */
    static final class Unreadable extends Exception {
        Unreadable(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }

    private ImageDecoder() {}

    /** Decodes {@code bytes}, downscaling so the long side is at most about {@code maxSide}. */
    static DecodedImage decode(byte @Nullable [] bytes, int maxSide) throws Unreadable {
        if (bytes == null || bytes.length < 12) {
            throw new Unreadable("the image is empty or too short to be an image", null);
        }
        if (bytes.length > MAX_BYTES) {
            throw new Unreadable("the image is larger than " + MAX_BYTES / (1024 * 1024) + " MB", null);
        }
        String format = sniff(bytes);
        if (format.equals("webp")) {
            int[] size =
                    WebpHeader.size(bytes).orElseThrow(() -> new Unreadable("the WebP header is not readable", null));
            checkPixels(size[0], size[1]);
            return new DecodedImage(size[0], size[1], format, Optional.empty());
        }
        if (format.equals("unknown")) {
            throw new Unreadable("the bytes are not a PNG, JPEG, GIF or WebP image", null);
        }
        return decodeWithImageIo(bytes, format, maxSide);
    }

    private static DecodedImage decodeWithImageIo(byte[] bytes, String format, int maxSide) throws Unreadable {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
            if (!readers.hasNext()) {
                throw new Unreadable("no decoder for " + format, null);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                checkPixels(width, height);
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, (int) Math.ceil(Math.max(width, height) / (double) maxSide));
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage pixels = reader.read(0, param);
                return new DecodedImage(width, height, format, Optional.of(pixels));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // ImageIO reports truncated or corrupt data with IIOException and, for some malformed headers,
            // with unchecked exceptions; both mean the same thing here.
            throw new Unreadable(
                    "the " + format.toUpperCase(java.util.Locale.ROOT) + " data could not be decoded "
                            + "(corrupt, truncated, or a variant the JDK does not read, such as CMYK JPEG)",
                    e);
        }
    }

    private static void checkPixels(int width, int height) throws Unreadable {
        if (width <= 0 || height <= 0 || (long) width * height > MAX_PIXELS) {
            throw new Unreadable(
                    "the image is " + width + "x" + height + " pixels; at most " + MAX_PIXELS + " pixels are accepted",
                    null);
        }
    }

    /** The format from magic bytes, never from a name or a header someone sent. */
    static String sniff(byte[] b) {
        if ((b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "png";
        }
        if ((b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8) {
            return "jpeg";
        }
        if (b[0] == 'G' && b[1] == 'I' && b[2] == 'F') {
            return "gif";
        }
        if (b[0] == 'R'
                && b[1] == 'I'
                && b[2] == 'F'
                && b[3] == 'F'
                && b[8] == 'W'
                && b[9] == 'E'
                && b[10] == 'B'
                && b[11] == 'P') {
            return "webp";
        }
        return "unknown";
    }
}
