package me.minav3.mma.assets;

import java.util.Arrays;
import java.util.Locale;

/** What an uploaded image is for. */
public enum AssetKind {
    PRODUCT,
    LOGO,
    INSPIRATION,
    ANIMATION;

    /** At most this many inspiration images per generation. */
    public static final int MAX_INSPIRATIONS = 4;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AssetKind fromWire(String wire) {
        String normalized = wire == null ? "" : wire.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(k -> k.wire().equals(normalized))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown upload kind '" + wire + "' (expected product, logo, inspiration or animation)"));
    }
}
