package me.minav3.mma.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.ProviderTrace;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.providers.EditCanvas;
import me.minav3.mma.providers.EditJob;
import me.minav3.mma.providers.EditTool;
import me.minav3.mma.providers.EditedImage;
import me.minav3.mma.providers.ImageEditor;
import me.minav3.mma.providers.MediaPayload;

/**
 * An image editor for pipeline tests that really edits, simply: eraser and inpaint paint every mask pixel (white =
 * edit) magenta and keep the rest, expand pads with the source's corner colour, remove background makes the corner
 * colour transparent, upscale scales by the factor, vectorize answers {@link #svg} (a test may make it hostile).
 * Can be told to fail.
 */
public final class ScriptedEditor implements ImageEditor {

    /** What eraser and inpaint paint into the mask. */
    public static final int FILL = 0xFFFF00FF;

    private final List<EditJob> jobs = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile byte[] svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="8" height="8" viewBox="0 0 8 8">\
            <rect width="8" height="8" fill="#336699"/></svg>""".getBytes(StandardCharsets.UTF_8);
    private volatile byte[] answer;

    public ScriptedEditor failNext(int times) {
        failuresLeft.set(times);
        return this;
    }

    /** What vectorize answers. */
    public ScriptedEditor vectorizeTo(byte[] document) {
        this.svg = document.clone();
        return this;
    }

    /** Every tool answers these bytes (a misbehaving provider). */
    public ScriptedEditor answer(byte[] bytes) {
        this.answer = bytes.clone();
        return this;
    }

    public List<EditJob> jobs() {
        return List.copyOf(jobs);
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public String family() {
        return "local";
    }

    @Override
    public Set<EditTool> tools() {
        return EnumSet.allOf(EditTool.class);
    }

    @Override
    public EditedImage edit(EditJob job) {
        jobs.add(job);
        if (failuresLeft.getAndDecrement() > 0) {
            throw new ProviderFailure(
                    name(),
                    ProviderFailure.Kind.SERVER_ERROR,
                    "HTTP 500 from the edit service",
                    new ProviderTrace(Json.obj("tool", job.tool().wire()), Json.obj("status", 500), List.of()));
        }
        byte[] bytes = answer != null ? answer : result(job);
        return new EditedImage(
                new MediaPayload.Bytes(bytes),
                job.tool().resultContentType(),
                name(),
                "scripted-edit-1",
                new ProviderTrace(Json.obj("tool", job.tool().wire()), Json.obj("status", 200), List.of()));
    }

    private byte[] result(EditJob job) {
        if (job.tool() == EditTool.VECTORIZE) {
            return svg;
        }
        BufferedImage source = read(job.source().bytes().get());
        int w = source.getWidth();
        int h = source.getHeight();
        int corner = source.getRGB(0, 0);
        BufferedImage out;
        switch (job.tool()) {
            case ERASER, INPAINT -> {
                BufferedImage mask = read(job.mask().bytes().get());
                out = copy(source, w, h);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int m = mask.getRGB(x * mask.getWidth() / w, y * mask.getHeight() / h);
                        int luma = (299 * ((m >> 16) & 255) + 587 * ((m >> 8) & 255) + 114 * (m & 255)) / 1000;
                        if ((m >>> 24) >= 128 && luma >= 128) {
                            out.setRGB(x, y, FILL);
                        }
                    }
                }
            }
            case EXPAND -> {
                EditCanvas canvas = job.options().canvas();
                out = new BufferedImage(canvas.width(), canvas.height(), BufferedImage.TYPE_INT_ARGB);
                Graphics2D g = out.createGraphics();
                g.setColor(new Color(corner, true));
                g.fillRect(0, 0, canvas.width(), canvas.height());
                g.drawImage(source, canvas.x(), canvas.y(), null);
                g.dispose();
            }
            case REMOVE_BACKGROUND -> {
                out = copy(source, w, h);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        if (out.getRGB(x, y) == corner) {
                            out.setRGB(x, y, corner & 0x00FFFFFF);
                        }
                    }
                }
            }
            case UPSCALE -> {
                int s = job.options().scale();
                out = new BufferedImage(w * s, h * s, BufferedImage.TYPE_INT_ARGB);
                Graphics2D g = out.createGraphics();
                g.drawImage(source, 0, 0, w * s, h * s, null);
                g.dispose();
            }
            default -> throw new IllegalStateException(job.tool().wire());
        }
        return png(out);
    }

    private static BufferedImage copy(BufferedImage source, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(source, 0, 0, null);
        g.dispose();
        return out;
    }

    static BufferedImage read(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
