package me.minav3.mma.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A tiny ISO-BMFF (MP4) box reader for tests: enough to walk ftyp/moov/trak/…/stsd/avc1 and read the few fields
 * the tests check, independently of the library that wrote the file (shared by the provider and CLI tests).
 */
public final class Mp4Boxes {

    private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl", "edts", "dinf");
    /** Sample entry header: 6 reserved + data ref index; visual fields up to the depth and colour table id. */
    private static final int VISUAL_SAMPLE_ENTRY = 8 + 70;

    /** One box: its type and where its payload (after the header) lies in the file. */
    public record Box(String type, int start, int payload, int end, List<Box> children) {

        public Optional<Box> child(String type) {
            return children.stream().filter(b -> b.type.equals(type)).findFirst();
        }

        public List<Box> all(String type) {
            return children.stream().filter(b -> b.type.equals(type)).toList();
        }

        /** The box at a slash-separated path below this one, e.g. {@code mdia/minf/stbl/stsz}. */
        public Box at(String path) {
            Box box = this;
            for (String part : path.split("/")) {
                box = box.child(part).orElseThrow(() -> new AssertionError("no box " + part + " in " + path));
            }
            return box;
        }
    }

    private final ByteBuffer data;
    private final Box root;

    public Mp4Boxes(byte[] bytes) {
        this.data = ByteBuffer.wrap(bytes);
        this.root = new Box("file", 0, 0, bytes.length, read(0, bytes.length));
    }

    public Box root() {
        return root;
    }

    private List<Box> read(int from, int to) {
        List<Box> boxes = new ArrayList<>();
        int at = from;
        while (at + 8 <= to) {
            long size = Integer.toUnsignedLong(data.getInt(at));
            String type = ascii(at + 4, 4);
            int header = 8;
            if (size == 1) {
                size = data.getLong(at + 8);
                header = 16;
            } else if (size == 0) {
                size = to - at;
            }
            if (size < header || at + size > to) {
                throw new AssertionError("box " + type + " at " + at + " has a bad size " + size);
            }
            int end = (int) (at + size);
            int payload = at + header;
            boxes.add(new Box(type, at, payload, end, children(type, payload, end)));
            at = end;
        }
        return boxes;
    }

    private List<Box> children(String type, int payload, int end) {
        if (CONTAINERS.contains(type)) {
            return read(payload, end);
        }
        if (type.equals("stsd")) {
            return read(payload + 8, end);
        }
        if (type.equals("avc1")) {
            return read(payload + VISUAL_SAMPLE_ENTRY, end);
        }
        return List.of();
    }

    public String ascii(int at, int length) {
        byte[] bytes = new byte[length];
        data.get(at, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    public int u8(int at) {
        return data.get(at) & 0xff;
    }

    public long u32(int at) {
        return Integer.toUnsignedLong(data.getInt(at));
    }

    /** {@code [timescale, duration]} of an mvhd or mdhd box (version 0 or 1). */
    public long[] timescaleAndDuration(Box header) {
        int version = u8(header.payload());
        return version == 1
                ? new long[] {u32(header.payload() + 20), data.getLong(header.payload() + 24)}
                : new long[] {u32(header.payload() + 12), u32(header.payload() + 16)};
    }

    /** The handler type of an hdlr box: {@code vide} for video. */
    public String handler(Box hdlr) {
        return ascii(hdlr.payload() + 8, 4);
    }

    /** The sample count of an stsz box. */
    public long sampleCount(Box stsz) {
        return u32(stsz.payload() + 8);
    }

    /** Width and height of a visual sample entry (avc1). */
    public int[] sampleEntrySize(Box avc1) {
        return new int[] {data.getShort(avc1.payload() + 24) & 0xffff, data.getShort(avc1.payload() + 26) & 0xffff};
    }
}
