package me.minav3.adapters.providers.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackgroundCutoutTest {

    @Test
    void theSubjectIsKeptOpaqueAndTheBackgroundBecomesTransparent() {
        int w = 512;
        int h = 512;
        int[] scene = EditScenes.scene(w, h);

        int[] cut = BackgroundCutout.cutout(scene, w, h);

        assertThat(iou(cut, EditScenes.subject(w, h))).isGreaterThan(0.95);
        assertThat(cut[0] >>> 24).isZero();
        assertThat(cut[w * h - 1] >>> 24).isZero();
        assertThat(cut[(h / 2) * w + w / 2] >>> 24).isEqualTo(255);
        // The label inside the subject is close in colour to the background's bottom, and still kept.
        int label = ((int) (h * 0.55)) * w + w / 2;
        assertThat(cut[label]).isEqualTo(scene[label]);
        // A soft matte: some edge pixels are partly transparent; colours are the source's.
        int soft = 0;
        for (int i = 0; i < cut.length; i++) {
            int a = cut[i] >>> 24;
            if (a > 0 && a < 255) {
                soft++;
            }
            assertThat(cut[i] & 0xffffff).isEqualTo(scene[i] & 0xffffff);
        }
        assertThat(soft).isGreaterThan(100);
    }

    @Test
    void aBigImageIsSegmentedSmallerAndItsMatteScaledBack() {
        int w = 1200;
        int h = 900;
        int[] scene = EditScenes.scene(w, h);

        int[] cut = BackgroundCutout.cutout(scene, w, h);

        assertThat(cut).hasSize(w * h);
        assertThat(iou(cut, EditScenes.subject(w, h))).isGreaterThan(0.95);
    }

    @Test
    void theSameInputGivesTheSamePixels() {
        int[] scene = EditScenes.scene(300, 260);

        assertThat(BackgroundCutout.cutout(scene, 300, 260))
                .isEqualTo(BackgroundCutout.cutout(scene.clone(), 300, 260));
    }

    /** Intersection over union of the opaque-enough pixels (alpha ≥ 128) with the known subject. */
    static double iou(int[] argb, boolean[] subject) {
        int both = 0;
        int either = 0;
        for (int i = 0; i < argb.length; i++) {
            boolean kept = (argb[i] >>> 24) >= 128;
            if (kept && subject[i]) {
                both++;
            }
            if (kept || subject[i]) {
                either++;
            }
        }
        return both / (double) either;
    }
}
