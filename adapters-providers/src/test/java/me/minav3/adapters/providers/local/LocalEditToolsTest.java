package me.minav3.adapters.providers.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import javax.imageio.ImageIO;
import me.minav3.mma.common.GenerationId;
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

/**
 * The real algorithms behind the local editor's port (decision 043), on the studio scene encoded as a PNG like an
 * uploaded still: each tool's result through PNG/SVG bytes, and the same job giving the same bytes.
 */
class LocalEditToolsTest {

    private static final GenerationId ID = new GenerationId("0190a1b2-0000-7000-8000-00000000e043");
    private static final int W = 320;
    private static final int H = 240;

    private final ImageEditor editor = LocalProviders.editor(Duration.ZERO);
    private final int[] scene = EditScenes.scene(W, H);
    private final boolean[] disc = EditScenes.disc(W, H, 60, 60, 24);

    @Test
    void theEditorRunsTheRealAlgorithmOfEveryTool() {
        assertThat(editor.tools()).containsExactlyInAnyOrder(EditTool.values());
        Map<EditTool, LocalTool> tools = LocalEditTools.all();
        assertThat(new EnumMap<>(tools).keySet()).containsExactlyInAnyOrder(EditTool.values());
    }

    @Test
    void eraserAndInpaintChangeOnlyTheMaskAndAColourWordGuidesTheInpaint() throws IOException {
        int[] erased = decode(run(EditTool.ERASER, maskImage(), EditOptions.NONE));
        int[] inpainted = decode(run(EditTool.INPAINT, maskImage(), EditOptions.prompt("a small green plant")));

        double greenErased = 0;
        double greenInpainted = 0;
        for (int i = 0; i < scene.length; i++) {
            if (disc[i]) {
                greenErased += ((erased[i] >> 8) & 0xff) - ((erased[i] >> 16) & 0xff);
                greenInpainted += ((inpainted[i] >> 8) & 0xff) - ((inpainted[i] >> 16) & 0xff);
            } else {
                assertThat(erased[i]).isEqualTo(scene[i]);
                assertThat(inpainted[i]).isEqualTo(scene[i]);
            }
        }
        assertThat(greenInpainted).isGreaterThan(greenErased);
    }

    @Test
    void expandPlacesTheSourceOnTheCanvasGeometry() throws IOException {
        EditCanvas canvas = EditCanvas.forAspect(W, H, 16, 9);
        BufferedImage out = image(run(EditTool.EXPAND, null, EditOptions.expand(canvas, null)));

        assertThat(out.getWidth()).isEqualTo(canvas.width());
        assertThat(out.getHeight()).isEqualTo(canvas.height());
        int[] pixels = out.getRGB(0, 0, out.getWidth(), out.getHeight(), null, 0, out.getWidth());
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                assertThat(pixels[(y + canvas.y()) * canvas.width() + x + canvas.x()])
                        .isEqualTo(scene[y * W + x]);
            }
        }
    }

    @Test
    void removeBackgroundWritesAPngWithAlphaAroundTheSubject() throws IOException {
        BufferedImage out = image(run(EditTool.REMOVE_BACKGROUND, null, EditOptions.NONE));

        assertThat(out.getColorModel().hasAlpha()).isTrue();
        int[] pixels = out.getRGB(0, 0, W, H, null, 0, W);
        assertThat(BackgroundCutoutTest.iou(pixels, EditScenes.subject(W, H))).isGreaterThan(0.93);
    }

    @Test
    void upscaleGivesTheExactSizeAndOpaqueSourcesStayOpaque() throws IOException {
        BufferedImage out = image(run(EditTool.UPSCALE, null, EditOptions.upscale(2)));

        assertThat(out.getWidth()).isEqualTo(2 * W);
        assertThat(out.getHeight()).isEqualTo(2 * H);
        assertThat(out.getColorModel().hasAlpha()).isFalse();
    }

    @Test
    void vectorizeGivesAParsableSvgOfTheSourceSize() throws Exception {
        EditedImage result = run(EditTool.VECTORIZE, null, EditOptions.NONE);

        assertThat(result.contentType()).isEqualTo(EditedImage.SVG);
        String svg = new String(bytes(result), StandardCharsets.UTF_8);
        var root = SvgRaster.parse(svg).getDocumentElement();
        assertThat(root.getAttribute("width")).isEqualTo(Integer.toString(W));
        assertThat(root.getAttribute("height")).isEqualTo(Integer.toString(H));
    }

    @Test
    void theSameJobGivesTheSameBytesForEveryTool() {
        EditCanvas canvas = EditCanvas.forAspect(W, H, 1, 1);
        Map<EditTool, EditOptions> options = new EnumMap<>(EditTool.class);
        options.put(EditTool.ERASER, EditOptions.NONE);
        options.put(EditTool.INPAINT, EditOptions.prompt("red flowers"));
        options.put(EditTool.EXPAND, EditOptions.expand(canvas, "blue sky"));
        options.put(EditTool.REMOVE_BACKGROUND, EditOptions.NONE);
        options.put(EditTool.UPSCALE, EditOptions.upscale(4));
        options.put(EditTool.VECTORIZE, EditOptions.NONE);
        for (Map.Entry<EditTool, EditOptions> tool : options.entrySet()) {
            BufferedImage mask = tool.getKey().needsMask() ? maskImage() : null;
            assertThat(bytes(run(tool.getKey(), mask, tool.getValue())))
                    .as(tool.getKey().wire())
                    .isEqualTo(bytes(run(tool.getKey(), mask, tool.getValue())));
        }
    }

    private EditedImage run(EditTool tool, @Nullable BufferedImage mask, EditOptions options) {
        return editor.edit(EditJob.untracked(
                ID, tool, ref(EditScenes.image(scene, W, H)), mask == null ? null : ref(mask), options));
    }

    private BufferedImage maskImage() {
        int[] argb = new int[W * H];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = disc[i] ? 0xffffffff : 0xff000000;
        }
        return EditScenes.image(argb, W, H);
    }

    private static ImageRef ref(BufferedImage image) {
        byte[] png = LocalImageEditor.png(image);
        return new ImageRef("mem://edit.png", () -> png);
    }

    private static byte[] bytes(EditedImage result) {
        return ((MediaPayload.Bytes) result.media()).data();
    }

    private static BufferedImage image(EditedImage result) throws IOException {
        assertThat(result.contentType()).isEqualTo(EditedImage.PNG);
        return ImageIO.read(new ByteArrayInputStream(bytes(result)));
    }

    private static int[] decode(EditedImage result) throws IOException {
        BufferedImage image = image(result);
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
