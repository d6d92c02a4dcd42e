package me.minav3.adapters.providers.local;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.imageio.ImageIO;
import me.minav3.mma.common.Json;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.providers.EditJob;
import me.minav3.mma.providers.EditTool;
import me.minav3.mma.providers.EditedImage;
import me.minav3.mma.providers.ImageEditor;
import me.minav3.mma.providers.ImageRef;
import me.minav3.mma.providers.MediaPayload;
import org.jspecify.annotations.Nullable;

/**
 * The offline editor: decodes the source (and mask), runs the tool's {@link LocalTool} and encodes the result
 * (PNG, or the SVG text as UTF-8). Provider and step family {@code local}, model {@code local-v1}.
 */
final class LocalImageEditor implements ImageEditor {

    /** The biggest result accepted, in pixels (an upscale ×4 of a big still would otherwise exhaust memory). */
    static final long MAX_RESULT_PIXELS = 40_000_000L;

    private final Duration latency;
    private final Map<EditTool, LocalTool> tools;

    LocalImageEditor(Duration latency, Map<EditTool, LocalTool> tools) {
        this.latency = LocalCall.checkedLatency(latency);
        this.tools = new EnumMap<>(tools);
        for (EditTool tool : EditTool.values()) {
            Objects.requireNonNull(this.tools.get(tool), () -> "no local algorithm for " + tool.wire());
        }
    }

    @Override
    public String name() {
        return LocalCall.PROVIDER;
    }

    @Override
    public String family() {
        return LocalCall.FAMILY;
    }

    @Override
    public Set<EditTool> tools() {
        return tools.keySet();
    }

    @Override
    public EditedImage edit(EditJob job) {
        LocalCall call = LocalCall.start(latency);
        Map<String, Object> request = request(job);
        BufferedImage source = pixels(call, job.source(), "source", request);
        checkResultSize(call, job, source, request);
        EditMask mask = null;
        ImageRef maskRef = job.mask();
        if (maskRef != null) {
            mask = EditMask.of(pixels(call, maskRef, "mask", request), source.getWidth(), source.getHeight());
            if (mask.count() == 0) {
                throw call.failure(
                        ProviderFailure.Kind.CLIENT_ERROR,
                        "the mask has no white pixel: nothing to edit",
                        request,
                        null);
            }
        }
        LocalTool tool = tools.get(job.tool());
        if (tool == null) {
            throw new IllegalStateException(
                    "no local algorithm for " + job.tool().wire());
        }
        LocalTool.Output output = tool.apply(source, mask, job.options());
        byte[] bytes;
        Map<String, Object> response;
        if (output instanceof LocalTool.Raster raster) {
            bytes = png(raster.image());
            response = Json.obj(
                    "content_type",
                    EditedImage.PNG,
                    "width",
                    raster.image().getWidth(),
                    "height",
                    raster.image().getHeight(),
                    "bytes",
                    bytes.length);
        } else {
            bytes = ((LocalTool.Svg) output).document().getBytes(StandardCharsets.UTF_8);
            response = Json.obj("content_type", EditedImage.SVG, "bytes", bytes.length);
        }
        return new EditedImage(
                new MediaPayload.Bytes(bytes),
                job.tool().resultContentType(),
                LocalCall.PROVIDER,
                LocalCall.MODEL,
                call.trace(request, response));
    }

    private static Map<String, Object> request(EditJob job) {
        Map<String, Object> request = Json.obj(
                "model",
                LocalCall.MODEL,
                "tool",
                job.tool().wire(),
                "image",
                job.source().url());
        ImageRef mask = job.mask();
        if (mask != null) {
            request.put("mask", mask.url());
        }
        if (job.options().prompt() != null) {
            request.put("prompt", job.options().prompt());
        }
        var canvas = job.options().canvas();
        if (canvas != null) {
            request.put("canvas_size", java.util.List.of(canvas.width(), canvas.height()));
            request.put("original_image_location", java.util.List.of(canvas.x(), canvas.y()));
        }
        if (job.tool() == EditTool.UPSCALE) {
            request.put("scale", job.options().scale());
        }
        return request;
    }

    private static void checkResultSize(
            LocalCall call, EditJob job, BufferedImage source, Map<String, Object> request) {
        long pixels = (long) source.getWidth() * source.getHeight();
        var canvas = job.options().canvas();
        if (canvas != null) {
            pixels = (long) canvas.width() * canvas.height();
        }
        pixels *= (long) job.options().scale() * job.options().scale();
        if (pixels > MAX_RESULT_PIXELS) {
            throw call.failure(
                    ProviderFailure.Kind.CLIENT_ERROR,
                    "the result would be " + pixels + " pixels; at most " + MAX_RESULT_PIXELS + " are made",
                    request,
                    null);
        }
    }

    /** The full-size pixels of an input, as TYPE_INT_ARGB; WebP through the ImageIO plugin. */
    private static BufferedImage pixels(LocalCall call, ImageRef ref, String what, Map<String, Object> request) {
        DecodedImage decoded = call.decode(ref, Integer.MAX_VALUE, request);
        @Nullable BufferedImage image = decoded.pixels().orElse(null);
        if (image == null) {
            try {
                image = ImageIO.read(new ByteArrayInputStream(ref.bytes().get()));
            } catch (IOException | RuntimeException e) {
                image = null;
            }
        }
        if (image == null) {
            throw call.failure(
                    ProviderFailure.Kind.CLIENT_ERROR,
                    "cannot decode the " + what + " (" + decoded.format() + ")",
                    request,
                    null);
        }
        return argb(image);
    }

    static BufferedImage argb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_ARGB) {
            return image;
        }
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
        var g = copy.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return copy;
    }

    static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("encoding a PNG in memory cannot fail", e);
        }
    }
}
