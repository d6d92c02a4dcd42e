package me.minav3.mma.assets;

import java.util.Objects;

/** An asset in the store and its permanent public URL. */
public record StoredAsset(AssetKey key, String url, MediaType type, long bytes) {

    public StoredAsset {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(type, "type");
    }
}
