package me.minav3.adapters.providers.local;

import java.util.Optional;

/**
 * Reads a WebP image's size from its RIFF header (the JDK has no WebP decoder). Covers the three encodings:
 * lossy {@code VP8 }, lossless {@code VP8L} and extended {@code VP8X}.
 */
final class WebpHeader {

    private static final int CHUNK = 12;
    private static final int DATA = 20;

    private WebpHeader() {}

    /** {@code [width, height]}, or empty when the header is not one of the known encodings or is cut short. */
    static Optional<int[]> size(byte[] b) {
        if (b.length < 30) {
            return Optional.empty();
        }
        String chunk = new String(b, CHUNK, 4, java.nio.charset.StandardCharsets.US_ASCII);
        return switch (chunk) {
            case "VP8 " -> lossy(b);
            case "VP8L" -> lossless(b);
            case "VP8X" -> extended(b);
            default -> Optional.empty();
        };
    }

    private static Optional<int[]> lossy(byte[] b) {
        // 3-byte frame tag, then the key frame start code 9d 01 2a, then 14-bit width and height.
        if ((b[DATA + 3] & 0xff) != 0x9d || (b[DATA + 4] & 0xff) != 0x01 || (b[DATA + 5] & 0xff) != 0x2a) {
            return Optional.empty();
        }
        int width = (u8(b, DATA + 6) | u8(b, DATA + 7) << 8) & 0x3fff;
        int height = (u8(b, DATA + 8) | u8(b, DATA + 9) << 8) & 0x3fff;
        return positive(width, height);
    }

    private static Optional<int[]> lossless(byte[] b) {
        if ((b[DATA] & 0xff) != 0x2f) {
            return Optional.empty();
        }
        long bits = u8(b, DATA + 1)
                | (long) u8(b, DATA + 2) << 8
                | (long) u8(b, DATA + 3) << 16
                | (long) u8(b, DATA + 4) << 24;
        int width = (int) (bits & 0x3fff) + 1;
        int height = (int) ((bits >> 14) & 0x3fff) + 1;
        return positive(width, height);
    }

    private static Optional<int[]> extended(byte[] b) {
        int width = (u8(b, DATA + 4) | u8(b, DATA + 5) << 8 | u8(b, DATA + 6) << 16) + 1;
        int height = (u8(b, DATA + 7) | u8(b, DATA + 8) << 8 | u8(b, DATA + 9) << 16) + 1;
        return positive(width, height);
    }

    private static Optional<int[]> positive(int width, int height) {
        return width > 0 && height > 0 ? Optional.of(new int[] {width, height}) : Optional.empty();
    }

    private static int u8(byte[] b, int index) {
        return b[index] & 0xff;
    }
}
