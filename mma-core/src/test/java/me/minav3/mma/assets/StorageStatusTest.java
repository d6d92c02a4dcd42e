package me.minav3.mma.assets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import me.minav3.mma.testing.InMemoryAssetStore;
import me.minav3.mma.testing.MutableClock;
import org.junit.jupiter.api.Test;

class StorageStatusTest {

    private final MutableClock clock = new MutableClock();
    private final AtomicInteger checks = new AtomicInteger();
    private final InMemoryAssetStore memory = new InMemoryAssetStore();
    private final AssetStore counted = new AssetStore() {
        @Override
        public String name() {
            return memory.name();
        }

        @Override
        public StoredAsset put(AssetKey key, byte[] bytes, MediaType type) {
            return memory.put(key, bytes, type);
        }

        @Override
        public Optional<byte[]> read(AssetKey key) {
            return memory.read(key);
        }

        @Override
        public java.util.List<AssetKey> list(String prefix) {
            return memory.list(prefix);
        }

        @Override
        public void delete(AssetKey key) {
            memory.delete(key);
        }

        @Override
        public String publicUrl(AssetKey key) {
            return memory.publicUrl(key);
        }

        @Override
        public Optional<AssetKey> keyOf(String url) {
            return memory.keyOf(url);
        }

        @Override
        public StorageHealth check() {
            checks.incrementAndGet();
            return memory.check();
        }
    };
    private final StorageStatus status = new StorageStatus(counted, clock, StorageStatus.TTL);

    @Test
    void aProbeEverySecondChecksTheStoreOncePerFiveSeconds() {
        for (int second = 0; second < 10; second++) {
            assertThat(status.current().up()).isTrue();
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(checks.get()).isEqualTo(2);
    }

    @Test
    void anOutageShowsOnceTheCachedAnswerIsStaleAndSoDoesTheRecovery() {
        assertThat(status.current().up()).isTrue();
        memory.breakDown("connection refused");

        assertThat(status.current().up()).as("cached").isTrue();
        clock.advance(StorageStatus.TTL);
        assertThat(status.current().status()).isEqualTo(StorageHealth.Status.UNREACHABLE);
        memory.repair();
        clock.advance(StorageStatus.TTL);
        assertThat(status.current().up()).isTrue();
    }

    @Test
    void aCheckThatThrowsIsReportedAsUnreachable() {
        StorageStatus throwing = new StorageStatus(new AssetStoreThatThrows(), clock, StorageStatus.TTL);

        assertThat(throwing.current().status()).isEqualTo(StorageHealth.Status.UNREACHABLE);
        assertThat(throwing.current().detail()).contains("a bug in an adapter's check");
    }

    private static final class AssetStoreThatThrows implements AssetStore {
        @Override
        public String name() {
            return "throws";
        }

        @Override
        public StoredAsset put(AssetKey key, byte[] bytes, MediaType type) {
            throw new IllegalStateException("unused");
        }

        @Override
        public Optional<byte[]> read(AssetKey key) {
            return Optional.empty();
        }

        @Override
        public java.util.List<AssetKey> list(String prefix) {
            return java.util.List.of();
        }

        @Override
        public void delete(AssetKey key) {
            throw new IllegalStateException("unused");
        }

        @Override
        public String publicUrl(AssetKey key) {
            return "";
        }

        @Override
        public Optional<AssetKey> keyOf(String url) {
            return Optional.empty();
        }

        @Override
        public StorageHealth check() {
            throw new IllegalStateException("a bug in an adapter's check");
        }
    }
}
