package me.minav3.adapters.providers.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The local edit algorithms on the repository's own sample still, {@code docs/walkthrough/bottle.png} (480×600). */
class BottleSampleTest {

    private static final Path BOTTLE = Path.of("..", "docs", "walkthrough", "bottle.png");

    private final int w;
    private final int h;
    private final int[] pixels;

    BottleSampleTest() throws IOException {
        assertThat(BOTTLE).as("the sample still of the README walk-through").exists();
        BufferedImage image = ImageIO.read(Files.newInputStream(BOTTLE));
        w = image.getWidth();
        h = image.getHeight();
        pixels = image.getRGB(0, 0, w, h, null, 0, w);
    }

    @Test
    void erasingTheLabelLeavesTheBottlesOwnAmberAndNothingElseChanges() {
        // The cream label with "MINA" on it spans x 180..300, y 340..450 on the amber body (x 160..320).
        boolean[] mask = new boolean[w * h];
        for (int y = 335; y < 455; y++) {
            for (int x = 175; x < 305; x++) {
                mask[y * w + x] = true;
            }
        }

        int[] erased = TeleaInpainter.fill(pixels, w, h, mask, null);

        int amber = 0;
        int inside = 0;
        for (int i = 0; i < mask.length; i++) {
            if (!mask[i]) {
                assertThat(erased[i]).isEqualTo(pixels[i]);
                continue;
            }
            inside++;
            int r = (erased[i] >> 16) & 0xff;
            int b = erased[i] & 0xff;
            if (r - b > 90) {
                amber++;
            }
        }
        assertThat(amber).as("amber pixels of %s in the erased label", inside).isGreaterThan((int) (inside * 0.97));
    }

    @Test
    void theBottleIsCutOutWithItsCapAndLabel() {
        int[] cut = BackgroundCutout.cutout(pixels, w, h);

        assertThat(cut[0] >>> 24).isZero();
        assertThat(cut[10 * w + w - 10] >>> 24).isZero();
        assertThat(cut[300 * w + 60] >>> 24).as("background beside the bottle").isZero();
        assertThat(cut[135 * w + 240] >>> 24).as("the cap").isEqualTo(255);
        assertThat(cut[200 * w + 240] >>> 24).as("the neck").isEqualTo(255);
        assertThat(cut[395 * w + 240] >>> 24).as("the label").isEqualTo(255);
        assertThat(cut[500 * w + 170] >>> 24).as("the body").isEqualTo(255);
    }

    @Test
    void theTracedBottleLooksLikeTheBottle() throws Exception {
        String svg = ContourTracer.trace(pixels, w, h);

        assertThat(EditScenes.meanError(SvgRaster.render(SvgRaster.parse(svg)), pixels, null))
                .isLessThan(6);
    }

    @Test
    void theUpscaledBottleAveragesBackToTheSample() {
        int[] up = LanczosUpscaler.upscale(pixels, w, h, 2);

        assertThat(up).hasSize(4 * w * h);
        assertThat(EditScenes.meanError(LanczosUpscalerTest.downscale(up, w, h, 2), pixels, null))
                .isLessThan(2);
    }
}
