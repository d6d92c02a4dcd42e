package me.minav3.mma.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.minav3.mma.assets.AssetKey;
import me.minav3.mma.assets.AssetKind;
import me.minav3.mma.assets.AssetStore;
import me.minav3.mma.assets.MediaType;
import me.minav3.mma.assets.PublicUrlPolicy;
import me.minav3.mma.assets.StorageHealth;
import me.minav3.mma.assets.StoredAsset;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.PassId;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AssetStore} must do. The in-memory fake, the local directory store and the R2 store (against
 * an S3-compatible server) all extend this class.
 */
public abstract class AssetStoreContract {

    /** The store under test; it was built with {@link #publicBase()}. */
    protected abstract AssetStore store();

    /** The public base URL the store was configured with (no trailing slash). */
    protected abstract String publicBase();

    /** Size of the "large video" case; the default is above the R2 adapter's multipart threshold. */
    protected int largeObjectBytes() {
        return 17 * 1024 * 1024 + 123;
    }

    @Test
    void aWorkingStoreChecksUp() {
        assertThat(store().check().status()).isEqualTo(StorageHealth.Status.UP);
    }

    @Test
    void readGivesBackTheBytesThatWerePut() {
        AssetKey key = stillKey(MediaType.PNG);
        byte[] bytes = SampleMedia.png(12, 9);

        store().put(key, bytes, MediaType.PNG);

        assertThat(store().read(key))
                .hasValueSatisfying(read -> assertThat(read).isEqualTo(bytes));
    }

    @Test
    void putReportsTheKeyTypeSizeAndPublicUrl() {
        AssetKey key = uploadKey(MediaType.JPEG);
        byte[] bytes = SampleMedia.jpeg(20, 10);

        StoredAsset stored = store().put(key, bytes, MediaType.JPEG);

        assertThat(stored.key()).isEqualTo(key);
        assertThat(stored.type()).isEqualTo(MediaType.JPEG);
        assertThat(stored.bytes()).isEqualTo(bytes.length);
        assertThat(stored.url()).isEqualTo(publicBase() + "/" + key.value()).isEqualTo(store().publicUrl(key));
    }

    @Test
    void publicUrlsArePermanentPublicUrls() {
        String url = store().publicUrl(stillKey(MediaType.WEBP));

        assertThat(PublicUrlPolicy.isPermanentPublic(url)).as(url).isTrue();
        assertThat(url).doesNotContain("?").doesNotContain("#");
    }

    @Test
    void keyOfTurnsAPublicUrlBackIntoItsKey() {
        AssetKey key = uploadKey(MediaType.GIF);

        assertThat(store().keyOf(store().publicUrl(key))).contains(key);
    }

    @Test
    void keyOfIgnoresUrlsThatAreNotPlainObjectsUnderTheBase() {
        String url = store().publicUrl(stillKey(MediaType.PNG));

        assertThat(store().keyOf("https://elsewhere.example.com/mma/still/abc.png"))
                .isEmpty();
        assertThat(store().keyOf(publicBase() + "-evil/mma/still/abc.png")).isEmpty();
        assertThat(store().keyOf(url + "?X-Amz-Signature=abc&X-Amz-Expires=300"))
                .isEmpty();
        assertThat(store().keyOf(url + "#fragment")).isEmpty();
        assertThat(store().keyOf(publicBase() + "/../etc/passwd")).isEmpty();
        assertThat(store().keyOf(publicBase() + "/mma/%2e%2e/secret.png")).isEmpty();
        assertThat(store().keyOf(publicBase() + "/")).isEmpty();
        assertThat(store().keyOf(null)).isEmpty();
    }

    @Test
    void readOfAKeyNeverPutIsEmpty() {
        assertThat(store().read(stillKey(MediaType.PNG))).isEmpty();
    }

    @Test
    void putAgainReplacesTheObject() {
        AssetKey key = stillKey(MediaType.PNG);
        store().put(key, SampleMedia.png(4, 4), MediaType.PNG);
        byte[] second = SampleMedia.png(6, 6);

        store().put(key, second, MediaType.PNG);

        assertThat(store().read(key))
                .hasValueSatisfying(read -> assertThat(read).isEqualTo(second));
    }

    @Test
    void storesEveryMediaType() {
        for (MediaType type : MediaType.values()) {
            AssetKey key = type.isVideo() ? AssetKey.video(newGeneration()) : stillKey(type);
            byte[] bytes = type.isVideo() ? SampleMedia.mp4(64, 36) : SampleMedia.png(3, 3);

            StoredAsset stored = store().put(key, bytes, type);

            assertThat(stored.type()).isEqualTo(type);
            assertThat(store().read(key))
                    .hasValueSatisfying(read -> assertThat(read).isEqualTo(bytes));
        }
    }

    @Test
    void storesALargeVideoIntact() {
        AssetKey key = AssetKey.video(newGeneration());
        byte[] bytes = randomBytes(largeObjectBytes());

        StoredAsset stored = store().put(key, bytes, MediaType.MP4);

        assertThat(stored.bytes()).isEqualTo(bytes.length);
        assertThat(store().read(key))
                .hasValueSatisfying(read -> assertThat(read).isEqualTo(bytes));
    }

    @Test
    void concurrentPutsOfDifferentKeysAreAllKept() throws Exception {
        List<AssetKey> keys = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            keys.add(stillKey(MediaType.PNG));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<StoredAsset>> puts = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                AssetKey key = keys.get(i);
                byte[] bytes = SampleMedia.png(i + 1, 2);
                puts.add(pool.submit(() -> store().put(key, bytes, MediaType.PNG)));
            }
            for (Future<StoredAsset> put : puts) {
                put.get();
            }
        }
        for (int i = 0; i < keys.size(); i++) {
            byte[] expected = SampleMedia.png(i + 1, 2);
            assertThat(store().read(keys.get(i)))
                    .hasValueSatisfying(read -> assertThat(read).isEqualTo(expected));
        }
    }

    @Test
    void listGivesEveryKeyUnderAPrefixAndNoOther() {
        String owner = "lister" + UUID.randomUUID().toString().substring(0, 8);
        AssetKey first = AssetKey.upload(
                AssetKind.PRODUCT,
                PassId.user(owner),
                Instant.parse("2025-06-01T10:00:00Z"),
                UUID.randomUUID().toString(),
                MediaType.PNG);
        AssetKey second = AssetKey.upload(
                AssetKind.PRODUCT,
                PassId.user(owner),
                Instant.parse("2025-07-02T10:00:00Z"),
                UUID.randomUUID().toString(),
                MediaType.JPEG);
        AssetKey neighbour = AssetKey.upload(
                AssetKind.PRODUCT,
                PassId.user(owner + "x"),
                Instant.parse("2025-06-01T10:00:00Z"),
                UUID.randomUUID().toString(),
                MediaType.PNG);
        store().put(first, SampleMedia.png(3, 3), MediaType.PNG);
        store().put(second, SampleMedia.jpeg(3, 3), MediaType.JPEG);
        store().put(neighbour, SampleMedia.png(3, 3), MediaType.PNG);

        String prefix = "uploads/product/user-" + owner + "/";
        assertThat(store().list(prefix)).containsExactlyInAnyOrder(first, second);
        assertThat(store().list("uploads/product/user-nobody-" + owner + "/")).isEmpty();
    }

    @Test
    void deleteRemovesTheObjectAndIsSafeToRepeat() {
        AssetKey key = stillKey(MediaType.PNG);
        AssetKey kept = stillKey(MediaType.PNG);
        store().put(key, SampleMedia.png(4, 4), MediaType.PNG);
        store().put(kept, SampleMedia.png(4, 4), MediaType.PNG);

        store().delete(key);
        store().delete(key);

        assertThat(store().read(key)).isEmpty();
        assertThat(store().list(key.value())).isEmpty();
        assertThat(store().read(kept)).isPresent();
    }

    @Test
    void hasAShortName() {
        assertThat(store().name()).matches("[a-z0-9_]{1,16}");
    }

    protected static GenerationId newGeneration() {
        return new GenerationId(UUID.randomUUID().toString());
    }

    protected static AssetKey stillKey(MediaType type) {
        return AssetKey.still(newGeneration(), type);
    }

    protected static AssetKey uploadKey(MediaType type) {
        return AssetKey.upload(
                AssetKind.PRODUCT,
                PassId.user("contract"),
                Instant.parse("2025-06-01T10:00:00Z"),
                UUID.randomUUID().toString(),
                type);
    }

    protected static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
