package me.minav3.adapters.r2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import me.minav3.mma.assets.AssetKind;
import me.minav3.mma.assets.AssetStore;
import me.minav3.mma.assets.IngestMedia;
import me.minav3.mma.assets.MediaFetcher;
import me.minav3.mma.assets.MediaType;
import me.minav3.mma.assets.StoredAsset;
import me.minav3.mma.assets.UploadLimits;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.PassId;
import me.minav3.mma.common.TimeOrderedIds;
import me.minav3.mma.error.InvalidUpload;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.providers.MediaPayload;
import me.minav3.mma.testing.SampleMedia;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IngestMedia with the local store and the real fetcher, importing from an HTTP server on this machine. */
class IngestionWithRealPartsTest {

    private static final PassId OWNER = PassId.shopify(4242);

    @TempDir
    Path dataDir;

    private LocalHttpServer web;
    private AssetStore store;

    @BeforeEach
    void start() throws IOException {
        web = new LocalHttpServer()
                .on("/bottle.jpg", LocalHttpServer.bytes("image/jpeg", SampleMedia.jpeg(120, 80)))
                .on("/logo.svg", LocalHttpServer.bytes("image/png", SampleMedia.svgWithScript()))
                .on("/moved", LocalHttpServer.redirect(302, "/bottle.jpg"))
                .on("/expired.mp4", LocalHttpServer.status(403))
                .on("/out.mp4", LocalHttpServer.bytes("application/octet-stream", SampleMedia.mp4(720, 1280)));
        store = AssetStores.local(dataDir.resolve("assets"), "http://localhost:8080/assets");
    }

    @AfterEach
    void stop() {
        web.close();
    }

    private IngestMedia ingest(boolean allowLoopback) {
        MediaFetcher fetcher = AssetStores.fetcher(new FetcherSettings(allowLoopback, Duration.ofSeconds(2), null));
        return new IngestMedia(
                store,
                fetcher,
                () -> UploadLimits.DEFAULTS,
                () -> Instant.parse("2025-07-02T08:00:00Z"),
                new TimeOrderedIds(() -> Instant.parse("2025-07-02T08:00:00Z")));
    }

    @Test
    void importsAnImageFromALinkThroughARedirectWhenLoopbackIsAllowed() {
        StoredAsset stored = ingest(true).importUrl(OWNER, AssetKind.PRODUCT, URI.create(web.url("/moved")));

        assertThat(stored.type()).isEqualTo(MediaType.JPEG);
        assertThat(stored.key().value()).matches("uploads/product/shopify-4242/2025/07/[0-9a-f-]{36}\\.jpg");
        assertThat(stored.url())
                .isEqualTo("http://localhost:8080/assets/" + stored.key().value());
        assertThat(AssetStores.localFile(dataDir.resolve("assets"), stored.key().value()))
                .hasValueSatisfying(file -> assertThat(file.contentType()).isEqualTo("image/jpeg"));
    }

    @Test
    void refusesTheSameLinkWhenLoopbackIsNotAllowed() {
        assertThatThrownBy(() -> ingest(false).importUrl(OWNER, AssetKind.PRODUCT, URI.create(web.url("/bottle.jpg"))))
                .isInstanceOf(InvalidUpload.class)
                .hasMessageContaining("private or local network address");
        assertThat(web.hits()).isEmpty();
    }

    @Test
    void refusesAnSvgServedAsAnImage() {
        assertThatThrownBy(() -> ingest(true).importUrl(OWNER, AssetKind.LOGO, URI.create(web.url("/logo.svg"))))
                .isInstanceOf(InvalidUpload.class)
                .hasMessageContaining("SVG");
    }

    @Test
    void storesAProviderVideoFromItsUrlAndReportsAnExpiredOneAsUnavailable() {
        GenerationId generation = new GenerationId("0198b000-0000-7000-8000-000000000001");
        IngestMedia ingest = ingest(true);

        StoredAsset video =
                ingest.storeOutput(generation, MmaMode.VIDEO, new MediaPayload.Remote(URI.create(web.url("/out.mp4"))));
        assertThat(video.key().value()).isEqualTo("mma/video/" + generation.value() + ".mp4");
        assertThat(store.read(video.key())).isPresent();

        assertThatThrownBy(() -> ingest.storeOutput(
                        new GenerationId("g2"),
                        MmaMode.VIDEO,
                        new MediaPayload.Remote(URI.create(web.url("/expired.mp4")))))
                .isInstanceOfSatisfying(
                        ProviderFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.OUTPUT_UNAVAILABLE));
    }
}
