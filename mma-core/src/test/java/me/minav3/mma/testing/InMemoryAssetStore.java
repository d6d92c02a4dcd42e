package me.minav3.mma.testing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import me.minav3.mma.assets.AssetKey;
import me.minav3.mma.assets.AssetStore;
import me.minav3.mma.assets.MediaType;
import me.minav3.mma.assets.PublicBaseUrl;
import me.minav3.mma.assets.StorageHealth;
import me.minav3.mma.assets.StoredAsset;
import me.minav3.mma.error.StorageFailure;

/** An {@link AssetStore} in memory, for tests of the core; passes {@link AssetStoreContract}. */
public final class InMemoryAssetStore implements AssetStore {

    public static final String DEFAULT_BASE = "https://assets.example.test/store";

    private record Entry(byte[] bytes, MediaType type) {}

    private final PublicBaseUrl base;
    private final Map<AssetKey, Entry> objects = new ConcurrentHashMap<>();
    private volatile String outage;

    public InMemoryAssetStore(String publicBase) {
        this.base = new PublicBaseUrl(publicBase);
    }

    public InMemoryAssetStore() {
        this(DEFAULT_BASE);
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public StoredAsset put(AssetKey key, byte[] bytes, MediaType type) {
        failIfDown("store " + key);
        objects.put(key, new Entry(bytes.clone(), type));
        return new StoredAsset(key, publicUrl(key), type, bytes.length);
    }

    @Override
    public Optional<byte[]> read(AssetKey key) {
        failIfDown("read " + key);
        return Optional.ofNullable(objects.get(key)).map(entry -> entry.bytes().clone());
    }

    @Override
    public List<AssetKey> list(String prefix) {
        failIfDown("list " + prefix);
        return objects.keySet().stream()
                .filter(k -> k.value().startsWith(prefix))
                .sorted(java.util.Comparator.comparing(AssetKey::value))
                .toList();
    }

    @Override
    public void delete(AssetKey key) {
        failIfDown("delete " + key);
        objects.remove(key);
    }

    @Override
    public String publicUrl(AssetKey key) {
        return base.urlOf(key);
    }

    @Override
    public Optional<AssetKey> keyOf(String url) {
        return base.keyOf(url);
    }

    @Override
    public StorageHealth check() {
        String down = outage;
        return down == null ? StorageHealth.ok("memory") : new StorageHealth(StorageHealth.Status.UNREACHABLE, down);
    }

    /** From now on every write and read fails with a {@link StorageFailure} carrying {@code detail}. */
    public void breakDown(String detail) {
        this.outage = detail;
    }

    /** Ends {@link #breakDown}. */
    public void repair() {
        this.outage = null;
    }

    private void failIfDown(String what) {
        String down = outage;
        if (down != null) {
            throw new StorageFailure("Could not " + what + ": " + down);
        }
    }

    /** The type an object was stored with. */
    public Optional<MediaType> typeOf(AssetKey key) {
        return Optional.ofNullable(objects.get(key)).map(Entry::type);
    }

    public Set<AssetKey> keys() {
        return Set.copyOf(objects.keySet());
    }
}
