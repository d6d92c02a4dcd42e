package me.minav3.adapters.providers.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EdgeOutpainterTest {

    private static final int W = 512;
    private static final int H = 512;

    @Test
    void theSourceStaysExactlyAtItsPlaceAndTheNewBorderContinuesItsEdges() {
        int[] scene = EditScenes.scene(W, H);
        int cw = 910;
        int left = (cw - W) / 2;

        int[] canvas = EdgeOutpainter.expand(scene, W, H, cw, H, left, 0, null);

        assertThat(canvas).hasSize(cw * H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                assertThat(canvas[y * cw + left + x]).isEqualTo(scene[y * W + x]);
            }
        }
        // Every new pixel is filled (opaque), the seam is continuous, and the border has the edges' colours.
        double seam = 0;
        for (int y = 0; y < H; y++) {
            assertThat(canvas[y * cw] >>> 24).isEqualTo(255);
            assertThat(canvas[y * cw + cw - 1] >>> 24).isEqualTo(255);
            seam += channelDistance(canvas[y * cw + left - 1], scene[y * W]);
            seam += channelDistance(canvas[y * cw + left + W], scene[y * W + W - 1]);
        }
        assertThat(seam / (2 * H)).isLessThan(4);
        for (int y = 0; y < H; y += 8) {
            // The far left column's colour follows the source's left edge at that height (the gradient continues).
            assertThat(channelDistance(canvas[y * cw], scene[y * W])).isLessThan(25);
        }
    }

    @Test
    void theSubjectInTheMiddleIsNotCopiedIntoTheBorder() {
        int[] scene = EditScenes.scene(W, H);
        int ch = 910;
        int top = (ch - H) / 2;

        int[] canvas = EdgeOutpainter.expand(scene, W, H, W, ch, 0, top, null);

        int subjectLike = 0;
        for (int y = 0; y < ch; y++) {
            if (y >= top && y < top + H) {
                continue;
            }
            for (int x = 0; x < W; x++) {
                int v = canvas[y * W + x];
                if (((v >> 16) & 0xff) - (v & 0xff) > 80) {
                    subjectLike++;
                }
            }
        }
        assertThat(subjectLike).isZero();
    }

    @Test
    void aPromptColourTintsOnlyTheNewBorder() {
        int[] scene = EditScenes.scene(128, 128);

        int[] plain = EdgeOutpainter.expand(scene, 128, 128, 256, 128, 64, 0, null);
        int[] green = EdgeOutpainter.expand(scene, 128, 128, 256, 128, 64, 0, ColourNames.colour("green"));

        int tint = ColourNames.colour("green").getRGB();
        assertThat(channelDistance(green[64 * 256], tint)).isLessThan(channelDistance(plain[64 * 256], tint) - 10);
        for (int y = 0; y < 128; y++) {
            for (int x = 64; x < 192; x++) {
                assertThat(green[y * 256 + x]).isEqualTo(plain[y * 256 + x]);
            }
        }
    }

    @Test
    void theSameInputGivesTheSamePixels() {
        int[] scene = EditScenes.scene(200, 120);

        assertThat(EdgeOutpainter.expand(scene, 200, 120, 260, 200, 30, 40, null))
                .isEqualTo(EdgeOutpainter.expand(scene.clone(), 200, 120, 260, 200, 30, 40, null));
    }

    @Test
    void aBorderWiderThanTheSourceIsStillFilled() {
        int[] scene = EditScenes.scene(40, 40);

        int[] canvas = EdgeOutpainter.expand(scene, 40, 40, 400, 40, 180, 0, null);

        for (int v : canvas) {
            assertThat(v >>> 24).isEqualTo(255);
        }
    }

    private static double channelDistance(int a, int b) {
        return (Math.abs(((a >> 16) & 0xff) - ((b >> 16) & 0xff))
                        + Math.abs(((a >> 8) & 0xff) - ((b >> 8) & 0xff))
                        + Math.abs((a & 0xff) - (b & 0xff)))
                / 3.0;
    }
}
