package me.minav3.adapters.providers.local;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import me.minav3.mma.common.Json;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.MediaPayload;
import me.minav3.mma.providers.VideoGenerator;
import me.minav3.mma.providers.VideoJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offline video maker: a real H.264 MP4 of the requested duration made from the start image with the camera
 * move the prompt names (Ken Burns zoom or pan), cross-fading to the end image when one is given. Small (640 px
 * long side, 24 fps) so encoding in pure Java stays quick.
 */
final class LocalVideoGenerator implements VideoGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(LocalVideoGenerator.class);
    static final int LONG_SIDE = 640;
    static final int FPS = 24;
    /** Sources a little larger than the frame keep the zoom sharp without decoding huge images. */
    private static final int SOURCE_SIDE = 1024;

    private static final double FADE_START = 0.35;

    private final Duration latency;

    LocalVideoGenerator(Duration latency) {
        this.latency = LocalCall.checkedLatency(latency);
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
    public GeneratedMedia generate(VideoJob job) {
        LocalCall call = LocalCall.start(latency);
        int[] size = LocalImageGenerator.size(job.aspectRatio(), LONG_SIDE);
        int width = size[0] & ~1;
        int height = size[1] & ~1;
        MotionPlan plan = MotionPlan.of(job.prompt());
        int frames = FPS * job.durationSeconds();
        Map<String, Object> request = Json.obj(
                "model", LocalCall.MODEL,
                "prompt", job.prompt(),
                "negative_prompt", job.negativePrompt(),
                "start_image", job.startImage().url(),
                "end_image", job.endImage() == null ? null : job.endImage().url(),
                "duration_seconds", job.durationSeconds(),
                "aspect_ratio", job.aspectRatio().wire(),
                "settings", job.settings());
        BufferedImage start = call.decode(job.startImage(), SOURCE_SIDE, request)
                .pixels()
                .orElseThrow(() -> call.failure(
                        ProviderFailure.Kind.CLIENT_ERROR,
                        "the start image is a WebP, which the local video maker cannot decode; use PNG or JPEG",
                        request,
                        null));
        Optional<BufferedImage> end = job.endImage() == null
                ? Optional.empty()
                : call.decode(job.endImage(), SOURCE_SIDE, request).pixels();
        byte[] mp4;
        try {
            mp4 = encode(plan, start, end, width, height, frames);
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw call.failure(ProviderFailure.Kind.TIMEOUT, "local video encoding was interrupted", request, e);
        } catch (IOException | RuntimeException e) {
            throw call.failure(
                    ProviderFailure.Kind.TASK_FAILED, "local video encoding failed: " + e.getMessage(), request, e);
        }
        Map<String, Object> response = Json.obj(
                "content_type",
                "video/mp4",
                "codec",
                "h264",
                "bytes",
                mp4.length,
                "width",
                width,
                "height",
                height,
                "fps",
                FPS,
                "frames",
                frames,
                "move",
                plan.move().name().toLowerCase(java.util.Locale.ROOT),
                "amount",
                plan.amount(),
                "cross_fade",
                end.isPresent());
        LOG.debug(
                "local video encoded generation={} frames={} bytes={}",
                job.generationId().value(),
                frames,
                mp4.length);
        return new GeneratedMedia(
                new MediaPayload.Bytes(mp4), LocalCall.PROVIDER, LocalCall.MODEL, call.trace(request, response));
    }

    private static byte[] encode(
            MotionPlan plan, BufferedImage start, Optional<BufferedImage> end, int width, int height, int frames)
            throws IOException {
        H264Mp4Writer writer = new H264Mp4Writer(width, height, FPS);
        BufferedImage first = prepared(start, plan, width, height);
        Optional<BufferedImage> last = end.map(image -> prepared(image, plan, width, height));
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < frames; i++) {
            // Encoding takes seconds of CPU: a worker being shut down or timed out stops between frames.
            if (Thread.interrupted()) {
                throw new InterruptedIOException("interrupted after " + i + " of " + frames + " frames");
            }
            double t = frames == 1 ? 0 : i / (double) (frames - 1);
            Graphics2D g = frame.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setColor(java.awt.Color.BLACK);
                g.fillRect(0, 0, width, height);
                g.drawImage(first, plan.transform(t, first.getWidth(), first.getHeight(), width, height), null);
                if (last.isPresent() && t > FADE_START) {
                    double fade = (t - FADE_START) / (1 - FADE_START);
                    g.setComposite(AlphaComposite.getInstance(
                            AlphaComposite.SRC_OVER, (float) (fade * fade * (3 - 2 * fade))));
                    BufferedImage image = last.get();
                    g.drawImage(image, plan.transform(t, image.getWidth(), image.getHeight(), width, height), null);
                    g.setComposite(AlphaComposite.SrcOver);
                }
                Label.draw(g, width, height, true);
            } finally {
                g.dispose();
            }
            writer.add(frame);
        }
        return writer.finish();
    }

    /**
     * The source as {@code TYPE_INT_RGB}, no larger than the frame needs at the plan's widest zoom: drawing it
     * 120-240 times is then Java2D's fast path instead of a per-pixel colour conversion of a big image.
     */
    private static BufferedImage prepared(BufferedImage source, MotionPlan plan, int width, int height) {
        double cover = Math.max(width / (double) source.getWidth(), height / (double) source.getHeight());
        double scale = Math.min(1, cover * (1 + plan.amount()) * 1.05);
        int w = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage prepared = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = prepared.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(java.awt.Color.BLACK);
            g.fillRect(0, 0, w, h);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return prepared;
    }
}
