package me.minav3.adapters.providers.local;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.imageio.ImageIO;
import me.minav3.mma.providers.GptContext;
import me.minav3.mma.providers.GptRequest;
import me.minav3.mma.providers.GptTask;
import me.minav3.mma.providers.ImageRef;

/** Real images made in the test, and the small request builders the local provider tests share. */
final class TestImages {

    private TestImages() {}

    static BufferedImage solid(int width, int height, Color colour) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    static BufferedImage verticalGradient(int width, int height, Color top, Color bottom) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, top, 0, height, bottom));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] png(BufferedImage image) {
        return encode(image, "png");
    }

    static ImageRef ref(String name, byte[] bytes) {
        return new ImageRef("https://assets.example/" + name, () -> bytes.clone());
    }

    /** A lossless WebP header (RIFF + VP8L chunk start) declaring the size; enough for header-only readers. */
    static byte[] webpLossless(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(32).put("WEBP".getBytes(StandardCharsets.US_ASCII));
        b.put("VP8L".getBytes(StandardCharsets.US_ASCII)).putInt(20).put((byte) 0x2f);
        b.putInt((width - 1) | (height - 1) << 14);
        return b.array();
    }

    /** An extended WebP header (VP8X) declaring the canvas size. */
    static byte[] webpExtended(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(32).put("WEBP".getBytes(StandardCharsets.US_ASCII));
        b.put("VP8X".getBytes(StandardCharsets.US_ASCII))
                .putInt(10)
                .put((byte) 0)
                .put(new byte[3]);
        int w = width - 1;
        int h = height - 1;
        b.put((byte) w).put((byte) (w >> 8)).put((byte) (w >> 16));
        b.put((byte) h).put((byte) (h >> 8)).put((byte) (h >> 16));
        return b.array();
    }

    static GptRequest request(GptTask task, Map<String, Object> input, ImageRef... images) {
        GptContext context = new GptContext(
                task.contextKey(),
                3,
                "app_config:" + task.contextKey() + ":v3",
                "system prompt",
                "gpt-4.1-mini",
                Map.of());
        return new GptRequest(task, context, input, java.util.List.of(images));
    }
}
