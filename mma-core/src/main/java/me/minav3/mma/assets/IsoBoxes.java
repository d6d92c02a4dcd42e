package me.minav3.mma.assets;

import java.util.Optional;
import me.minav3.mma.error.InvalidUpload;

/** Walks ISO base media (MP4) boxes: {@code size, type, payload}, with 64-bit and to-the-end sizes. */
final class IsoBoxes {

    record Box(String type, long start, long payloadStart, long end) {}

    private final Reader in;

    IsoBoxes(Reader in) {
        this.in = in;
    }

    /** The first box of a type among the boxes laid out in {@code [from, to)}. */
    Optional<Box> child(long from, long to, String type) {
        long pos = from;
        while (pos + 8 <= to) {
            Box box = boxAt(pos, to);
            if (box.type().equals(type)) {
                return Optional.of(box);
            }
            pos = box.end();
        }
        return Optional.empty();
    }

    /** Width and height of the first track with a picture ({@code trak/tkhd}, 16.16 fixed point), or 0 × 0. */
    long[] trackSize(Box moov) {
        long pos = moov.payloadStart();
        while (pos + 8 <= moov.end()) {
            Box box = boxAt(pos, moov.end());
            if (box.type().equals("trak")) {
                Optional<Box> tkhd = child(box.payloadStart(), box.end(), "tkhd");
                if (tkhd.isPresent() && tkhd.get().end() - tkhd.get().payloadStart() >= 84) {
                    long width = in.u32be(tkhd.get().end() - 8) >>> 16;
                    long height = in.u32be(tkhd.get().end() - 4) >>> 16;
                    if (width > 0 && height > 0) {
                        return new long[] {width, height};
                    }
                }
            }
            pos = box.end();
        }
        return new long[] {0, 0};
    }

    private Box boxAt(long pos, long parentEnd) {
        long size = in.u32be(pos);
        String type = in.text((int) pos + 4, 4);
        long header = 8;
        if (size == 1) {
            size = in.u64be(pos + 8);
            header = 16;
        } else if (size == 0) {
            size = parentEnd - pos;
        }
        if (size < header || pos + size > parentEnd) {
            throw new InvalidUpload("The video is damaged (a box runs past the end of the file).");
        }
        return new Box(type, pos, pos + header, pos + size);
    }
}
