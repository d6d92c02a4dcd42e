package me.minav3.adapters.providers.local;

import static me.minav3.adapters.providers.local.TestImages.png;
import static me.minav3.adapters.providers.local.TestImages.ref;
import static me.minav3.adapters.providers.local.TestImages.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.providers.GptReply;
import me.minav3.mma.providers.GptTask;
import me.minav3.mma.providers.ImageRef;
import me.minav3.mma.providers.VisionLanguageModel;
import org.junit.jupiter.api.Test;

class LocalScannerTest {

    private final VisionLanguageModel vision = LocalProviders.vision(Duration.ZERO);

    private GptReply scan(String role, ImageRef image) {
        return vision.ask(request(GptTask.SCAN, Map.of("role", role), image));
    }

    @Test
    void namesRedForASolidRedLandscape() {
        GptReply reply = scan("product", ref("red.png", png(TestImages.solid(300, 200, Color.RED))));

        assertThat(reply.field("crt"))
                .startsWith("Product image: 300x200 px, landscape (about 3:2), PNG.")
                .contains("Dominant colours: red (100%)")
                .contains("vivid, warm colour");
        assertThat(reply.field("userMessage")).isEqualTo("Got your product: mostly red, mid-toned, landscape.");
        assertThat(reply.provider()).isEqualTo("local");
        assertThat(reply.model()).isEqualTo("local-v1");
    }

    @Test
    void namesBlueForABlueGradientPortraitFromJpeg() {
        BufferedImage gradient = TestImages.verticalGradient(200, 400, new Color(20, 30, 110), new Color(70, 130, 230));

        GptReply reply = scan("inspiration", ref("blue.jpg", TestImages.encode(gradient, "jpeg")));

        assertThat(reply.field("crt"))
                .startsWith("Inspiration image: 200x400 px, portrait (about 9:16), JPEG.")
                .contains("cool colour");
        String colours = reply.field("crt").replaceAll("(?s).*Dominant colours: ([^.]*)\\..*", "$1");
        assertThat(colours.split(", ")).allMatch(colour -> colour.contains("blue"));
    }

    @Test
    void tellsADarkImageFromABrightOne() {
        String dark = scan("inspiration", ref("dark.png", png(TestImages.solid(100, 100, new Color(25, 25, 30)))))
                .field("crt");
        String bright = scan(
                        "inspiration", ref("bright.png", png(TestImages.solid(100, 100, new Color(240, 240, 236)))))
                .field("crt");

        assertThat(dark)
                .contains("square")
                .contains("Very dark and low contrast")
                .contains("black");
        assertThat(bright).contains("Very bright and low contrast").contains("white");
    }

    @Test
    void saysWhereTheBrightMassSits() {
        BufferedImage image = TestImages.solid(300, 300, Color.BLACK);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(10, 10, 100, 100);
        g.dispose();

        assertThat(scan("inspiration", ref("corner.png", png(image))).field("crt"))
                .contains("high contrast")
                .contains("The brightest area sits in the upper left.");
    }

    @Test
    void notesATransparentLogoBackground() {
        BufferedImage logo = new BufferedImage(200, 100, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = logo.createGraphics();
        g.setColor(new Color(20, 40, 160));
        g.fillOval(70, 20, 60, 60);
        g.dispose();

        GptReply reply = scan("logo", ref("logo.png", png(logo)));

        assertThat(reply.field("crt"))
                .startsWith("Logo: 200x100 px")
                .contains("blue")
                .contains("Transparent background");
        assertThat(reply.field("userMessage")).startsWith("Got your logo: mostly");
    }

    @Test
    void readsOnlyTheHeaderOfAWebpAndSaysSo() {
        GptReply lossless = scan("inspiration", ref("a.webp", TestImages.webpLossless(640, 480)));
        GptReply extended = scan("product", ref("b.webp", TestImages.webpExtended(1000, 2000)));

        assertThat(lossless.field("crt"))
                .contains("640x480 px, landscape (about 4:3), WEBP")
                .contains("Colours and light unknown")
                .doesNotContain("Dominant colours");
        assertThat(lossless.field("userMessage")).contains("colours not readable offline");
        assertThat(extended.field("crt")).contains("1000x2000 px, portrait");
    }

    @Test
    void scansABigImageFromItsRealSizeAfterDownscaling() {
        GptReply reply = scan("product", ref("big.png", png(TestImages.solid(4000, 3000, new Color(30, 140, 60)))));

        assertThat(reply.field("crt"))
                .contains("4000x3000 px, landscape (about 4:3)")
                .contains("green");
    }

    @Test
    void refusesCorruptBytesAsAClientError() {
        byte[] garbage = new byte[200];
        Arrays.fill(garbage, (byte) 7);
        byte[] pngHeaderThenGarbage = png(TestImages.solid(50, 50, Color.RED));
        Arrays.fill(pngHeaderThenGarbage, 8, pngHeaderThenGarbage.length, (byte) 0x5a);
        byte[] full = png(TestImages.verticalGradient(400, 400, Color.RED, Color.BLUE));
        byte[] truncated = Arrays.copyOf(full, full.length / 2);

        for (byte[] bytes : List.of(garbage, pngHeaderThenGarbage, truncated)) {
            assertThatThrownBy(() -> scan("product", ref("bad.png", bytes)))
                    .isInstanceOfSatisfying(ProviderFailure.class, failure -> {
                        assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.CLIENT_ERROR);
                        assertThat(failure.provider()).isEqualTo("local");
                        assertThat(failure.getMessage()).contains("https://assets.example/bad.png");
                        assertThat(failure.trace().request()).containsEntry("task", "scan");
                    });
        }
    }

    @Test
    void refusesAPathologicalSizeBeforeDecoding() {
        byte[] bytes = png(TestImages.solid(2, 2, Color.RED));
        // IHDR width and height (big-endian) follow the signature and the chunk header: 100000 x 100000.
        byte[] huge = {0, 1, (byte) 0x86, (byte) 0xa0};
        System.arraycopy(huge, 0, bytes, 16, 4);
        System.arraycopy(huge, 0, bytes, 20, 4);

        assertThatThrownBy(() -> scan("product", ref("huge.png", bytes)))
                .isInstanceOfSatisfying(ProviderFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.CLIENT_ERROR);
                    assertThat(failure.getMessage()).contains("100000x100000").contains("pixels");
                });
    }

    @Test
    void refusesAScanWithoutAnImage() {
        assertThatThrownBy(() -> vision.ask(request(GptTask.SCAN, Map.of("role", "product"))))
                .isInstanceOfSatisfying(
                        ProviderFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.CLIENT_ERROR));
    }

    @Test
    void tracesTheRequestWithImageUrlsButNeverImageBytes() {
        ImageRef image = ref("red.png", png(TestImages.solid(10, 10, Color.RED)));
        Map<String, Object> input = Map.of("role", "product", "inline", "data:image/png;base64,iVBORw0KGgo=");

        GptReply reply = vision.ask(request(GptTask.SCAN, input, image));

        assertThat(reply.trace().request())
                .containsEntry("task", "scan")
                .containsEntry("model", "local-v1")
                .containsEntry("ctx_key", "mma.ctx.gpt_scanner")
                .containsEntry("ctx_version", 3)
                .containsEntry("images", List.of("https://assets.example/red.png"));
        assertThat(reply.trace().request().toString()).doesNotContain("iVBORw0KGgo");
        assertThat(reply.trace().response()).containsEntry("crt", reply.field("crt"));
        assertThat(reply.trace().attempts())
                .singleElement()
                .satisfies(attempt -> assertThat(attempt).containsEntry("n", 1).containsEntry("status", "ok"));
    }

    @Test
    void givesTheSameCaptionForTheSameImage() {
        ImageRef image = ref("g.png", png(TestImages.verticalGradient(120, 90, Color.ORANGE, Color.DARK_GRAY)));

        assertThat(scan("product", image).fields())
                .isEqualTo(scan("product", image).fields());
    }
}
