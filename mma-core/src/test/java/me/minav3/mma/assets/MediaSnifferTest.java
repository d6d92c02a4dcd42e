package me.minav3.mma.assets;

import static me.minav3.mma.testing.SampleMedia.ascii;
import static me.minav3.mma.testing.SampleMedia.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import me.minav3.mma.assets.MediaSniffer.Sniffed;
import me.minav3.mma.error.InvalidUpload;
import me.minav3.mma.testing.SampleMedia;
import org.jcodec.api.SequenceEncoder;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaSnifferTest {

    private static final long LIMIT = 50_000_000L;
    private final MediaSniffer sniffer = new MediaSniffer();

    @Test
    void readsTheSizeOfARealPng() {
        assertThat(sniffer.sniff(SampleMedia.png(31, 17), LIMIT)).isEqualTo(new Sniffed(MediaType.PNG, 31, 17));
    }

    @Test
    void readsTheSizeOfARealJpeg() {
        assertThat(sniffer.sniff(SampleMedia.jpeg(45, 23), LIMIT)).isEqualTo(new Sniffed(MediaType.JPEG, 45, 23));
    }

    @Test
    void readsTheSizeOfARealGif() {
        assertThat(sniffer.sniff(SampleMedia.gif(19, 7), LIMIT)).isEqualTo(new Sniffed(MediaType.GIF, 19, 7));
    }

    @Test
    void readsTheSizeOfRealWebpFilesOfEachKind() {
        assertThat(sniffer.sniff(SampleMedia.webpLossy(), LIMIT)).isEqualTo(new Sniffed(MediaType.WEBP, 5, 3));
        assertThat(sniffer.sniff(SampleMedia.webpLossless(), LIMIT)).isEqualTo(new Sniffed(MediaType.WEBP, 5, 3));
        assertThat(sniffer.sniff(SampleMedia.webpWithAlpha(), LIMIT)).isEqualTo(new Sniffed(MediaType.WEBP, 7, 4));
    }

    @Test
    void readsTheTrackSizeOfAnMp4() {
        assertThat(sniffer.sniff(SampleMedia.mp4(1280, 720), LIMIT)).isEqualTo(new Sniffed(MediaType.MP4, 1280, 720));
    }

    @Test
    void readsTheTrackSizeOfAnMp4MadeByARealEncoder(@TempDir Path dir) throws Exception {
        File file = dir.resolve("clip.mp4").toFile();
        SequenceEncoder encoder = SequenceEncoder.createSequenceEncoder(file, 10);
        for (int frame = 0; frame < 3; frame++) {
            Picture picture = Picture.create(64, 48, ColorSpace.RGB);
            Arrays.fill(picture.getPlaneData(0), (byte) (frame * 20));
            encoder.encodeNativeFrame(picture);
        }
        encoder.finish();

        assertThat(sniffer.sniff(Files.readAllBytes(file.toPath()), LIMIT))
                .isEqualTo(new Sniffed(MediaType.MP4, 64, 48));
    }

    @Test
    void readsAProgressiveJpegAfterOtherSegments() {
        byte[] app1 = concat(new byte[] {(byte) 0xFF, (byte) 0xE1, 0, 10}, ascii("Exif\0\0ab"));
        byte[] sof2 = {(byte) 0xFF, (byte) 0xC2, 0, 11, 8, 0x01, 0x2C, 0x02, 0x58, 1, 1, 0x11, 0};
        byte[] jpeg = concat(new byte[] {(byte) 0xFF, (byte) 0xD8}, app1, sof2, new byte[] {(byte) 0xFF, (byte) 0xD9});

        assertThat(sniffer.sniff(jpeg, LIMIT)).isEqualTo(new Sniffed(MediaType.JPEG, 600, 300));
    }

    @Test
    void refusesADecompressionBombFromItsHeaderAlone() {
        byte[] bomb = SampleMedia.pngHeaderOnly(100_000, 100_000);

        assertThat(bomb).hasSizeLessThan(40);
        assertThatThrownBy(() -> sniffer.sniff(bomb, LIMIT))
                .isInstanceOf(InvalidUpload.class)
                .hasMessageContaining("100000 × 100000 pixels")
                .hasMessageContaining("50 megapixel limit");
    }

    @Test
    void acceptsAnImageExactlyAtThePixelLimitAndRefusesOneMore() {
        assertThat(sniffer.sniff(SampleMedia.png(10, 10), 100).pixels()).isEqualTo(100);
        assertThatThrownBy(() -> sniffer.sniff(SampleMedia.png(10, 10), 99)).isInstanceOf(InvalidUpload.class);
    }

    @Test
    void refusesAWebpBombFromItsExtendedHeader() {
        ByteBuffer vp8x = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
        vp8x.put(ascii("RIFF")).putInt(22).put(ascii("WEBPVP8X")).putInt(10).putInt(0);
        vp8x.put((byte) 0xFF)
                .put((byte) 0x3F)
                .put((byte) 0)
                .put((byte) 0xFF)
                .put((byte) 0x3F)
                .put((byte) 0);

        assertThatThrownBy(() -> sniffer.sniff(vp8x.array(), LIMIT))
                .isInstanceOf(InvalidUpload.class)
                .hasMessageContaining("16384 × 16384");
    }

    @Test
    void countsAGifFrameThatIsLargerThanItsScreen() {
        byte[] screen = Arrays.copyOf(SampleMedia.gif(10, 10), 13);
        screen[10] = 0;
        byte[] descriptor = {0x2C, 0, 0, 0, 0, 0x10, 0x27, 0x10, 0x27, 0};
        byte[] bomb = concat(screen, descriptor, new byte[] {2, 0, 0x3B});

        assertThatThrownBy(() -> sniffer.sniff(bomb, LIMIT))
                .isInstanceOf(InvalidUpload.class)
                .hasMessageContaining("10000 × 10000");
    }

    @Test
    void refusesAnEmptyFile() {
        assertThatThrownBy(() -> sniffer.sniff(new byte[0], LIMIT))
                .isInstanceOf(InvalidUpload.class)
                .hasMessage("The file is empty.");
    }

    @Test
    void refusesSvgEvenWithoutScript() {
        assertThatThrownBy(() -> sniffer.sniff(SampleMedia.svgWithScript(), LIMIT))
                .isInstanceOf(InvalidUpload.class)
                .hasMessageStartingWith("SVG images are not accepted");
        assertThatThrownBy(() -> sniffer.sniff(ascii("\ufeff  <svg viewBox='0 0 1 1'/>"), LIMIT))
                .isInstanceOf(InvalidUpload.class)
                .hasMessageStartingWith("SVG images are not accepted");
    }

    @Test
    void refusesAnHtmlPage() {
        assertThatThrownBy(() -> sniffer.sniff(SampleMedia.htmlPage(), LIMIT))
                .isInstanceOf(InvalidUpload.class)
                .hasMessageContaining("web page");
    }

    @Test
    void refusesAPngHeaderFollowedByHtml() {
        assertThatThrownBy(() -> sniffer.sniff(SampleMedia.pngHeaderThenHtml(), LIMIT))
                .isInstanceOf(InvalidUpload.class)
                .hasMessageContaining("web page or script code");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<script>alert(1)//xy", "JaVaScRiPt:alert(1)x", "<!DocType html>     "})
    void refusesAGifWithMarkupInItsCommentInAnyCase(String markup) {
        byte[] gif = SampleMedia.gif(8, 8);
        int blocks = 13 + ((gif[10] & 0x80) != 0 ? 3 * (2 << (gif[10] & 0x07)) : 0);
        byte[] comment = concat(new byte[] {0x21, (byte) 0xFE, 20}, ascii(markup), new byte[] {0});
        byte[] polyglot = concat(Arrays.copyOf(gif, blocks), comment, Arrays.copyOfRange(gif, blocks, gif.length));

        assertThatThrownBy(() -> sniffer.sniff(polyglot, LIMIT))
                .isInstanceOf(InvalidUpload.class)
                .hasMessageContaining("script code");
    }

    @Test
    void acceptsAGifWhoseCommentOnlyLooksLikeTheStartOfMarkup() {
        byte[] gif = SampleMedia.gif(8, 8);
        int blocks = 13 + ((gif[10] & 0x80) != 0 ? 3 * (2 << (gif[10] & 0x07)) : 0);
        byte[] comment = concat(new byte[] {0x21, (byte) 0xFE, 20}, ascii("<scrip <htm java :x "), new byte[] {0});
        byte[] image = concat(Arrays.copyOf(gif, blocks), comment, Arrays.copyOfRange(gif, blocks, gif.length));

        assertThat(sniffer.sniff(image, LIMIT).type()).isEqualTo(MediaType.GIF);
    }

    @Test
    void refusesMarkupAppendedAtTheEndOfALargeImage() {
        byte[] large = concat(SampleMedia.jpeg(400, 400), new byte[64 * 1024], ascii("<HTML><SCRIPT>x()</SCRIPT>"));

        assertThatThrownBy(() -> sniffer.sniff(large, LIMIT))
                .isInstanceOf(InvalidUpload.class)
                .hasMessageContaining("script code");
    }

    @Test
    void refusesUnknownBytes() {
        assertThatThrownBy(() -> sniffer.sniff(ascii("%PDF-1.7\n..."), LIMIT))
                .isInstanceOf(InvalidUpload.class)
                .hasMessageStartingWith("This file type is not supported");
    }

    @Test
    void refusesHeicAndAvif() {
        byte[] heic = concat(new byte[] {0, 0, 0, 24}, ascii("ftypheic"), new byte[4], ascii("mif1heic"));

        assertThatThrownBy(() -> sniffer.sniff(heic, LIMIT))
                .isInstanceOf(InvalidUpload.class)
                .hasMessageContaining("HEIC and AVIF");
    }

    @Test
    void refusesTruncatedFiles() {
        byte[] png = SampleMedia.png(4, 4);
        assertThatThrownBy(() -> sniffer.sniff(Arrays.copyOf(png, 14), LIMIT))
                .isInstanceOf(InvalidUpload.class)
                .hasMessageContaining("damaged");
        byte[] jpeg = SampleMedia.jpeg(4, 4);
        assertThatThrownBy(() -> sniffer.sniff(Arrays.copyOf(jpeg, 30), LIMIT)).isInstanceOf(InvalidUpload.class);
        byte[] mp4 = SampleMedia.mp4(4, 4);
        assertThatThrownBy(() -> sniffer.sniff(Arrays.copyOf(mp4, 60), LIMIT)).isInstanceOf(InvalidUpload.class);
    }

    @Test
    void refusesAnMp4WithoutAMovieHeader() {
        byte[] ftypOnly = concat(new byte[] {0, 0, 0, 16}, ascii("ftypisom"), new byte[4]);

        assertThatThrownBy(() -> sniffer.sniff(ftypOnly, LIMIT))
                .isInstanceOf(InvalidUpload.class)
                .hasMessageContaining("no movie header");
    }
}
