package me.minav3.adapters.r2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import me.minav3.mma.assets.AssetKey;
import me.minav3.mma.assets.AssetStore;
import me.minav3.mma.assets.MediaType;
import me.minav3.mma.testing.AssetStoreContract;
import me.minav3.mma.testing.SampleMedia;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalAssetStoreTest extends AssetStoreContract {

    private static final String PUBLIC_BASE = "http://localhost:8080/assets";

    @TempDir
    Path dataDir;

    private Path assets;
    private AssetStore store;

    @BeforeEach
    void createStore() {
        assets = dataDir.resolve("assets");
        store = AssetStores.local(assets, PUBLIC_BASE + "/");
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
    void writesTheObjectAtItsKeyUnderTheDirectoryAndLeavesNoTemporaryFiles() throws IOException {
        AssetKey key = uploadKey(MediaType.PNG);
        byte[] png = SampleMedia.png(5, 5);

        store.put(key, png, MediaType.PNG);
        store.put(key, png, MediaType.PNG);

        assertThat(assets.resolve(key.value())).hasBinaryContent(png);
        try (Stream<Path> files = Files.walk(assets)) {
            assertThat(files.filter(Files::isRegularFile)).containsExactly(assets.resolve(key.value()));
        }
    }

    @Test
    void resolvesAKeyToItsFileAndContentTypeForServing() {
        AssetKey video = AssetKey.video(newGeneration());
        byte[] mp4 = SampleMedia.mp4(320, 240);
        store.put(video, mp4, MediaType.MP4);

        assertThat(AssetStores.localFile(assets, video.value())).hasValueSatisfying(file -> {
            assertThat(file.path()).isEqualTo(assets.resolve(video.value()).toAbsolutePath());
            assertThat(file.contentType()).isEqualTo("video/mp4");
            assertThat(file.size()).isEqualTo(mp4.length);
        });
    }

    @Test
    void servesNothingOutsideTheStoredKeys() throws IOException {
        Files.writeString(dataDir.resolve("secret.txt"), "database password");
        Files.createDirectories(assets.resolve("mma/still"));
        Files.writeString(assets.resolve("mma/still/.tmp-123.part"), "half");
        Files.writeString(assets.resolve("mma/still/notes.txt"), "not media");
        Files.createSymbolicLink(assets.resolve("mma/still/link.png"), dataDir.resolve("secret.txt"));

        assertThat(AssetStores.localFile(assets, "../secret.txt")).isEmpty();
        assertThat(AssetStores.localFile(assets, "mma/../../secret.txt")).isEmpty();
        assertThat(AssetStores.localFile(assets, "/etc/passwd")).isEmpty();
        assertThat(AssetStores.localFile(assets, "mma/still/.tmp-123.part")).isEmpty();
        assertThat(AssetStores.localFile(assets, "mma/still/notes.txt")).isEmpty();
        assertThat(AssetStores.localFile(assets, "mma/still/link.png")).isEmpty();
        assertThat(AssetStores.localFile(assets, "mma/still/missing.png")).isEmpty();
        assertThat(AssetStores.localFile(assets, "mma/still")).isEmpty();
        assertThat(AssetStores.localFile(assets, null)).isEmpty();
    }

    @Test
    void aMissingAssetDirectoryIsMisconfigured() throws Exception {
        java.nio.file.Files.delete(assets);

        var health = store.check();

        assertThat(health.status()).isEqualTo(me.minav3.mma.assets.StorageHealth.Status.MISCONFIGURED);
        assertThat(health.detail()).contains(assets.toString()).contains("missing");
    }
}
