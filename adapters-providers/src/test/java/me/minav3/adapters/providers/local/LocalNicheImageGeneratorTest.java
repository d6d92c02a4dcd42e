package me.minav3.adapters.providers.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.ImageGenerator;
import me.minav3.mma.providers.ImageJob;
import me.minav3.mma.providers.MediaPayload;
import org.junit.jupiter.api.Test;

/** Issue 22: the niche engine's offline stand-in draws a still visibly unlike the main one, deterministically. */
class LocalNicheImageGeneratorTest {

    private final ImageGenerator main = LocalProviders.images(Duration.ZERO);
    private final ImageGenerator niche = LocalProviders.nicheImages(Duration.ZERO);

    private static ImageJob job(String id) {
        return new ImageJob(
                new GenerationId(id),
                "a green matcha tin on white marble, soft window light",
                AspectRatio.PORTRAIT_4_5,
                List.of(),
                Map.of(),
                Map.of());
    }

    private static byte[] bytes(GeneratedMedia media) {
        return ((MediaPayload.Bytes) media.media()).data();
    }

    private static BufferedImage decode(GeneratedMedia media) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes(media)));
    }

    @Test
    void theNicheStillIsTheSameSceneInAVisiblyDifferentLookUnderItsOwnName() throws IOException {
        GeneratedMedia mainStill = main.generate(job("g1"));
        GeneratedMedia nicheStill = niche.generate(job("g1"));

        assertThat(niche.name()).isEqualTo("local_niche");
        assertThat(nicheStill.provider()).isEqualTo("local_niche");
        assertThat(nicheStill.model()).isEqualTo("local-niche-v1");
        BufferedImage a = decode(mainStill);
        BufferedImage b = decode(nicheStill);
        assertThat(b.getWidth()).isEqualTo(a.getWidth());
        assertThat(b.getHeight()).isEqualTo(a.getHeight());
        assertThat(meanChannelDifference(a, b))
                .as("mean difference per channel, 0-255")
                .isGreaterThan(40);
        // The frame is banana yellow all round; the main still has no such frame.
        assertThat(bananaShareOfTheLeftEdge(b)).isGreaterThan(0.5);
        assertThat(bananaShareOfTheLeftEdge(a)).isLessThan(0.05);
        // Only the two duotone ends and the posterised steps between them: at most a handful of colours inside.
        assertThat(distinctColours(b, b.getWidth() / 4, b.getHeight() / 4, b.getWidth() / 2, b.getHeight() / 2))
                .isLessThanOrEqualTo(4);
    }

    @Test
    void theSameNicheJobGivesTheSameBytesAndAnotherIdDoesNot() {
        assertThat(bytes(niche.generate(job("g1")))).isEqualTo(bytes(niche.generate(job("g1"))));
        assertThat(bytes(niche.generate(job("g1")))).isNotEqualTo(bytes(niche.generate(job("g2"))));
    }

    private static double meanChannelDifference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        long n = 0;
        for (int y = 0; y < a.getHeight(); y += 4) {
            for (int x = 0; x < a.getWidth(); x += 4) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs((p >> shift & 0xff) - (q >> shift & 0xff));
                    n++;
                }
            }
        }
        return sum / (double) n;
    }

    private static double bananaShareOfTheLeftEdge(BufferedImage image) {
        int banana = NicheLook.BANANA.getRGB() & 0xffffff;
        int hits = 0;
        int all = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth() / 25; x++) {
                all++;
                hits += (image.getRGB(x, y) & 0xffffff) == banana ? 1 : 0;
            }
        }
        return hits / (double) all;
    }

    private static int distinctColours(BufferedImage image, int x0, int y0, int w, int h) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = y0; y < y0 + h; y += 3) {
            for (int x = x0; x < x0 + w; x += 3) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return colours.size();
    }
}
