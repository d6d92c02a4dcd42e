package me.minav3.adapters.r2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import me.minav3.mma.assets.AssetKey;
import me.minav3.mma.assets.AssetStore;
import me.minav3.mma.assets.MediaType;
import me.minav3.mma.assets.StorageHealth;
import me.minav3.mma.error.StorageFailure;
import me.minav3.mma.testing.AssetStoreContract;
import me.minav3.mma.testing.SampleMedia;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

class R2AssetStoreTest extends AssetStoreContract {

    private static final String BUCKET = "mina-assets";
    private static final String PUBLIC_BASE = "https://pub-0123456789abcdef.r2.dev";

    private static InProcessS3 server;
    private static S3Client inspector;
    private static AssetStore store;

    @BeforeAll
    static void startServer() throws Exception {
        server = new InProcessS3();
        inspector = server.client();
        inspector.createBucket(b -> b.bucket(BUCKET));
        store = AssetStores.r2(server.settings(BUCKET, PUBLIC_BASE));
    }

    @AfterAll
    static void stopServer() throws Exception {
        ((R2AssetStore) store).close();
        inspector.close();
        server.close();
    }

    @Override
    protected AssetStore store() {
        return store;
    }

    @Override
    protected String publicBase() {
        return PUBLIC_BASE;
    }

    @Test
    void anObjectCarriesItsContentTypeAndImmutableCaching() {
        AssetKey key = stillKey(MediaType.WEBP);

        store.put(key, SampleMedia.webpLossy(), MediaType.WEBP);

        HeadObjectResponse head = inspector.headObject(b -> b.bucket(BUCKET).key(key.value()));
        assertThat(head.contentType()).isEqualTo("image/webp");
        assertThat(head.cacheControl()).isEqualTo("public, max-age=31536000, immutable");
        assertThat(head.contentLength()).isEqualTo(SampleMedia.webpLossy().length);
    }

    @Test
    void aLargeVideoGoesUpInPartsWithItsContentTypeAndCaching() {
        AssetKey key = AssetKey.video(newGeneration());
        byte[] video = randomBytes(17 * 1024 * 1024 + 5);

        store.put(key, video, MediaType.MP4);

        HeadObjectResponse head = inspector.headObject(b -> b.bucket(BUCKET).key(key.value()));
        assertThat(head.eTag()).as("a multipart ETag ends in -<parts>").endsWith("-3\"");
        assertThat(head.contentType()).isEqualTo("video/mp4");
        assertThat(head.cacheControl()).isEqualTo("public, max-age=31536000, immutable");
        assertThat(head.contentLength()).isEqualTo(video.length);
        assertThat(inspector.listMultipartUploads(b -> b.bucket(BUCKET)).uploads())
                .isEmpty();
    }

    @Test
    void aSmallObjectIsOnePut() {
        AssetKey key = stillKey(MediaType.PNG);

        store.put(key, SampleMedia.png(8, 8), MediaType.PNG);

        assertThat(inspector.headObject(b -> b.bucket(BUCKET).key(key.value())).eTag())
                .doesNotContain("-");
    }

    @Test
    void aMissingBucketIsAStorageFailure() {
        AssetStore wrongBucket = AssetStores.r2(server.settings("no-such-bucket", PUBLIC_BASE));

        assertThatThrownBy(() -> wrongBucket.put(stillKey(MediaType.PNG), SampleMedia.png(2, 2), MediaType.PNG))
                .isInstanceOf(StorageFailure.class)
                .hasMessageContaining("no-such-bucket");
        ((R2AssetStore) wrongBucket).close();
    }

    @Test
    void wrongCredentialsAreAStorageFailureThatDoesNotLeakTheSecret() {
        R2Settings wrong = R2Settings.of(
                null, server.endpoint().toString(), InProcessS3.ACCESS_KEY, "not-the-secret-key", BUCKET, PUBLIC_BASE);
        AssetStore denied = AssetStores.r2(wrong);

        assertThatThrownBy(() -> denied.read(stillKey(MediaType.PNG)))
                .isInstanceOf(StorageFailure.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-secret-key"));
        ((R2AssetStore) denied).close();
    }

    @Test
    void theCheckFindsTheBucketUp() {
        assertThat(store.check().status()).isEqualTo(StorageHealth.Status.UP);
    }

    @Test
    void theCheckReportsAWrongBucketAsMisconfiguredWithoutWritingAnything() {
        AssetStore wrongBucket = AssetStores.r2(server.settings("no-such-bucket", PUBLIC_BASE));

        StorageHealth health = wrongBucket.check();

        assertThat(health.status()).isEqualTo(StorageHealth.Status.MISCONFIGURED);
        assertThat(health.detail())
                .contains("no-such-bucket")
                .contains("does not exist")
                .contains("R2_BUCKET");
        assertThat(inspector.listBuckets().buckets()).extracting(b -> b.name()).containsExactly(BUCKET);
        ((R2AssetStore) wrongBucket).close();
    }

    @Test
    void theCheckReportsBadCredentialsAsMisconfiguredWithoutTheSecret() {
        AssetStore denied = AssetStores.r2(R2Settings.of(
                null, server.endpoint().toString(), InProcessS3.ACCESS_KEY, "not-the-secret-key", BUCKET, PUBLIC_BASE));

        StorageHealth health = denied.check();

        assertThat(health.status()).isEqualTo(StorageHealth.Status.MISCONFIGURED);
        assertThat(health.detail()).contains("R2_SECRET_ACCESS_KEY").doesNotContain("not-the-secret-key");
        ((R2AssetStore) denied).close();
    }

    @Test
    void aStoppedServerIsUnreachableQuicklyAndItsFailuresCarryTheDetailsForTheLog() throws Exception {
        InProcessS3 stopped = new InProcessS3();
        stopped.client().createBucket(b -> b.bucket(BUCKET));
        AssetStore gone = AssetStores.r2(stopped.settings(BUCKET, PUBLIC_BASE));
        stopped.close();

        long started = System.nanoTime();
        StorageHealth health = gone.check();

        assertThat(health.status()).isEqualTo(StorageHealth.Status.UNREACHABLE);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(R2AssetStore.CHECK_TIMEOUT.plusSeconds(2));
        assertThatThrownBy(() -> gone.put(stillKey(MediaType.PNG), SampleMedia.png(2, 2), MediaType.PNG))
                .isInstanceOf(StorageFailure.class)
                .hasMessageContaining(BUCKET)
                .hasMessageContaining(stopped.endpoint().toString());
        ((R2AssetStore) gone).close();
    }
}
