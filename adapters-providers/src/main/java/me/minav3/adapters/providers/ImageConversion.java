package me.minav3.adapters.providers;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;

/**
 * Re-encodes an input image as a type a model takes: PNG when the image has transparency and PNG is accepted,
 * else JPEG (transparency laid on white) when JPEG is accepted. WebP is decoded by the TwelveMonkeys ImageIO
 * plugin, GIF and BMP by the JDK; an animated GIF gives its first frame.
 */
final class ImageConversion {

    /** The converted bytes and their content type. */
    record Converted(byte[] bytes, String contentType) {}

    private ImageConversion() {}

    /** @throws IOException when the image cannot be decoded or none of {@code accepted} can be written */
    static Converted to(List<String> accepted, byte[] bytes) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        if (image == null) {
            throw new IOException("no decoder for this image");
        }
        boolean png = accepted.contains("image/png");
        boolean jpeg = accepted.contains("image/jpeg");
        if (png && (image.getColorModel().hasAlpha() || !jpeg)) {
            return new Converted(write(image, "png"), "image/png");
        }
        if (jpeg) {
            return new Converted(jpeg(opaque(image)), "image/jpeg");
        }
        throw new IOException("the model takes neither JPEG nor PNG");
    }

    private static BufferedImage opaque(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    private static byte[] write(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IOException("no " + format + " writer");
        }
        return out.toByteArray();
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IOException("no jpeg writer");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.92f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
