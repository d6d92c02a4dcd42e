package me.minav3.adapters.providers;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import me.minav3.adapters.providers.http.ProviderCall;
import me.minav3.mma.error.ProviderFailure.Kind;
import me.minav3.mma.providers.MediaPayload;
import org.jspecify.annotations.Nullable;

/** Reads the temporary output URL a provider answered with; the core downloads it through its safe ingestion. */
final class MediaUrls {

    private MediaUrls() {}

    static MediaPayload.Remote remote(@Nullable String url, String where, ProviderCall call) {
        if (url == null || url.isBlank()) {
            throw call.failure(Kind.MALFORMED_REPLY, "reply has no output URL at " + where);
        }
        try {
            URI uri = URI.create(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return new MediaPayload.Remote(uri);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw call.failure(Kind.MALFORMED_REPLY, "output at " + where + " is not an http(s) URL: " + url);
    }

    /** The first URL of a Replicate {@code output}: a URL string, or a list of them. */
    static @Nullable String first(@Nullable Object output) {
        if (output instanceof String url) {
            return url;
        }
        if (output instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof String url) {
            return url;
        }
        return null;
    }
}
