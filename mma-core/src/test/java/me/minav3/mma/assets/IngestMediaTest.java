package me.minav3.mma.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import me.minav3.mma.assets.MediaFetcher.Problem;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.InvalidUpload;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.ImageRef;
import me.minav3.mma.providers.MediaPayload;
import me.minav3.mma.testing.FakeMediaFetcher;
import me.minav3.mma.testing.InMemoryAssetStore;
import me.minav3.mma.testing.SampleMedia;
import org.junit.jupiter.api.Test;

class IngestMediaTest {

    private static final PassId ALICE = PassId.user("alice");
    private static final GenerationId GENERATION = new GenerationId("0198a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
    private static final int MB = 1024 * 1024;

    private final InMemoryAssetStore store = new InMemoryAssetStore();
    private final FakeMediaFetcher fetcher = new FakeMediaFetcher();
    private final AtomicReference<UploadLimits> limits = new AtomicReference<>(UploadLimits.DEFAULTS);
    private final AtomicInteger ids = new AtomicInteger();
    private final IngestMedia ingest = new IngestMedia(
            store,
            fetcher,
            limits::get,
            () -> Instant.parse("2025-06-14T09:30:00Z"),
            () -> "00000000-0000-7000-8000-%012d".formatted(ids.incrementAndGet()));

    @Test
    void storesEachImageTypeUnderAnUploadKeyMadeOfIds() {
        assertUploaded(SampleMedia.png(30, 20), MediaType.PNG, "png");
        assertUploaded(SampleMedia.jpeg(30, 20), MediaType.JPEG, "jpg");
        assertUploaded(SampleMedia.gif(30, 20), MediaType.GIF, "gif");
        assertUploaded(SampleMedia.webpLossy(), MediaType.WEBP, "webp");
        assertUploaded(SampleMedia.webpLossless(), MediaType.WEBP, "webp");
        assertUploaded(SampleMedia.webpWithAlpha(), MediaType.WEBP, "webp");
    }

    private void assertUploaded(byte[] bytes, MediaType type, String extension) {
        StoredAsset stored = ingest.upload(ALICE, AssetKind.INSPIRATION, bytes);

        assertThat(stored.key().value())
                .isEqualTo("uploads/inspiration/user-alice/2025/06/00000000-0000-7000-8000-%012d.%s"
                        .formatted(ids.get(), extension));
        assertThat(stored.type()).isEqualTo(type);
        assertThat(stored.bytes()).isEqualTo(bytes.length);
        assertThat(stored.url())
                .isEqualTo(InMemoryAssetStore.DEFAULT_BASE + "/" + stored.key().value());
        assertThat(store.read(stored.key()))
                .hasValueSatisfying(read -> assertThat(read).isEqualTo(bytes));
        assertThat(store.typeOf(stored.key())).contains(type);
    }

    @Test
    void acceptsAFileOfExactlyTheSizeLimit() {
        StoredAsset stored = ingest.upload(ALICE, AssetKind.PRODUCT, SampleMedia.pngOfSize(25 * MB));

        assertThat(stored.bytes())
                .as("the padding after the PNG's end is not stored")
                .isEqualTo(SampleMedia.png(8, 8).length);
    }

    @Test
    void storesEachImageTypeWithoutWhatFollowsItsEnd() {
        byte[] tail = new byte[64 * 1024];
        new java.util.Random(3).nextBytes(tail);
        for (byte[] image : java.util.List.of(
                SampleMedia.png(30, 20),
                SampleMedia.jpeg(30, 20),
                SampleMedia.gif(30, 20),
                SampleMedia.webpLossy(),
                SampleMedia.webpLossless(),
                SampleMedia.webpWithAlpha())) {
            StoredAsset stored = ingest.upload(ALICE, AssetKind.PRODUCT, SampleMedia.concat(image, tail));

            assertThat(stored.bytes()).isEqualTo(image.length);
            assertThat(store.read(stored.key()))
                    .hasValueSatisfying(read -> assertThat(read).isEqualTo(image));
        }
    }

    @Test
    void findsTheEndOfAProgressiveJpegAfterItsLastScan() throws Exception {
        var picture = new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 64; x++) {
            picture.setRGB(x, x * 48 / 64, 0xFFAA33);
        }
        var writer = javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
        var param = writer.getDefaultWriteParam();
        param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
        var out = new java.io.ByteArrayOutputStream();
        try (var stream = javax.imageio.ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new javax.imageio.IIOImage(picture, null, null), param);
        }
        byte[] jpeg = out.toByteArray();
        byte[] phoneTrailer =
                SampleMedia.concat(SampleMedia.ascii("SEFH"), new byte[4096], new byte[] {(byte) 0xFF, (byte) 0xD9});

        StoredAsset stored = ingest.upload(ALICE, AssetKind.PRODUCT, SampleMedia.concat(jpeg, phoneTrailer));

        assertThat(store.read(stored.key()))
                .hasValueSatisfying(read -> assertThat(read).isEqualTo(jpeg));
    }

    @Test
    void storesAnImportedLinkWithoutWhatFollowsTheImagesEnd() {
        byte[] jpeg = SampleMedia.jpeg(40, 30);
        fetcher.serve("https://images.example.com/p/padded.jpg", SampleMedia.concat(jpeg, new byte[5 * MB]));

        StoredAsset stored =
                ingest.importUrl(ALICE, AssetKind.LOGO, URI.create("https://images.example.com/p/padded.jpg"));

        assertThat(store.read(stored.key()))
                .hasValueSatisfying(read -> assertThat(read).isEqualTo(jpeg));
    }

    @Test
    void refusesAnImageWhoseEndIsMissing() {
        for (byte[] image : java.util.List.of(
                SampleMedia.png(30, 20),
                SampleMedia.jpeg(30, 20),
                SampleMedia.gif(30, 20),
                SampleMedia.webpLossless())) {
            assertRefused(java.util.Arrays.copyOf(image, image.length - 3), "incomplete");
        }
    }

    @Test
    void refusesMarkupThatCuttingTheTailBringsToTheEndOfTheImage() {
        byte[] png = SampleMedia.png(8, 8);
        byte[] text = SampleMedia.ascii("<script>alert(1)</script>");
        // a chunk PNG readers skip, holding markup, placed before IEND, then far more padding than the sniffer's window
        byte[] withScript = SampleMedia.concat(
                java.util.Arrays.copyOf(png, png.length - 12),
                textChunk(text),
                java.util.Arrays.copyOfRange(png, png.length - 12, png.length),
                new byte[MediaSniffer.MARKUP_WINDOW * 4]);
        byte[] bigFront = SampleMedia.concat(
                java.util.Arrays.copyOf(withScript, 33),
                textChunk(new byte[MediaSniffer.MARKUP_WINDOW]),
                java.util.Arrays.copyOfRange(withScript, 33, withScript.length));

        assertRefused(bigFront, "web page or script code");
    }

    private static byte[] textChunk(byte[] data) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(SampleMedia.ascii("tEXt"));
        crc.update(data);
        return SampleMedia.concat(
                java.nio.ByteBuffer.allocate(4).putInt(data.length).array(),
                SampleMedia.ascii("tEXt"),
                data,
                java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void refusesAFileOneByteOverTheSizeLimit() {
        assertRefused(SampleMedia.pngOfSize(25 * MB + 1), "The file is larger than 25 MB");
    }

    @Test
    void refusesAnEmptyFile() {
        assertRefused(new byte[0], "The file is empty.");
    }

    @Test
    void refusesSvgWithAScript() {
        assertRefused(SampleMedia.svgWithScript(), "SVG images are not accepted");
    }

    @Test
    void refusesAPngHeaderFollowedByHtml() {
        assertRefused(SampleMedia.pngHeaderThenHtml(), "web page or script code");
    }

    @Test
    void refusesAHundredThousandPixelSquarePngHeader() {
        assertRefused(SampleMedia.pngHeaderOnly(100_000, 100_000), "100000 × 100000 pixels");
    }

    @Test
    void refusesAVideoAsAnUpload() {
        assertRefused(SampleMedia.mp4(640, 360), "videos cannot be uploaded");
    }

    private void assertRefused(byte[] bytes, String reason) {
        assertThatThrownBy(() -> ingest.upload(ALICE, AssetKind.PRODUCT, bytes))
                .isInstanceOf(InvalidUpload.class)
                .hasMessageContaining(reason);
        assertThat(store.keys()).isEmpty();
    }

    @Test
    void readsTheLimitsOnEveryCall() {
        limits.set(UploadLimits.fromConfig(java.util.Map.of("max_bytes", 100)));

        assertRefused(SampleMedia.png(20, 20), "larger than 100 bytes");
    }

    @Test
    void importsAPastedLinkThroughTheFetcherWithTheImportLimits() {
        byte[] jpeg = SampleMedia.jpeg(40, 30);
        fetcher.serve("https://images.example.com/p/bottle.jpg", jpeg);

        StoredAsset stored =
                ingest.importUrl(ALICE, AssetKind.LOGO, URI.create("https://images.example.com/p/bottle.jpg"));

        assertThat(stored.key().value())
                .startsWith("uploads/logo/user-alice/2025/06/")
                .endsWith(".jpg");
        assertThat(store.read(stored.key()))
                .hasValueSatisfying(read -> assertThat(read).isEqualTo(jpeg));
        assertThat(fetcher.calls())
                .singleElement()
                .satisfies(call -> assertThat(call.limits()).isEqualTo(UploadLimits.DEFAULTS.forImports()));
    }

    @Test
    void refusesASignedLinkWithoutFetchingIt() {
        URI signed = URI.create("https://b.s3.amazonaws.com/a.png?X-Amz-Expires=300&X-Amz-Signature=abc");

        assertThatThrownBy(() -> ingest.importUrl(ALICE, AssetKind.PRODUCT, signed))
                .isInstanceOf(InvalidUpload.class)
                .hasMessageContaining("temporary");
        assertThat(fetcher.calls()).isEmpty();
    }

    @Test
    void refusesALinkThatIsNotHttpWithoutFetchingIt() {
        assertThatThrownBy(() -> ingest.importUrl(ALICE, AssetKind.PRODUCT, URI.create("file:///etc/passwd")))
                .isInstanceOf(InvalidUpload.class)
                .hasMessageContaining("http and https");
        assertThat(fetcher.calls()).isEmpty();
    }

    @Test
    void explainsWhyALinkCouldNotBeFetchedAndStoresNothing() {
        fetcher.fail("http://internal.example.com/a.png", Problem.NOT_PUBLIC_ADDRESS, 0);
        fetcher.fail("https://gone.example.com/a.png", Problem.HTTP_ERROR, 404);
        fetcher.fail("https://slow.example.com/a.png", Problem.TIMEOUT, 0);

        assertImportRefused("http://internal.example.com/a.png", "private or local network address");
        assertImportRefused("https://gone.example.com/a.png", "HTTP 404");
        assertImportRefused("https://slow.example.com/a.png", "longer than 30 seconds");
        assertThat(store.keys()).isEmpty();
    }

    @Test
    void refusesALinkToAWebPage() {
        fetcher.serve("https://shop.example.com/product/42", SampleMedia.htmlPage());

        assertImportRefused("https://shop.example.com/product/42", "web page");
    }

    @Test
    void refusesALinkedFileOverTheSizeLimit() {
        fetcher.serve("https://images.example.com/huge.png", SampleMedia.pngOfSize(25 * MB + 1));

        assertImportRefused("https://images.example.com/huge.png", "larger than 25 MB");
    }

    private void assertImportRefused(String url, String reason) {
        assertThatThrownBy(() -> ingest.importUrl(ALICE, AssetKind.PRODUCT, URI.create(url)))
                .isInstanceOf(InvalidUpload.class)
                .hasMessageContaining(reason);
    }

    @Test
    void importOfALinkAlreadyInTheStoreReturnsItWithoutCopying() {
        StoredAsset first = ingest.upload(ALICE, AssetKind.PRODUCT, SampleMedia.png(5, 5));

        StoredAsset again = ingest.importUrl(ALICE, AssetKind.ANIMATION, URI.create(first.url()));

        assertThat(again).isEqualTo(first);
        assertThat(store.keys()).containsExactly(first.key());
        assertThat(fetcher.calls()).isEmpty();
    }

    @Test
    void storesAStillOutputUnderItsGenerationId() {
        StoredAsset stored =
                ingest.storeOutput(GENERATION, MmaMode.STILL, new MediaPayload.Bytes(SampleMedia.png(64, 64)));

        assertThat(stored.key()).isEqualTo(AssetKey.still(GENERATION, MediaType.PNG));
        assertThat(stored.key().value()).isEqualTo("mma/still/" + GENERATION.value() + ".png");
    }

    @Test
    void downloadsAVideoOutputFromItsTemporaryUrlWithTheOutputLimits() {
        String temporary = "https://cdn.provider.example/out.mp4?X-Amz-Signature=abc&X-Amz-Expires=3600";
        byte[] mp4 = SampleMedia.mp4(1280, 720);
        fetcher.serve(temporary, mp4);

        StoredAsset stored = ingest.storeOutput(
                GENERATION,
                MmaMode.VIDEO,
                new GeneratedMedia(new MediaPayload.Remote(URI.create(temporary)), "kling", "kling-v2-1", null));

        assertThat(stored.key()).isEqualTo(AssetKey.video(GENERATION));
        assertThat(stored.type()).isEqualTo(MediaType.MP4);
        assertThat(stored.url()).doesNotContain("?");
        assertThat(fetcher.calls())
                .singleElement()
                .satisfies(call -> assertThat(call.limits()).isEqualTo(UploadLimits.DEFAULTS.forOutputs()));
    }

    @Test
    void anOutputUrlThatCannotBeDownloadedIsAnUnavailableOutput() {
        fetcher.fail("https://cdn.provider.example/expired.png", Problem.HTTP_ERROR, 403);

        assertThatThrownBy(() -> ingest.storeOutput(
                        GENERATION,
                        MmaMode.STILL,
                        new GeneratedMedia(
                                new MediaPayload.Remote(URI.create("https://cdn.provider.example/expired.png")),
                                "seedream",
                                "seedream-4",
                                null)))
                .isInstanceOfSatisfying(ProviderFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.OUTPUT_UNAVAILABLE);
                    assertThat(failure.provider()).isEqualTo("seedream");
                    assertThat(failure.getMessage()).contains("403");
                });
        assertThat(store.keys()).isEmpty();
    }

    @Test
    void anOutputOfTheWrongKindIsAMalformedReply() {
        assertThatThrownBy(() ->
                        ingest.storeOutput(GENERATION, MmaMode.STILL, new MediaPayload.Bytes(SampleMedia.mp4(64, 64))))
                .isInstanceOfSatisfying(
                        ProviderFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.MALFORMED_REPLY));
        assertThatThrownBy(() ->
                        ingest.storeOutput(GENERATION, MmaMode.VIDEO, new MediaPayload.Bytes(SampleMedia.png(64, 64))))
                .isInstanceOfSatisfying(
                        ProviderFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.MALFORMED_REPLY));
        assertThatThrownBy(() ->
                        ingest.storeOutput(GENERATION, MmaMode.STILL, new MediaPayload.Bytes(SampleMedia.htmlPage())))
                .isInstanceOf(ProviderFailure.class)
                .hasMessageContaining("web page");
        assertThat(store.keys()).isEmpty();
    }

    @Test
    void anOutputMayBeLargerThanAnUploadButNotThanTheOutputLimit() {
        limits.set(new UploadLimits(1024, 50_000_000, 3, Duration.ofSeconds(5), 4096));
        byte[] mp4 = SampleMedia.concat(SampleMedia.mp4(64, 64), new byte[2000]);

        assertThat(ingest.storeOutput(GENERATION, MmaMode.VIDEO, new MediaPayload.Bytes(mp4))
                        .bytes())
                .isEqualTo(mp4.length);
        assertThatThrownBy(() -> ingest.storeOutput(
                        GENERATION, MmaMode.VIDEO, new MediaPayload.Bytes(SampleMedia.concat(mp4, new byte[4096]))))
                .isInstanceOf(ProviderFailure.class)
                .hasMessageContaining("larger than");
    }

    @Test
    void readsAStoredImageFromTheStoreWithoutFetching() {
        byte[] png = SampleMedia.png(9, 9);
        StoredAsset stored = ingest.upload(ALICE, AssetKind.PRODUCT, png);

        assertThat(ingest.readImage(stored.url())).isEqualTo(png);
        assertThat(fetcher.calls()).isEmpty();
    }

    @Test
    void readsAForeignImageThroughTheFetcherAndChecksIt() {
        byte[] gif = SampleMedia.gif(9, 9);
        fetcher.serve("https://images.example.com/a.gif", gif);
        fetcher.serve("https://images.example.com/page", SampleMedia.htmlPage());

        assertThat(ingest.readImage("https://images.example.com/a.gif")).isEqualTo(gif);
        assertThatThrownBy(() -> ingest.readImage("https://images.example.com/page"))
                .isInstanceOf(InvalidUpload.class);
        assertThatThrownBy(() -> ingest.readImage("file:///etc/passwd")).isInstanceOf(InvalidUpload.class);
    }

    @Test
    void readingAStoreUrlWhoseObjectIsGoneIsNotFound() {
        String url = store.publicUrl(AssetKey.still(GENERATION, MediaType.PNG));

        assertThatThrownBy(() -> ingest.readImage(url)).isInstanceOf(NotFound.class);
    }

    @Test
    void anImageRefReadsItsBytesOnceAndOnlyWhenAsked() {
        byte[] png = SampleMedia.png(9, 9);
        fetcher.serve("https://images.example.com/a.png", png);

        ImageRef ref = ingest.imageRef("https://images.example.com/a.png");
        assertThat(fetcher.calls()).isEmpty();

        assertThat(ref.bytes().get()).isEqualTo(png);
        assertThat(ref.bytes().get()).isEqualTo(png);
        assertThat(ref.url()).isEqualTo("https://images.example.com/a.png");
        assertThat(fetcher.calls()).hasSize(1);
    }
}
