package me.minav3.adapters.providers.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TeleaInpainterTest {

    private static final int W = 512;
    private static final int H = 512;
    private static final int OBJECT = 0xff203040;

    @Test
    void erasingChangesOnlyTheMaskAndFillsItLikeTheSurroundings() {
        int[] scene = EditScenes.scene(W, H);
        boolean[] onBackground = EditScenes.disc(W, H, 110, 120, 40);
        boolean[] acrossTheEdge = EditScenes.disc(W, H, 300, 150, 35);
        boolean[] mask = new boolean[W * H];
        int[] withObjects = scene.clone();
        for (int i = 0; i < mask.length; i++) {
            mask[i] = onBackground[i] || acrossTheEdge[i];
            if (mask[i]) {
                withObjects[i] = OBJECT;
            }
        }

        int[] filled = TeleaInpainter.fill(withObjects, W, H, mask, null);

        int changedInside = 0;
        int insideCount = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                insideCount++;
                if (filled[i] != withObjects[i]) {
                    changedInside++;
                }
            } else {
                assertThat(filled[i]).as("pixel %d outside the mask", i).isEqualTo(withObjects[i]);
            }
        }
        assertThat(changedInside).isEqualTo(insideCount);
        // The object is gone: the fill is close to the scene behind it (the object itself is ~130 away).
        assertThat(EditScenes.meanError(withObjects, scene, mask)).isGreaterThan(100);
        assertThat(EditScenes.meanError(filled, scene, onBackground)).isLessThan(6);
        assertThat(EditScenes.meanError(filled, scene, mask)).isLessThan(16);
    }

    @Test
    void aPromptColourGuidesTheFillAndStillKeepsEverythingOutside() {
        int[] scene = EditScenes.scene(W, H);
        boolean[] mask = EditScenes.disc(W, H, 110, 120, 40);

        int[] erased = TeleaInpainter.fill(scene, W, H, mask, null);
        int[] red = TeleaInpainter.fill(scene, W, H, mask, ColourNames.colour("red"));

        assertThat(redness(red, mask)).isGreaterThan(redness(erased, mask) + 40);
        for (int i = 0; i < mask.length; i++) {
            if (!mask[i]) {
                assertThat(red[i]).isEqualTo(scene[i]);
            }
        }
    }

    @Test
    void theSameInputGivesTheSamePixels() {
        int[] scene = EditScenes.scene(256, 256);
        boolean[] mask = EditScenes.disc(256, 256, 128, 60, 30);

        assertThat(TeleaInpainter.fill(scene, 256, 256, mask, null))
                .isEqualTo(TeleaInpainter.fill(scene.clone(), 256, 256, mask.clone(), null));
    }

    @Test
    void aFullyMaskedImageGetsAFlatFillRatherThanNothing() {
        boolean[] all = new boolean[16];
        java.util.Arrays.fill(all, true);

        int[] filled = TeleaInpainter.fill(new int[16], 4, 4, all, null);

        assertThat(filled).containsOnly(0xff808080);
    }

    /** Mean of red minus green over the mask. */
    private static double redness(int[] argb, boolean[] mask) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < argb.length; i++) {
            if (mask[i]) {
                sum += ((argb[i] >> 16) & 0xff) - ((argb[i] >> 8) & 0xff);
                n++;
            }
        }
        return sum / n;
    }
}
