package me.minav3.mma.assets;

import java.util.Objects;
import java.util.Optional;

/** The public base URL of an asset store: maps a key to its permanent URL and a URL under the base back to its key. */
public record PublicBaseUrl(String value) {

    public PublicBaseUrl {
        Objects.requireNonNull(value, "public base url");
        value = value.strip();
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        Optional<String> refusal = PublicUrlPolicy.refusal(value);
        if (refusal.isPresent() || value.contains("?") || value.contains("#")) {
            throw new IllegalArgumentException(
                    "not a public base URL (http(s)://host[/path], no query): '" + value + "'");
        }
    }

    public String urlOf(AssetKey key) {
        return value + "/" + key.value();
    }

    /** The key of a URL directly under this base; empty for other URLs, queries, fragments or unsafe keys. */
    public Optional<AssetKey> keyOf(String url) {
        if (url == null || !url.startsWith(value + "/")) {
            return Optional.empty();
        }
        String rest = url.substring(value.length() + 1);
        try {
            return Optional.of(new AssetKey(rest));
        } catch (IllegalArgumentException unsafe) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
