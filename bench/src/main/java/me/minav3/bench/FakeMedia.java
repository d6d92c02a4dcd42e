package me.minav3.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The outputs: a real PNG (the local renderer's, scaled to 256 px so a run measures MINA rather than moving
 * megabytes around one machine) and a real H.264 MP4 made from it by the local encoder.
 */
record FakeMedia(byte[] png, byte[] mp4) {
    static FakeMedia make() {
        var images = me.minav3.adapters.providers.local.LocalProviders.images(Duration.ZERO);
        var videos = me.minav3.adapters.providers.local.LocalProviders.videos(Duration.ZERO);
        var id = new me.minav3.mma.common.GenerationId("fake-provider-output");
        byte[] png = scaled(
                bytes(images.generate(new me.minav3.mma.providers.ImageJob(
                                id,
                                "an amber bottle",
                                me.minav3.mma.common.AspectRatio.SQUARE,
                                List.of(),
                                Map.of(),
                                Map.of()))
                        .media()),
                256);
        byte[] mp4 = bytes(videos.generate(new me.minav3.mma.providers.VideoJob(
                        id,
                        "slow push-in",
                        null,
                        new me.minav3.mma.providers.ImageRef("fake://still.png", () -> png),
                        null,
                        5,
                        me.minav3.mma.common.AspectRatio.SQUARE,
                        Map.of(),
                        Map.of()))
                .media());
        return new FakeMedia(png, mp4);
    }

    private static byte[] scaled(byte[] png, int side) {
        try {
            java.awt.image.BufferedImage source = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
            java.awt.image.BufferedImage small =
                    new java.awt.image.BufferedImage(side, side, java.awt.image.BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = small.createGraphics();
            g.setRenderingHint(
                    java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, side, side, null);
            g.dispose();
            var out = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(small, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] bytes(me.minav3.mma.providers.MediaPayload payload) {
        if (payload instanceof me.minav3.mma.providers.MediaPayload.Bytes bytes) {
            return bytes.data();
        }
        throw new IllegalStateException("the local providers answer with bytes");
    }
}
