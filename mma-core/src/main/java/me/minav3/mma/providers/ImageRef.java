package me.minav3.mma.providers;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * An input image for a provider: its permanent public URL, and a way to read its bytes when the provider cannot
 * fetch the URL itself (e.g. a local asset URL on a developer machine, sent inline as a data URL instead).
 */
public record ImageRef(String url, Supplier<byte[]> bytes) {

    public ImageRef {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(bytes, "bytes");
    }
}
