package me.minav3.adapters.providers.local;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jcodec.common.io.SeekableByteChannel;

/**
 * A growable in-memory channel for JCodec's MP4 muxer, which seeks back to patch box sizes. Keeps encoding off
 * the disk, so concurrent jobs never share temporary files.
 */
final class MemoryChannel implements SeekableByteChannel {

    private byte[] data = new byte[64 * 1024];
    private int size;
    private int position;
    private boolean open = true;

    @Override
    public int read(ByteBuffer dst) {
        if (position >= size) {
            return -1;
        }
        int count = Math.min(dst.remaining(), size - position);
        dst.put(data, position, count);
        position += count;
        return count;
    }

    @Override
    public int write(ByteBuffer src) {
        int count = src.remaining();
        long end = (long) position + count;
        if (end > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("in-memory video exceeds 2 GB");
        }
        if (end > data.length) {
            data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(end, data.length * 2L)));
        }
        src.get(data, position, count);
        position = (int) end;
        size = Math.max(size, position);
        return count;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel setPosition(long newPosition) {
        if (newPosition < 0 || newPosition > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("position out of range: " + newPosition);
        }
        position = (int) newPosition;
        return this;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        size = (int) Math.max(0, Math.min(size, newSize));
        position = Math.min(position, size);
        return this;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(data, size);
    }
}
