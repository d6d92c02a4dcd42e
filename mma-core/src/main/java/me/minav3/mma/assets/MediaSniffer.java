package me.minav3.mma.assets;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import me.minav3.mma.error.InvalidUpload;

/**
 * Decides what media bytes are by their content alone (never a file name or a client header) and reads the pixel
 * size from the headers without decoding anything, so a decompression bomb is refused before any decoder sees it.
 * Refuses SVG, HTML, and images that carry web page or script markup (polyglots).
 */
public final class MediaSniffer {

    /** What the bytes are and their pixel size; a video whose track size is not in the file reports 0 × 0. */
    public record Sniffed(MediaType type, long width, long height) {
        public long pixels() {
            return width * height;
        }
    }

    /** How much of the start and of the end of a file is searched for markup. */
    static final int MARKUP_WINDOW = 8 * 1024;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final List<String> MARKUP = List.of(
            "<svg",
            "<html",
            "<script",
            "<!doctype",
            "<iframe",
            "<body",
            "<head",
            "<object",
            "<embed",
            "<?php",
            "javascript:");
    private static final Set<String> IMAGE_BRANDS =
            Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "avif", "avis");
    private static final String UNSUPPORTED =
            "This file type is not supported. Please use a PNG, JPEG, WebP or GIF image.";

    /** Identifies the bytes and enforces the pixel limit; throws {@link InvalidUpload} with a reason for people. */
    public Sniffed sniff(byte[] bytes, long maxPixels) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidUpload("The file is empty.");
        }
        Sniffed sniffed = identify(new Reader(bytes));
        refuseMarkup(bytes);
        if (!sniffed.type().isVideo() && (sniffed.width() < 1 || sniffed.height() < 1)) {
            throw new InvalidUpload("The image has no size in its header; it is damaged.");
        }
        if (sniffed.pixels() > maxPixels) {
            throw new InvalidUpload("The image is %d × %d pixels, more than the %s megapixel limit. Please resize it."
                    .formatted(sniffed.width(), sniffed.height(), megapixels(maxPixels)));
        }
        return sniffed;
    }

    private static Sniffed identify(Reader in) {
        if (in.startsWith(0, PNG_SIGNATURE)) {
            return png(in);
        }
        if (in.length() >= 3 && in.u8(0) == 0xFF && in.u8(1) == 0xD8 && in.u8(2) == 0xFF) {
            return jpeg(in);
        }
        if (in.ascii(0, "RIFF") && in.ascii(8, "WEBP")) {
            return webp(in);
        }
        if (in.ascii(0, "GIF87a") || in.ascii(0, "GIF89a")) {
            return gif(in);
        }
        if (in.ascii(4, "ftyp")) {
            return mp4(in);
        }
        throw new InvalidUpload(describeUnknown(in.bytes()));
    }

    private static Sniffed png(Reader in) {
        if (in.u32be(8) != 13 || !in.ascii(12, "IHDR")) {
            throw new InvalidUpload("The PNG image is damaged (its header is missing).");
        }
        return new Sniffed(MediaType.PNG, in.u32be(16), in.u32be(20));
    }

    private static Sniffed jpeg(Reader in) {
        int pos = 2;
        while (pos < in.length()) {
            if (in.u8(pos) != 0xFF) {
                throw new InvalidUpload("The JPEG image is damaged.");
            }
            while (pos < in.length() && in.u8(pos) == 0xFF) {
                pos++;
            }
            int marker = in.u8(pos++);
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                break;
            }
            int length = in.u16be(pos);
            if (length < 2) {
                throw new InvalidUpload("The JPEG image is damaged.");
            }
            if (isStartOfFrame(marker)) {
                return new Sniffed(MediaType.JPEG, in.u16be(pos + 5), in.u16be(pos + 3));
            }
            pos += length;
        }
        throw new InvalidUpload("The JPEG image is damaged (it has no frame header).");
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static Sniffed webp(Reader in) {
        if (in.ascii(12, "VP8X")) {
            return new Sniffed(MediaType.WEBP, in.u24le(24) + 1L, in.u24le(27) + 1L);
        }
        if (in.ascii(12, "VP8L")) {
            if (in.u8(20) != 0x2F) {
                throw new InvalidUpload("The WebP image is damaged.");
            }
            long bits = in.u32le(21);
            return new Sniffed(MediaType.WEBP, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
        }
        if (in.ascii(12, "VP8 ")) {
            if (in.u8(23) != 0x9D || in.u8(24) != 0x01 || in.u8(25) != 0x2A) {
                throw new InvalidUpload("The WebP image is damaged.");
            }
            return new Sniffed(MediaType.WEBP, in.u16le(26) & 0x3FFF, in.u16le(28) & 0x3FFF);
        }
        throw new InvalidUpload("The WebP image is damaged (unknown format).");
    }

    /** The logical screen, grown to the first frame when that frame reaches beyond it (decoders allocate both). */
    private static Sniffed gif(Reader in) {
        long width = in.u16le(6);
        long height = in.u16le(8);
        int flags = in.u8(10);
        int pos = 13 + ((flags & 0x80) != 0 ? 3 * (2 << (flags & 0x07)) : 0);
        while (pos < in.length() && in.u8(pos) == 0x21) {
            pos += 2;
            while (in.u8(pos) != 0) {
                pos += in.u8(pos) + 1;
            }
            pos++;
        }
        if (pos < in.length() && in.u8(pos) == 0x2C) {
            width = Math.max(width, in.u16le(pos + 1) + (long) in.u16le(pos + 5));
            height = Math.max(height, in.u16le(pos + 3) + (long) in.u16le(pos + 7));
        }
        return new Sniffed(MediaType.GIF, width, height);
    }

    private static Sniffed mp4(Reader in) {
        String brand = in.text(8, 4).toLowerCase(Locale.ROOT);
        if (IMAGE_BRANDS.contains(brand)) {
            throw new InvalidUpload(
                    "HEIC and AVIF images are not supported. Please use a PNG, JPEG, WebP or GIF image.");
        }
        IsoBoxes boxes = new IsoBoxes(in);
        IsoBoxes.Box moov = boxes.child(0, in.length(), "moov")
                .orElseThrow(() -> new InvalidUpload("The video is incomplete (it has no movie header)."));
        long[] size = boxes.trackSize(moov);
        return new Sniffed(MediaType.MP4, size[0], size[1]);
    }

    private static void refuseMarkup(byte[] bytes) {
        int headEnd = Math.min(bytes.length, MARKUP_WINDOW);
        int tailStart = Math.max(MARKUP_WINDOW, bytes.length - MARKUP_WINDOW);
        if (containsMarkup(bytes, 0, headEnd)
                || tailStart < bytes.length && containsMarkup(bytes, tailStart, bytes.length)) {
            throw new InvalidUpload(
                    "The file looks like an image but also contains web page or script code, " + "so it was refused.");
        }
    }

    /** Whether a marker of {@link #MARKUP} stands, in any case, wholly inside {@code bytes[from, to)}. */
    private static boolean containsMarkup(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            int b = bytes[i] | 0x20; // '<' stays '<'; letters become lower case
            if (b != '<' && b != 'j') {
                continue;
            }
            for (String marker : MARKUP) {
                if (startsWithIgnoreCase(bytes, i, to, marker)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean startsWithIgnoreCase(byte[] bytes, int at, int to, String lowerMarker) {
        if (to - at < lowerMarker.length()) {
            return false;
        }
        for (int k = 0; k < lowerMarker.length(); k++) {
            int b = bytes[at + k] & 0xFF;
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lowerMarker.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static String describeUnknown(byte[] bytes) {
        String head =
                lowerAscii(bytes, 0, Math.min(bytes.length, MARKUP_WINDOW)).stripLeading();
        if (head.startsWith("\ufeff")) {
            head = head.substring(1).stripLeading();
        }
        if (head.contains("<svg")) {
            return "SVG images are not accepted. Please use a PNG, JPEG, WebP or GIF image.";
        }
        if (head.startsWith("<")) {
            return "That is a web page or a text document, not an image. Please use a PNG, JPEG, WebP or GIF image.";
        }
        return UNSUPPORTED;
    }

    private static String lowerAscii(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    }

    private static String megapixels(long pixels) {
        return pixels % 1_000_000 == 0 ? Long.toString(pixels / 1_000_000) : "%.1f".formatted(pixels / 1e6);
    }
}
