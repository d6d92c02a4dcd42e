package me.minav3.adapters.providers.local;

import static me.minav3.adapters.providers.local.TestImages.png;
import static me.minav3.adapters.providers.local.TestImages.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.ImageRef;
import me.minav3.mma.providers.MediaPayload;
import me.minav3.mma.providers.VideoGenerator;
import me.minav3.mma.providers.VideoJob;
import me.minav3.mma.testing.Mp4Boxes;
import org.jcodec.api.awt.AWTFrameGrab;
import org.jcodec.common.io.ByteBufferSeekableByteChannel;
import org.jcodec.common.model.Picture;
import org.junit.jupiter.api.Test;

class LocalVideoGeneratorTest {

    private final VideoGenerator videos = LocalProviders.videos(Duration.ZERO);

    private static VideoJob job(String prompt, ImageRef start, ImageRef end, int seconds, AspectRatio ratio) {
        return new VideoJob(new GenerationId("v1"), prompt, "blurry", start, end, seconds, ratio, Map.of(), Map.of());
    }

    private static byte[] bytes(GeneratedMedia media) {
        return ((MediaPayload.Bytes) media.media()).data();
    }

    /** Left half black, right half white, with a mid-grey disc in the middle: structure for the camera to move over. */
    private static BufferedImage halves(int width, int height) {
        BufferedImage image = TestImages.solid(width, height, Color.BLACK);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.setColor(Color.GRAY);
        g.fillOval(width / 2 - width / 8, height / 2 - width / 8, width / 4, width / 4);
        g.dispose();
        return image;
    }

    private static AWTFrameGrab grab(byte[] mp4) throws Exception {
        return AWTFrameGrab.createAWTFrameGrab(ByteBufferSeekableByteChannel.readFromByteBuffer(ByteBuffer.wrap(mp4)));
    }

    @Test
    void makesAFiveSecondH264Mp4WithTheBoxesAPlayerNeeds() {
        GeneratedMedia media = videos.generate(job(
                "Slow push-in towards the bottle.",
                ref("still.png", png(halves(400, 500))),
                null,
                5,
                AspectRatio.PORTRAIT_4_5));

        Mp4Boxes mp4 = new Mp4Boxes(bytes(media));
        Mp4Boxes.Box root = mp4.root();
        Mp4Boxes.Box ftyp = root.children().get(0);
        assertThat(ftyp.type()).isEqualTo("ftyp");
        assertThat(mp4.ascii(ftyp.payload(), 4)).isEqualTo("isom");
        assertThat(root.child("mdat")).isPresent();
        long[] movie = mp4.timescaleAndDuration(root.at("moov/mvhd"));
        assertThat(movie[1] / (double) movie[0]).isCloseTo(5.0, within(0.05));
        assertThat(root.at("moov").all("trak")).hasSize(1);
        Mp4Boxes.Box trak = root.at("moov/trak");
        assertThat(mp4.handler(trak.at("mdia/hdlr"))).isEqualTo("vide");
        Mp4Boxes.Box avc1 = trak.at("mdia/minf/stbl/stsd/avc1");
        assertThat(mp4.sampleEntrySize(avc1)).containsExactly(512, 640);
        Mp4Boxes.Box avcC = avc1.child("avcC").orElseThrow();
        assertThat(mp4.u8(avcC.payload() + 1)).as("H.264 profile: baseline").isEqualTo(66);
        assertThat(mp4.sampleCount(trak.at("mdia/minf/stbl/stsz"))).isEqualTo(24 * 5);
        assertThat(media.trace().response()).containsEntry("frames", 120).containsEntry("move", "zoom_in");
        assertThat(media.provider()).isEqualTo("local");
        assertThat(media.model()).isEqualTo("local-v1");
    }

    @Test
    void aThreeSecondVideoHasThreeSecondsOfFramesAndTheSameFramesEveryTime() {
        VideoJob threeSeconds = job(
                "Slow push-in towards the bottle.",
                ref("still.png", png(halves(200, 250))),
                null,
                3,
                AspectRatio.PORTRAIT_4_5);

        byte[] first = bytes(videos.generate(threeSeconds));
        byte[] again = bytes(videos.generate(threeSeconds));

        Mp4Boxes mp4 = new Mp4Boxes(first);
        long[] movie = mp4.timescaleAndDuration(mp4.root().at("moov/mvhd"));
        assertThat(movie[1] / (double) movie[0]).isCloseTo(3.0, within(0.05));
        assertThat(mp4.sampleCount(mp4.root().at("moov/trak/mdia/minf/stbl/stsz")))
                .isEqualTo(24 * 3);
        // The encoded frames (mdat) are the same bytes every time; only the container's timestamps differ.
        assertThat(mdat(again)).as("deterministic frames").isEqualTo(mdat(first));
    }

    private static byte[] mdat(byte[] mp4) {
        Mp4Boxes.Box box = new Mp4Boxes(mp4).root().child("mdat").orElseThrow();
        return java.util.Arrays.copyOfRange(mp4, box.payload(), box.end());
    }

    @Test
    void decodesBackAndTheCameraVisiblyMoves() throws Exception {
        byte[] mp4 = bytes(videos.generate(job(
                "Gentle pan from left to right across the scene.",
                ref("still.png", png(halves(1280, 720))),
                null,
                5,
                AspectRatio.LANDSCAPE_16_9)));

        BufferedImage first =
                AWTFrameGrab.getFrame(ByteBufferSeekableByteChannel.readFromByteBuffer(ByteBuffer.wrap(mp4)), 0);
        BufferedImage last =
                AWTFrameGrab.getFrame(ByteBufferSeekableByteChannel.readFromByteBuffer(ByteBuffer.wrap(mp4)), 119);

        assertThat(first.getWidth()).isEqualTo(640);
        assertThat(first.getHeight()).isEqualTo(360);
        assertThat(meanDifference(first, last))
                .as("mean per-channel difference, first vs last frame")
                .isGreaterThan(8);
    }

    @Test
    void writesStudioRangeSoPlayersShowTrueBlackAndWhite() throws Exception {
        byte[] mp4 = bytes(videos.generate(job(
                "The camera stays locked off and steady.",
                ref("still.png", png(halves(400, 500))),
                null,
                5,
                AspectRatio.PORTRAIT_4_5)));

        Picture frame = grab(mp4).getNativeFrame();

        // Luma samples are stored as value - 128: studio-range black is 16, white 235.
        byte[] luma = frame.getPlaneData(0);
        int width = frame.getWidth();
        assertThat(luma[320 * width + 40] + 128).isCloseTo(16, within(4));
        assertThat(luma[600 * width + 480] + 128).isCloseTo(235, within(4));
    }

    @Test
    void crossFadesToTheEndImageOverTenSeconds() throws Exception {
        ImageRef start = ref("red.png", png(TestImages.solid(640, 360, new Color(200, 30, 30))));
        ImageRef end = ref("blue.png", png(TestImages.solid(640, 360, new Color(30, 40, 200))));

        GeneratedMedia media = videos.generate(job("Slow zoom out.", start, end, 10, AspectRatio.LANDSCAPE_16_9));

        byte[] mp4 = bytes(media);
        Mp4Boxes boxes = new Mp4Boxes(mp4);
        long[] movie = boxes.timescaleAndDuration(boxes.root().at("moov/mvhd"));
        assertThat(movie[1] / (double) movie[0]).isCloseTo(10.0, within(0.05));
        assertThat(boxes.sampleCount(boxes.root().at("moov/trak/mdia/minf/stbl/stsz")))
                .isEqualTo(24 * 10);
        Color first = new Color(
                AWTFrameGrab.getFrame(ByteBufferSeekableByteChannel.readFromByteBuffer(ByteBuffer.wrap(mp4)), 0)
                        .getRGB(320, 180));
        Color last = new Color(
                AWTFrameGrab.getFrame(ByteBufferSeekableByteChannel.readFromByteBuffer(ByteBuffer.wrap(mp4)), 239)
                        .getRGB(320, 180));
        assertThat(first.getRed()).isGreaterThan(first.getBlue() + 100);
        assertThat(last.getBlue()).isGreaterThan(last.getRed() + 100);
        assertThat(media.trace().response()).containsEntry("cross_fade", true).containsEntry("move", "zoom_out");
    }

    @Test
    void refusesAWebpStartImageItCannotDecode() {
        assertThatThrownBy(() -> videos.generate(job(
                        "pan",
                        ref("still.webp", TestImages.webpLossless(800, 600)),
                        null,
                        5,
                        AspectRatio.LANDSCAPE_4_3)))
                .isInstanceOfSatisfying(ProviderFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.CLIENT_ERROR);
                    assertThat(failure.getMessage()).contains("WebP");
                    assertThat(failure.trace().request())
                            .containsEntry("start_image", "https://assets.example/still.webp");
                });
    }

    @Test
    void stopsBetweenFramesWhenInterrupted() {
        ImageRef still = ref("still.png", png(halves(400, 500)));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> videos.generate(job("Slow push-in.", still, null, 5, AspectRatio.PORTRAIT_4_5)))
                    .isInstanceOfSatisfying(
                            ProviderFailure.class,
                            failure -> assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.TIMEOUT));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void isNamedLocalInTheLocalFamily() {
        assertThat(videos.name()).isEqualTo("local");
        assertThat(videos.family()).isEqualTo("local");
    }

    private static double meanDifference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                sum += Math.abs((p >> 16 & 0xff) - (q >> 16 & 0xff))
                        + Math.abs((p >> 8 & 0xff) - (q >> 8 & 0xff))
                        + Math.abs((p & 0xff) - (q & 0xff));
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }
}
