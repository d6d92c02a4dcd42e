package me.minav3.adapters.providers.local;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.Json;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.ImageGenerator;
import me.minav3.mma.providers.ImageJob;
import me.minav3.mma.providers.ImageRef;
import me.minav3.mma.providers.MediaPayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offline still maker: draws a real PNG of the job's aspect ratio whose colours, light and object come from
 * the prompt, with the product and logo references composited in. Deterministic: the same prompt and generation
 * id give the same bytes.
 */
final class LocalImageGenerator implements ImageGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(LocalImageGenerator.class);
    static final int LONG_SIDE = 1024;
    private static final int REFERENCE_SIDE = 1024;

    /** The registry name of the niche still engine's offline stand-in (issue 22). */
    static final String NICHE = "local_niche";

    static final String NICHE_MODEL = "local-niche-v1";

    private final Duration latency;
    private final boolean niche;

    LocalImageGenerator(Duration latency) {
        this(latency, false);
    }

    /** {@code niche}: the niche engine's look ({@link NicheLook}), under its own registry name. */
    LocalImageGenerator(Duration latency, boolean niche) {
        this.latency = LocalCall.checkedLatency(latency);
        this.niche = niche;
    }

    @Override
    public String name() {
        return niche ? NICHE : LocalCall.PROVIDER;
    }

    @Override
    public String family() {
        return LocalCall.FAMILY;
    }

    @Override
    public GeneratedMedia generate(ImageJob job) {
        LocalCall call = LocalCall.start(latency);
        int[] size = size(job.aspectRatio(), LONG_SIDE);
        List<String> roles = roles(job);
        String model = niche ? NICHE_MODEL : LocalCall.MODEL;
        Map<String, Object> request = Json.obj(
                "model",
                model,
                "prompt",
                job.prompt(),
                "aspect_ratio",
                job.aspectRatio().wire(),
                "width",
                size[0],
                "height",
                size[1],
                "references",
                job.references().stream().map(ImageRef::url).toList(),
                "reference_roles",
                roles,
                "settings",
                job.settings());
        Optional<BufferedImage> product = Optional.empty();
        Optional<BufferedImage> logo = Optional.empty();
        List<String> inspirationColours = new ArrayList<>();
        for (int i = 0; i < job.references().size(); i++) {
            DecodedImage reference = call.decode(job.references().get(i), REFERENCE_SIDE, request);
            switch (roles.get(i)) {
                case "product" -> product = product.or(reference::pixels);
                case "logo" -> logo = logo.or(reference::pixels);
                default ->
                    ImageScan.of(reference)
                            .pixels()
                            .ifPresent(m -> m.colours().forEach(c -> inspirationColours.add(c.name())));
            }
        }
        long seed = seed(job.prompt() + "\n" + job.generationId().value());
        StillRenderer.Scene scene = new StillRenderer.Scene(
                size[0],
                size[1],
                StillRenderer.palette(job.prompt(), inspirationColours, seed),
                PromptCues.Light.in(job.prompt()).orElse(PromptCues.Light.DEFAULT),
                PromptCues.Subject.in(job.prompt()),
                product,
                logo,
                seed);
        BufferedImage drawn = StillRenderer.render(scene);
        byte[] png = png(niche ? NicheLook.apply(drawn, seed) : drawn);
        Map<String, Object> response = Json.obj(
                "content_type",
                "image/png",
                "bytes",
                png.length,
                "width",
                size[0],
                "height",
                size[1],
                "palette",
                scene.colours(),
                "light",
                scene.light().phrase(),
                "object",
                product.isPresent() ? "product reference" : scene.subject().noun(),
                "logo",
                logo.isPresent(),
                "seed",
                Long.toHexString(seed));
        if (niche) {
            response.put("look", "niche duotone with a halftone frame");
        }
        LOG.debug(
                "local still drawn generation={} width={} height={} bytes={}",
                job.generationId().value(),
                size[0],
                size[1],
                png.length);
        return new GeneratedMedia(new MediaPayload.Bytes(png), name(), model, call.trace(request, response));
    }

    /** Pixel size with the given long side and the ratio's shape (rounded to whole pixels). */
    static int[] size(AspectRatio ratio, int longSide) {
        if (ratio.width() >= ratio.height()) {
            return new int[] {longSide, (int) Math.round(longSide * ratio.height() / (double) ratio.width())};
        }
        return new int[] {(int) Math.round(longSide * ratio.width() / (double) ratio.height()), longSide};
    }

    /**
     * The role of each reference: {@code settings.reference_roles} when the pipeline sends it, else the documented
     * order of {@link ImageJob#references()}: product, logo, then inspirations.
     */
    private static List<String> roles(ImageJob job) {
        List<Object> given = Json.list(job.settings(), "reference_roles");
        List<String> roles = new ArrayList<>();
        for (int i = 0; i < job.references().size(); i++) {
            if (i < given.size() && given.get(i) != null) {
                roles.add(String.valueOf(given.get(i)));
            } else {
                roles.add(i == 0 ? "product" : i == 1 ? "logo" : "inspiration");
            }
        }
        return roles;
    }

    static long seed(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long seed = 0;
            for (int i = 0; i < 8; i++) {
                seed = seed << 8 | (digest[i] & 0xff);
            }
            return seed;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static byte[] png(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * 1024);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(image);
        } catch (IOException e) {
            throw new IllegalStateException("writing a PNG to memory cannot fail", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
