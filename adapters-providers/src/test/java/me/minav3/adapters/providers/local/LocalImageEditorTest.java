package me.minav3.adapters.providers.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.imageio.ImageIO;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.providers.EditCanvas;
import me.minav3.mma.providers.EditJob;
import me.minav3.mma.providers.EditOptions;
import me.minav3.mma.providers.EditTool;
import me.minav3.mma.providers.EditedImage;
import me.minav3.mma.providers.ImageEditor;
import me.minav3.mma.providers.ImageRef;
import me.minav3.mma.providers.MediaPayload;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The local editor through its port: each tool really applies its job (the algorithms' own tests go deeper). */
class LocalImageEditorTest {

    private static final GenerationId ID = new GenerationId("0190a1b2-0000-7000-8000-00000000e001");
    private final ImageEditor editor = LocalProviders.editor(Duration.ZERO);

    /** A 64×48 scene: a blue sky over green ground with a red square (the subject) in the middle. */
    static BufferedImage scene() {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(40, 90, 200));
        g.fillRect(0, 0, 64, 48);
        g.setColor(new Color(200, 30, 30));
        g.fillRect(24, 16, 16, 16);
        g.dispose();
        return image;
    }

    /** A mask with white over the red square (plus a margin), black elsewhere. */
    static BufferedImage squareMask() {
        BufferedImage mask = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = mask.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(22, 14, 20, 20);
        g.dispose();
        return mask;
    }

    private static ImageRef ref(BufferedImage image) {
        byte[] bytes = LocalImageEditor.png(image);
        return new ImageRef("mem://image.png", () -> bytes);
    }

    private EditedImage run(EditTool tool, @Nullable BufferedImage mask, EditOptions options) {
        return editor.edit(EditJob.untracked(ID, tool, ref(scene()), mask == null ? null : ref(mask), options));
    }

    private static BufferedImage decode(EditedImage result) throws IOException {
        assertThat(result.contentType()).isEqualTo(EditedImage.PNG);
        return ImageIO.read(new ByteArrayInputStream(((MediaPayload.Bytes) result.media()).data()));
    }

    @Test
    void eraserChangesOnlyWhatTheMaskCoversAndRemovesTheSquare() throws IOException {
        BufferedImage source = scene();
        BufferedImage mask = squareMask();
        BufferedImage out = decode(run(EditTool.ERASER, mask, EditOptions.NONE));

        assertThat(out.getWidth()).isEqualTo(64);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                if ((mask.getRGB(x, y) & 0xffffff) == 0) {
                    assertThat(out.getRGB(x, y))
                            .as("outside the mask at %d,%d", x, y)
                            .isEqualTo(source.getRGB(x, y));
                }
            }
        }
        assertThat(new Color(out.getRGB(32, 24)).getRed())
                .as("the red square is gone")
                .isLessThan(100);
    }

    @Test
    void expandKeepsTheSourceOnTheCanvasAndFillsTheBorder() throws IOException {
        EditCanvas canvas = EditCanvas.forAspect(64, 48, 16, 9);
        BufferedImage out = decode(run(EditTool.EXPAND, null, EditOptions.expand(canvas, null)));

        assertThat(out.getWidth()).isEqualTo(canvas.width());
        assertThat(out.getHeight()).isEqualTo(48);
        BufferedImage source = scene();
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                assertThat(out.getRGB(canvas.x() + x, y)).isEqualTo(source.getRGB(x, y));
            }
        }
        assertThat(out.getRGB(0, 0) >>> 24).as("the new border is painted").isEqualTo(255);
    }

    @Test
    void removeBackgroundGivesAlphaAndKeepsTheSubject() throws IOException {
        BufferedImage out = decode(run(EditTool.REMOVE_BACKGROUND, null, EditOptions.NONE));

        assertThat(out.getColorModel().hasAlpha()).isTrue();
        assertThat(out.getRGB(2, 2) >>> 24).as("background").isZero();
        assertThat(out.getRGB(32, 24)).as("subject").isEqualTo(scene().getRGB(32, 24));
    }

    @Test
    void upscaleMultipliesBothSides() throws IOException {
        BufferedImage out = decode(run(EditTool.UPSCALE, null, EditOptions.upscale(4)));

        assertThat(out.getWidth()).isEqualTo(256);
        assertThat(out.getHeight()).isEqualTo(192);
    }

    @Test
    void vectorizeGivesAnSvgOfTheSourceSize() {
        EditedImage result = run(EditTool.VECTORIZE, null, EditOptions.NONE);

        assertThat(result.contentType()).isEqualTo(EditedImage.SVG);
        String svg = new String(((MediaPayload.Bytes) result.media()).data(), StandardCharsets.UTF_8);
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").contains("viewBox=\"0 0 64 48\"");
        assertThat(svg).contains("fill=\"#").endsWith("</svg>");
    }

    @Test
    void aMaskWithNothingWhiteIsTheCallersError() {
        BufferedImage black = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);

        assertThatThrownBy(() -> run(EditTool.ERASER, black, EditOptions.NONE))
                .isInstanceOfSatisfying(
                        ProviderFailure.class, f -> assertThat(f.kind()).isEqualTo(ProviderFailure.Kind.CLIENT_ERROR))
                .hasMessageContaining("no white pixel");
    }

    @Test
    void aJobMissingWhatItsToolNeedsCannotExist() {
        assertThatThrownBy(() ->
                        EditJob.untracked(ID, EditTool.INPAINT, ref(scene()), ref(squareMask()), EditOptions.NONE))
                .hasMessageContaining("needs a prompt");
        assertThatThrownBy(() -> EditJob.untracked(ID, EditTool.ERASER, ref(scene()), null, EditOptions.NONE))
                .hasMessageContaining("needs a mask");
        assertThatThrownBy(() -> EditJob.untracked(ID, EditTool.UPSCALE, ref(scene()), null, EditOptions.NONE))
                .hasMessageContaining("scale of 2 or 4");
    }
}
