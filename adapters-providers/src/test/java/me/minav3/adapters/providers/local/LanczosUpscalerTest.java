package me.minav3.adapters.providers.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanczosUpscalerTest {

    @Test
    void theSizeIsExactlyTheScaleTimesTheSource() {
        int[] scene = EditScenes.scene(301, 203);

        assertThat(LanczosUpscaler.upscale(scene, 301, 203, 2)).hasSize(602 * 406);
        assertThat(LanczosUpscaler.upscale(scene, 301, 203, 4)).hasSize(1204 * 812);
    }

    @Test
    void noBlocksWhereNearestNeighbourMakesThem() {
        int w = 256;
        int h = 256;
        int[] scene = EditScenes.scene(w, h);
        for (int scale : new int[] {2, 4}) {
            int[] lanczos = LanczosUpscaler.upscale(scene, w, h, scale);
            int[] nearest = nearest(scene, w, h, scale);

            // Blockiness: the mean step across block boundaries over the mean step inside blocks. Nearest
            // neighbour has no step inside a block (infinite); a smooth resampler has about as much inside as across.
            assertThat(blockiness(nearest, w * scale, h * scale, scale)).isGreaterThan(50);
            assertThat(blockiness(lanczos, w * scale, h * scale, scale)).isLessThan(1.6);
            // And it is the same picture: averaged back down it matches the source.
            assertThat(EditScenes.meanError(downscale(lanczos, w, h, scale), scene, null))
                    .isLessThan(3);
        }
    }

    @Test
    void transparentPixelsLeaveNoDarkFringe() {
        int w = 32;
        int h = 32;
        int[] half = new int[w * h];
        for (int i = 0; i < half.length; i++) {
            half[i] = (i % w) < w / 2 ? 0x00000000 : 0xffffffff;
        }

        int[] up = LanczosUpscaler.upscale(half, w, h, 4);

        for (int v : up) {
            if ((v >>> 24) >= 16) {
                assertThat((v >> 16) & 0xff).isGreaterThanOrEqualTo(250);
            }
        }
    }

    @Test
    void theSameInputGivesTheSamePixels() {
        int[] scene = EditScenes.scene(100, 80);

        assertThat(LanczosUpscaler.upscale(scene, 100, 80, 4))
                .isEqualTo(LanczosUpscaler.upscale(scene.clone(), 100, 80, 4));
    }

    private static double blockiness(int[] argb, int w, int h, int scale) {
        double across = 0;
        double inside = 0;
        long nAcross = 0;
        long nInside = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x + 1 < w; x++) {
                int a = argb[y * w + x];
                int b = argb[y * w + x + 1];
                double step = Math.abs(((a >> 16) & 0xff) - ((b >> 16) & 0xff))
                        + Math.abs(((a >> 8) & 0xff) - ((b >> 8) & 0xff))
                        + Math.abs((a & 0xff) - (b & 0xff));
                if ((x + 1) % scale == 0) {
                    across += step;
                    nAcross++;
                } else {
                    inside += step;
                    nInside++;
                }
            }
        }
        double meanInside = inside / nInside;
        return meanInside == 0 ? Double.POSITIVE_INFINITY : (across / nAcross) / meanInside;
    }

    private static int[] nearest(int[] argb, int w, int h, int scale) {
        int[] out = new int[w * scale * h * scale];
        for (int y = 0; y < h * scale; y++) {
            for (int x = 0; x < w * scale; x++) {
                out[y * w * scale + x] = argb[(y / scale) * w + x / scale];
            }
        }
        return out;
    }

    static int[] downscale(int[] argb, int w, int h, int scale) {
        int[] out = new int[w * h];
        int bw = w * scale;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = 0;
                int g = 0;
                int b = 0;
                for (int yy = 0; yy < scale; yy++) {
                    for (int xx = 0; xx < scale; xx++) {
                        int v = argb[(y * scale + yy) * bw + x * scale + xx];
                        r += (v >> 16) & 0xff;
                        g += (v >> 8) & 0xff;
                        b += v & 0xff;
                    }
                }
                int n = scale * scale;
                out[y * w + x] = 0xff000000 | (r / n) << 16 | (g / n) << 8 | (b / n);
            }
        }
        return out;
    }
}
