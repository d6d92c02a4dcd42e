package me.minav3.mma.assets;

import java.nio.charset.StandardCharsets;
import me.minav3.mma.error.InvalidUpload;

/** Bounds-checked reads of header fields; reading past the end means the file is cut short. */
final class Reader {

    private final byte[] bytes;

    Reader(byte[] bytes) {
        this.bytes = bytes;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return bytes.length;
    }

    boolean startsWith(int offset, byte[] prefix) {
        if (offset < 0 || offset + prefix.length > bytes.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    boolean ascii(int offset, String text) {
        return startsWith(offset, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    String text(int offset, int length) {
        need(offset, length);
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }

    int u8(long offset) {
        need(offset, 1);
        return bytes[(int) offset] & 0xFF;
    }

    int u16be(long offset) {
        return (u8(offset) << 8) | u8(offset + 1);
    }

    int u16le(long offset) {
        return u8(offset) | (u8(offset + 1) << 8);
    }

    int u24le(long offset) {
        return u8(offset) | (u8(offset + 1) << 8) | (u8(offset + 2) << 16);
    }

    long u32be(long offset) {
        return ((long) u16be(offset) << 16) | u16be(offset + 2);
    }

    long u32le(long offset) {
        return u16le(offset) | ((long) u16le(offset + 2) << 16);
    }

    long u64be(long offset) {
        return (u32be(offset) << 32) | u32be(offset + 4);
    }

    private void need(long offset, int length) {
        if (offset < 0 || offset + length > bytes.length) {
            throw new InvalidUpload("The file is incomplete or damaged.");
        }
    }
}
