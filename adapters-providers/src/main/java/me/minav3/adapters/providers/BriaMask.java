package me.minav3.adapters.providers;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import me.minav3.adapters.providers.http.ProviderCall;
import me.minav3.mma.error.ProviderFailure.Kind;
import me.minav3.mma.providers.ImageRef;

/**
 * The mask as Bria's eraser and genfill take it: a black-and-white image (255 = the region, 0 = kept) of the
 * image's aspect ratio. Our convention ({@link me.minav3.mma.providers.EditJob}) is the same "white = edit" but also
 * counts transparent or dark pixels as kept and lets a mask have another size; a mask that is already pure opaque
 * black and white at the source's size goes as it is (by URL when public), any other is redrawn — scaled
 * nearest-neighbour to the source's size, each pixel white exactly when it is opaque (alpha ≥ 128) and light (luma
 * ≥ 128) — and sent inline as PNG, the change noted in the request's {@code corrections}.
 */
final class BriaMask {

    private static final int WHITE = 0xffffffff;
    private static final int BLACK = 0xff000000;

    private BriaMask() {}

    static String of(ImageRef mask, ImageRef source, InlineImages inline, ModelFit fit, ProviderCall call) {
        BufferedImage image = decode(InlineImages.bytes(mask, call), call);
        int[] size = size(InlineImages.bytes(source, call), call);
        int width = size[0];
        int height = size[1];
        boolean sameSize = image.getWidth() == width && image.getHeight() == height;
        BufferedImage binary = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY);
        boolean pure = sameSize;
        long white = 0;
        for (int y = 0; y < height; y++) {
            int my = (int) ((long) y * image.getHeight() / height);
            for (int x = 0; x < width; x++) {
                int argb = image.getRGB((int) ((long) x * image.getWidth() / width), my);
                boolean edits = edits(argb);
                pure &= argb == WHITE || argb == BLACK;
                if (edits) {
                    binary.setRGB(x, y, WHITE);
                    white++;
                }
            }
        }
        if (white == 0) {
            throw call.failure(Kind.CLIENT_ERROR, "the mask has no white pixel: nothing to edit");
        }
        if (pure) {
            return inline.dataUrlOrUrl(mask, call);
        }
        fit.correct("mask redrawn in black and white at the image's " + width + "x" + height + " (was "
                + image.getWidth() + "x" + image.getHeight() + (sameSize ? " with grey or transparent pixels" : "")
                + "): Bria takes white = edit, black = keep");
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(binary, call));
    }

    /** White = edit: opaque and light (decision 042). */
    private static boolean edits(int argb) {
        int alpha = argb >>> 24;
        int luma = (299 * (argb >> 16 & 0xff) + 587 * (argb >> 8 & 0xff) + 114 * (argb & 0xff)) / 1000;
        return alpha >= 128 && luma >= 128;
    }

    private static BufferedImage decode(byte[] bytes, ProviderCall call) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image != null) {
                return image;
            }
        } catch (IOException | RuntimeException e) {
            throw call.failure(Kind.CLIENT_ERROR, "the mask is not a readable image: " + e.getMessage(), e);
        }
        throw call.failure(Kind.CLIENT_ERROR, "the mask is not a readable image");
    }

    /** The image's width and height from its header, without decoding its pixels. */
    private static int[] size(byte[] bytes, ProviderCall call) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (readers.hasNext()) {
                ImageReader reader = readers.next();
                try {
                    reader.setInput(in, true, true);
                    return new int[] {reader.getWidth(0), reader.getHeight(0)};
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException | RuntimeException e) {
            throw call.failure(Kind.CLIENT_ERROR, "the source image's size cannot be read: " + e.getMessage(), e);
        }
        throw call.failure(Kind.CLIENT_ERROR, "the source image's size cannot be read");
    }

    private static byte[] png(BufferedImage image, ProviderCall call) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw call.failure(Kind.CONFIGURATION, "the mask could not be encoded as PNG: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
