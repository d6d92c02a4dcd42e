package me.minav3.adapters.providers.local;

import static me.minav3.adapters.providers.local.TestImages.png;
import static me.minav3.adapters.providers.local.TestImages.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.ImageGenerator;
import me.minav3.mma.providers.ImageJob;
import me.minav3.mma.providers.ImageRef;
import me.minav3.mma.providers.MediaPayload;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LocalImageGeneratorTest {

    private final ImageGenerator images = LocalProviders.images(Duration.ZERO);

    private static ImageJob job(
            String id, String prompt, AspectRatio ratio, List<ImageRef> references, Map<String, Object> settings) {
        return new ImageJob(new GenerationId(id), prompt, ratio, references, settings, Map.of("model", "local-v1"));
    }

    private static byte[] bytes(GeneratedMedia media) {
        return ((MediaPayload.Bytes) media.media()).data();
    }

    private static BufferedImage decode(GeneratedMedia media) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes(media)));
        assertThat(image).as("decodes as an image").isNotNull();
        return image;
    }

    @ParameterizedTest
    @EnumSource(
            value = AspectRatio.class,
            names = {"SQUARE", "PORTRAIT_4_5", "LANDSCAPE_16_9", "PORTRAIT_9_16", "CINEMA_21_9"})
    void drawsARealPngOfTheRequestedAspectRatio(AspectRatio ratio) throws IOException {
        GeneratedMedia media =
                images.generate(job("g1", "matcha latte on marble, morning light", ratio, List.of(), Map.of()));

        byte[] data = bytes(media);
        assertThat(ImageDecoder.sniff(data)).isEqualTo("png");
        BufferedImage image = decode(media);
        assertThat(Math.max(image.getWidth(), image.getHeight())).isEqualTo(1024);
        assertThat(image.getWidth() / (double) image.getHeight()).isCloseTo(ratio.value(), within(1.0 / 400));
        assertThat(media.provider()).isEqualTo("local");
        assertThat(media.model()).isEqualTo("local-v1");
        assertThat(media.trace().response())
                .containsEntry("content_type", "image/png")
                .containsEntry("bytes", data.length);
    }

    @Test
    void theSameJobGivesTheSameBytesAndOtherPromptsOrIdsDoNot() {
        ImageJob first = job("g1", "red perfume bottle at sunset", AspectRatio.PORTRAIT_4_5, List.of(), Map.of());

        byte[] once = bytes(images.generate(first));
        byte[] again = bytes(LocalProviders.images(Duration.ZERO).generate(first));
        byte[] otherPrompt = bytes(images.generate(
                job("g1", "blue perfume bottle at sunset", AspectRatio.PORTRAIT_4_5, List.of(), Map.of())));
        byte[] otherId = bytes(images.generate(
                job("g2", "red perfume bottle at sunset", AspectRatio.PORTRAIT_4_5, List.of(), Map.of())));

        assertThat(again).isEqualTo(once);
        assertThat(otherPrompt).isNotEqualTo(once);
        assertThat(otherId).isNotEqualTo(once);
    }

    @Test
    void paintsTheObjectInTheFirstColourThePromptNames() throws IOException {
        GeneratedMedia media = images.generate(
                job("g1", "red perfume bottle on white stone", AspectRatio.SQUARE, List.of(), Map.of()));

        BufferedImage image = decode(media);
        Color body = new Color(image.getRGB(512, 700));
        assertThat(body.getRed()).isGreaterThan(body.getGreen() + 60).isGreaterThan(body.getBlue() + 60);
        assertThat(media.trace().response()).containsEntry("object", "bottle");
        assertThat(media.trace().response().get("palette"))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .hasSize(3)
                .startsWith("red", "white");
    }

    @Test
    void namedColoursLeadThePaletteAndNeutralsFillTheRest() {
        for (long seed = 0; seed < 12; seed++) {
            List<String> named = StillRenderer.palette("serum, cream and sage, evening", List.of(), seed);
            List<String> withInspiration = StillRenderer.palette("a jar", List.of("navy blue"), seed);

            assertThat(named).hasSize(3).startsWith("cream", "sage").doesNotHaveDuplicates();
            assertThat(named.get(2)).isIn("beige", "light grey", "tan", "white");
            assertThat(withInspiration).hasSize(3).startsWith("navy blue").doesNotHaveDuplicates();
            assertThat(StillRenderer.palette("a jar", List.of(), seed)).hasSize(3);
        }
    }

    @Test
    void placesTheProductReferenceInTheCentreAndTheLogoInACorner() throws IOException {
        ImageRef product = ref("product.png", png(TestImages.solid(300, 300, new Color(20, 60, 220))));
        ImageRef logo = ref("logo.png", png(TestImages.solid(200, 100, new Color(250, 200, 0))));

        GeneratedMedia media = images.generate(job(
                "g1",
                "product on a cream backdrop",
                AspectRatio.SQUARE,
                List.of(logo, product),
                Map.of("reference_roles", List.of("logo", "product"))));

        BufferedImage image = decode(media);
        Color centre = new Color(image.getRGB(512, 600));
        Color corner = new Color(image.getRGB(45, 45));
        assertThat(centre.getBlue()).isGreaterThan(180);
        assertThat(centre.getRed()).isLessThan(70);
        assertThat(corner.getRed()).isGreaterThan(220);
        assertThat(corner.getBlue()).isLessThan(60);
        assertThat(media.trace().response())
                .containsEntry("object", "product reference")
                .containsEntry("logo", true);
        assertThat(media.trace().request())
                .containsEntry(
                        "references", List.of("https://assets.example/logo.png", "https://assets.example/product.png"));
    }

    @Test
    void refusesAnUnreadableReferenceAsAClientError() {
        ImageRef broken = ref("broken.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4, 5, 6, 7, 8, 9});

        assertThatThrownBy(() -> images.generate(job("g1", "a jar", AspectRatio.SQUARE, List.of(broken), Map.of())))
                .isInstanceOfSatisfying(ProviderFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.CLIENT_ERROR);
                    assertThat(failure.trace().request()).containsEntry("prompt", "a jar");
                });
    }

    @Test
    void isNamedLocalInTheLocalFamily() {
        assertThat(images.name()).isEqualTo("local");
        assertThat(images.family()).isEqualTo("local");
    }
}
