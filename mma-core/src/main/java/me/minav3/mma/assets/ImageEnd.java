package me.minav3.mma.assets;

import me.minav3.mma.error.InvalidUpload;

/**
 * Where an image's own bytes end, found by walking its structure (PNG chunks up to {@code IEND}, JPEG segments and
 * scans up to {@code EOI}, the WebP RIFF size, GIF blocks up to the trailer). What follows the end (a phone's
 * trailer, an appended archive, padding) is not the image and is not stored (decision 019); an image whose end is
 * missing is cut short and refused.
 */
final class ImageEnd {

    private ImageEnd() {}

    /** The length of the image at the start of {@code bytes}; {@link InvalidUpload} when it has no end. */
    static int of(MediaType type, byte[] bytes) {
        Reader in = new Reader(bytes);
        long end = switch (type) {
            case PNG -> png(in);
            case JPEG -> jpeg(in);
            case WEBP -> webp(in);
            case GIF -> gif(in);
            case MP4, SVG -> bytes.length;
        };
        return (int) end;
    }

    private static long png(Reader in) {
        long pos = 8;
        while (true) {
            long length = in.u32be(pos);
            boolean last = in.ascii((int) pos + 4, "IEND");
            long next = pos + 12 + length;
            if (next > in.length()) {
                throw incomplete("PNG");
            }
            if (last) {
                return next;
            }
            pos = next;
        }
    }

    /** Segments up to each scan, then the entropy-coded data up to the next marker (progressive files have many scans). */
    private static long jpeg(Reader in) {
        int pos = 2;
        while (pos + 1 < in.length()) {
            if (in.u8(pos) != 0xFF) {
                throw new InvalidUpload("The JPEG image is damaged.");
            }
            int marker = in.u8(pos + 1);
            if (marker == 0xFF) {
                pos++;
                continue;
            }
            pos += 2;
            if (marker == 0xD9) {
                return pos;
            }
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD8) {
                continue;
            }
            pos += in.u16be(pos);
            if (marker == 0xDA) {
                pos = scanEnd(in, pos);
            }
        }
        throw incomplete("JPEG");
    }

    /** The first marker after entropy-coded data: 0xFF followed by neither a stuffed zero nor a restart marker. */
    private static int scanEnd(Reader in, int pos) {
        byte[] bytes = in.bytes();
        for (int i = pos; i + 1 < bytes.length; i++) {
            if (bytes[i] == (byte) 0xFF) {
                int next = bytes[i + 1] & 0xFF;
                if (next != 0x00 && next != 0xFF && (next < 0xD0 || next > 0xD7)) {
                    return i;
                }
            }
        }
        throw incomplete("JPEG");
    }

    private static long webp(Reader in) {
        long size = in.u32le(4);
        long end = 8 + size + (size & 1);
        if (end > in.length()) {
            // the padding byte after an odd-sized last chunk is often left out
            if (8 + size == in.length()) {
                return in.length();
            }
            throw incomplete("WebP");
        }
        return end;
    }

    private static long gif(Reader in) {
        int flags = in.u8(10);
        long pos = 13 + ((flags & 0x80) != 0 ? 3L * (2 << (flags & 0x07)) : 0);
        while (true) {
            int block = in.u8(pos);
            if (block == 0x3B) {
                return pos + 1;
            }
            if (block == 0x21) {
                pos = subBlocks(in, pos + 2);
            } else if (block == 0x2C) {
                int local = in.u8(pos + 9);
                pos += 10 + ((local & 0x80) != 0 ? 3L * (2 << (local & 0x07)) : 0);
                pos = subBlocks(in, pos + 1); // after the LZW minimum code size
            } else {
                throw new InvalidUpload("The GIF image is damaged.");
            }
        }
    }

    private static long subBlocks(Reader in, long pos) {
        int size;
        while ((size = in.u8(pos)) != 0) {
            pos += size + 1;
        }
        return pos + 1;
    }

    private static InvalidUpload incomplete(String format) {
        return new InvalidUpload(
                "The " + format + " image is incomplete (its end is missing); it may have been cut short.");
    }
}
