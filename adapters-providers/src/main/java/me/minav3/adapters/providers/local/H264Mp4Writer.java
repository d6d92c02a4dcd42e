package me.minav3.adapters.providers.local;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.jcodec.codecs.h264.H264Encoder;
import org.jcodec.common.Codec;
import org.jcodec.common.MuxerTrack;
import org.jcodec.common.VideoCodecMeta;
import org.jcodec.common.VideoEncoder;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Size;
import org.jcodec.containers.mp4.muxer.MP4Muxer;

/**
 * Encodes RGB frames as H.264 (baseline, 4:2:0) in an MP4, in memory, with JCodec.
 *
 * <p>The colour conversion is done here rather than by JCodec's: its RGB transform writes full-range ("JPEG")
 * YUV, while the stream does not flag full range, so players read it as studio range and crush the blacks and
 * whites. Converting with BT.601 studio-range coefficients gives the colours players expect.
 */
final class H264Mp4Writer {

    static final int MOTION_SEARCH_RANGE = 4;

    private final int width;
    private final int height;
    private final int fps;
    private final MemoryChannel channel = new MemoryChannel();
    private final MP4Muxer muxer;
    private final MuxerTrack track;
    private final H264Encoder encoder = H264Encoder.createH264Encoder();
    private final Picture picture;
    private final ByteBuffer buffer;
    private int frames;

    H264Mp4Writer(int width, int height, int fps) throws IOException {
        if (width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("4:2:0 video needs even dimensions, was " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.muxer = MP4Muxer.createMP4MuxerToChannel(channel);
        this.track = muxer.addVideoTrack(
                Codec.H264, VideoCodecMeta.createSimpleVideoCodecMeta(new Size(width, height), ColorSpace.YUV420J));
        // The camera moves a few pixels per frame at most, so a small motion search finds the same vectors as
        // JCodec's default of 16 at a fraction of the cost (the search dominated encoding time).
        encoder.setMotionSearchRange(MOTION_SEARCH_RANGE);
        this.picture = Picture.create(width, height, ColorSpace.YUV420J);
        this.buffer = ByteBuffer.allocate(encoder.estimateBufferSize(picture));
    }

    /** Adds one frame; it must be {@code TYPE_INT_RGB} of the writer's size. */
    void add(BufferedImage frame) throws IOException {
        if (frame.getType() != BufferedImage.TYPE_INT_RGB || frame.getWidth() != width || frame.getHeight() != height) {
            throw new IllegalArgumentException("frames must be TYPE_INT_RGB of " + width + "x" + height);
        }
        toYuv(((DataBufferInt) frame.getRaster().getDataBuffer()).getData());
        buffer.clear();
        VideoEncoder.EncodedFrame encoded = encoder.encodeFrame(picture, buffer);
        Packet packet = Packet.createPacket(
                NIOUtils.clone(encoded.getData()),
                frames,
                fps,
                1,
                frames,
                encoded.isKeyFrame() ? Packet.FrameType.KEY : Packet.FrameType.INTER,
                null);
        track.addFrame(packet);
        frames++;
    }

    /** Writes the index (moov) and returns the whole file. */
    byte[] finish() throws IOException {
        muxer.finish();
        return channel.toByteArray();
    }

    private void toYuv(int[] rgb) {
        byte[] y = picture.getPlaneData(0);
        byte[] u = picture.getPlaneData(1);
        byte[] v = picture.getPlaneData(2);
        int chromaWidth = width / 2;
        for (int row = 0; row < height; row += 2) {
            for (int col = 0; col < width; col += 2) {
                int sumR = 0;
                int sumG = 0;
                int sumB = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int index = (row + dy) * width + col + dx;
                        int p = rgb[index];
                        int r = p >> 16 & 0xff;
                        int g = p >> 8 & 0xff;
                        int b = p & 0xff;
                        sumR += r;
                        sumG += g;
                        sumB += b;
                        // JCodec keeps samples as signed bytes: the value minus 128.
                        y[index] = (byte) (((66 * r + 129 * g + 25 * b + 128) >> 8) + 16 - 128);
                    }
                }
                int r = sumR >> 2;
                int g = sumG >> 2;
                int b = sumB >> 2;
                int chroma = (row / 2) * chromaWidth + col / 2;
                // Chroma is centred on 128, so its signed sample is the offset from 128 itself.
                u[chroma] = (byte) ((-38 * r - 74 * g + 112 * b + 128) >> 8);
                v[chroma] = (byte) ((112 * r - 94 * g - 18 * b + 128) >> 8);
            }
        }
    }
}
