package me.minav3.mma.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Real media files for ingestion tests: PNG, JPEG and GIF written by {@code javax.imageio}; WebP files made by
 * {@code cwebp} (libwebp) from small PNGs; an MP4 laid out box by box; and the hostile files ingestion must refuse.
 */
public final class SampleMedia {

    /** {@code cwebp -q 80} of a 5 × 3 RGB PNG: a lossy {@code VP8 } file. */
    public static final String WEBP_LOSSY_5X3 = "UklGRlIAAABXRUJQVlA4IEYAAAAQAgCdASoFAAMAAUAmJaACdEyAAdWo2I4AAP72/V2y"
            + "rmPYfZtpoULV16YkeA24X//luriA+fGQ/QjQMHG6c/+PW/PaMAAA";
    /** {@code cwebp -lossless} of the same PNG: a {@code VP8L} file. */
    public static final String WEBP_LOSSLESS_5X3 =
            "UklGRj4AAABXRUJQVlA4TDIAAAAvBIAAAHcwPAKBZJz8acYZwPkPDQAwjDFmAADAVCQ" + "b7z38GlmUkkUlWQSL6H9U+07cJw==";
    /** {@code cwebp -q 80} of a 7 × 4 RGBA PNG: an extended {@code VP8X} file with an alpha chunk. */
    public static final String WEBP_ALPHA_7X4 =
            "UklGRnoAAABXRUJQVlA4WAoAAAAQAAAABgAAAwAAQUxQSAwAAAABD/Dk/4iIUJWI/gdWUDgg"
                    + "SAAAAPABAJ0BKgcABAABQCYlsAJ0TIAB1a3CXAD+82N/DCgZrwxNp+JiJNfNGmJH6Tca78f9/3fw+wMbf/8tv6HwcmKiL/3ksuBAAA==";

    private SampleMedia() {}

    public static byte[] png(int width, int height) {
        return write(picture(width, height, BufferedImage.TYPE_INT_ARGB), "png");
    }

    public static byte[] jpeg(int width, int height) {
        return write(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpg");
    }

    public static byte[] gif(int width, int height) {
        return write(picture(width, height, BufferedImage.TYPE_INT_RGB), "gif");
    }

    public static byte[] webpLossy() {
        return Base64.getDecoder().decode(WEBP_LOSSY_5X3);
    }

    public static byte[] webpLossless() {
        return Base64.getDecoder().decode(WEBP_LOSSLESS_5X3);
    }

    public static byte[] webpWithAlpha() {
        return Base64.getDecoder().decode(WEBP_ALPHA_7X4);
    }

    /** An MP4 ({@code ftyp isom}, {@code moov/mvhd}, {@code moov/trak/tkhd} with the size, {@code mdat}). */
    public static byte[] mp4(int width, int height) {
        byte[] ftyp = box("ftyp", concat(ascii("isom"), int32(512), ascii("isomiso2avc1mp41")));
        byte[] mvhd = box("mvhd", new byte[100]);
        ByteBuffer tkhd = ByteBuffer.allocate(84);
        tkhd.putInt(0x00000003);
        tkhd.position(76);
        tkhd.putInt(width << 16).putInt(height << 16);
        byte[] trak = box("trak", box("tkhd", tkhd.array()));
        byte[] moov = box("moov", concat(mvhd, trak));
        byte[] mdat = box("mdat", new byte[64]);
        return concat(ftyp, moov, mdat);
    }

    /** Only the PNG signature and a valid IHDR chunk: what a decompression bomb looks like to a sniffer. */
    public static byte[] pngHeaderOnly(long width, long height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt((int) width)
                .putInt((int) height)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        return concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, chunk("IHDR", ihdr.array()));
    }

    /** A PNG signature and header followed by an HTML page with a script. */
    public static byte[] pngHeaderThenHtml() {
        return concat(
                pngHeaderOnly(16, 16),
                ascii("<html><body><script>fetch('/api/me').then(r => r.text()).then(alert)</script></body></html>"));
    }

    public static byte[] svgWithScript() {
        return ascii("""
                <?xml version="1.0" encoding="UTF-8"?>
                <svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">
                  <script>alert(document.cookie)</script>
                  <rect width="100" height="100" fill="red"/>
                </svg>
                """);
    }

    public static byte[] htmlPage() {
        return ascii("<!DOCTYPE html>\n<html><head><title>Product</title></head><body><img src=x></body></html>");
    }

    /** A valid PNG padded with zero bytes after its end to exactly {@code size} bytes. */
    public static byte[] pngOfSize(int size) {
        byte[] png = png(8, 8);
        return Arrays.copyOf(png, size);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(40, 120, 90));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(230, 200, 60));
        g.fillOval(width / 4, height / 4, Math.max(1, width / 2), Math.max(1, height / 2));
        g.dispose();
        return image;
    }

    private static byte[] write(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] box(String type, byte[] payload) {
        return concat(int32(8 + payload.length), ascii(type), payload);
    }

    private static byte[] chunk(String type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(ascii(type));
        crc.update(data);
        return concat(int32(data.length), ascii(type), data, int32((int) crc.getValue()));
    }

    private static byte[] int32(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }
}
