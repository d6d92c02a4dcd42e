package me.minav3.mma.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import me.minav3.mma.common.GenerationId;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * What every {@link ImageEditor} promises through the port, whatever does the editing: each tool it lists gives
 * its tool's content type ({@code image/png}, {@code image/svg+xml} for vectorize) and size (the source's for
 * eraser, inpaint and remove background, the canvas's for expand, the source's times the scale for upscale), a
 * remove-background result has transparent pixels, a vectorize result is an SVG document. Only structural
 * guarantees a provider fake can honour: whether the right pixels changed is each adapter's own test (the local
 * tools'), not the contract's.
 */
public abstract class ImageEditorContract {

    /** A source of an odd size, so an adapter that swaps or rounds sides is caught. */
    protected static final int WIDTH = 96;

    protected static final int HEIGHT = 64;

    private static final GenerationId ID = new GenerationId("0190a1b2-0000-7000-8000-00000000c0e1");

    /** The editor under test. */
    protected abstract ImageEditor editor();

    /**
     * An input image as the pipeline hands it over: a URL (here one only this machine can reach, as a local asset
     * URL is) and its bytes.
     */
    protected ImageRef image(String name, byte[] png) {
        return new ImageRef("http://localhost:8080/assets/contract/" + name, () -> png.clone());
    }

    /** The result's bytes: its own, or its temporary URL downloaded as the core does. */
    protected byte[] bytes(MediaPayload media) {
        return switch (media) {
            case MediaPayload.Bytes inline -> inline.data();
            case MediaPayload.Remote remote -> download(remote);
        };
    }

    @Test
    void eraserAndInpaintKeepTheSourceSizeInPng() {
        assertRaster(run(EditTool.ERASER, mask(), EditOptions.NONE), WIDTH, HEIGHT);
        assertRaster(run(EditTool.INPAINT, mask(), EditOptions.prompt("a sprig of green mint")), WIDTH, HEIGHT);
    }

    @Test
    void expandGivesTheCanvasSize() {
        EditCanvas canvas = EditCanvas.forAspect(WIDTH, HEIGHT, 16, 9);

        assertRaster(run(EditTool.EXPAND, null, EditOptions.expand(canvas, null)), canvas.width(), canvas.height());
    }

    @Test
    void removeBackgroundKeepsTheSizeWithTransparentPixels() {
        BufferedImage cut = assertRaster(run(EditTool.REMOVE_BACKGROUND, null, EditOptions.NONE), WIDTH, HEIGHT);

        assertThat(cut.getColorModel().hasAlpha()).as("an alpha channel").isTrue();
        assertThat(transparentPixels(cut)).as("transparent background pixels").isPositive();
    }

    @Test
    void upscaleMultipliesBothSidesByTheScale() {
        assertRaster(run(EditTool.UPSCALE, null, EditOptions.upscale(2)), WIDTH * 2, HEIGHT * 2);
        assertRaster(run(EditTool.UPSCALE, null, EditOptions.upscale(4)), WIDTH * 4, HEIGHT * 4);
    }

    @Test
    void vectorizeGivesAnSvgDocument() throws Exception {
        EditedImage result = run(EditTool.VECTORIZE, null, EditOptions.NONE);

        assertThat(result.contentType()).isEqualTo(EditedImage.SVG);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setNamespaceAware(true);
        Document svg = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes(result.media())));
        assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
    }

    @Test
    void itListsTheToolsItRunsAndNamesItselfOnEveryResult() {
        assertThat(editor().tools()).isNotEmpty();
        EditedImage result = run(EditTool.REMOVE_BACKGROUND, null, EditOptions.NONE);

        assertThat(result.provider()).isEqualTo(editor().name());
        assertThat(result.model()).isNotBlank();
    }

    /** Runs one tool on the contract's scene, as an edit outside the pipeline. */
    protected EditedImage run(EditTool tool, byte @Nullable [] mask, EditOptions options) {
        assertThat(editor().tools())
                .as(editor().name() + " runs " + tool.wire())
                .contains(tool);
        EditJob job = EditJob.untracked(
                ID, tool, image("scene.png", png(scene())), mask == null ? null : image("mask.png", mask), options);
        return editor().edit(job);
    }

    private BufferedImage assertRaster(EditedImage result, int width, int height) {
        assertThat(result.contentType()).isEqualTo(EditedImage.PNG);
        byte[] bytes = bytes(result.media());
        assertThat(bytes).as("a PNG signature").startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = read(bytes);
        assertThat(image.getWidth()).as("width").isEqualTo(width);
        assertThat(image.getHeight()).as("height").isEqualTo(height);
        return image;
    }

    /** A studio scene: a graded grey backdrop and a red bottle-like subject in the middle. */
    protected static BufferedImage scene() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < HEIGHT; y++) {
            int grey = 200 + y * 40 / HEIGHT;
            for (int x = 0; x < WIDTH; x++) {
                image.setRGB(x, y, new Color(grey, grey, grey - 6).getRGB());
            }
        }
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(170, 40, 30));
        g.fillRoundRect(38, 14, 20, 40, 8, 8);
        g.dispose();
        return image;
    }

    /** White over the subject (edit), black elsewhere (keep). */
    protected static byte[] mask() {
        BufferedImage mask = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = mask.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(34, 10, 28, 48);
        g.dispose();
        return png(mask);
    }

    protected static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static BufferedImage read(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            assertThat(image).as("a decodable image").isNotNull();
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long transparentPixels(BufferedImage image) {
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) >>> 24) == 0) {
                    count++;
                }
            }
        }
        return count;
    }

    private static byte[] download(MediaPayload.Remote remote) {
        try (HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<byte[]> response = client.send(
                    HttpRequest.newBuilder(remote.url())
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as("the output URL answers").isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
