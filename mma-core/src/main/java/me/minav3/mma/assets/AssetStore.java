package me.minav3.mma.assets;

import java.util.List;
import java.util.Optional;

/**
 * Permanent public media storage (Cloudflare R2, or a local directory served by the app). Every URL it returns
 * is public and never expires; it refuses to hand out or accept signed or temporary URLs. Faults are
 * {@link me.minav3.mma.error.StorageFailure}s whose message is for the log and the step, never for users.
 */
public interface AssetStore {

    /** A short label for logs and the audit: {@code r2} or {@code local}. */
    String name();

    /** Stores the bytes (already checked by ingestion) with the right content type and immutable caching. */
    StoredAsset put(AssetKey key, byte[] bytes, MediaType type);

    /** The stored bytes, if present (scanners read images this way instead of over HTTP). */
    Optional<byte[]> read(AssetKey key);

    /**
     * Every stored key that starts with {@code prefix} (e.g. {@code uploads/product/user-alice/}), in key order;
     * an account's export and deletion find its media this way.
     */
    List<AssetKey> list(String prefix);

    /** Removes the object; removing a key that is not there is not an error (a retried deletion is safe). */
    void delete(AssetKey key);

    /** The permanent public URL of a key. */
    String publicUrl(AssetKey key);

    /** The key of a URL under this store's public base, or empty for any other URL. */
    Optional<AssetKey> keyOf(String url);

    /**
     * Whether the store is usable (the bucket exists and the credentials are accepted; the directory is writable),
     * in bounded time (seconds); never throws. {@code serve} calls it at start, {@code /health} through
     * {@link StorageStatus}.
     */
    StorageHealth check();
}
