package me.minav3.adapters.r2;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import me.minav3.mma.assets.AssetStore;
import me.minav3.mma.assets.MediaFetcher;

/**
 * The factory the apps call: the R2 store, the local directory store (the embedded default) and the file lookup
 * app-http needs to serve it, and the SSRF-safe media fetcher.
 */
public final class AssetStores {

    /** What every stored object is served with: keys never change content, so caches may keep them forever. */
    public static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

    /** A stored local file, for app-http to serve under {@code /assets/<key>} (with range requests). */
    public record LocalFile(Path path, String contentType, long size) {
        public LocalFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(contentType, "content type");
        }
    }

    /**
     * What every SVG is served with besides {@code Content-Type: image/svg+xml} (decision 042): opened directly, it
     * runs no script, loads nothing, and is a sandboxed document of its own; the page shows it only through
     * {@code <img>}, never inline.
     */
    public static final String SVG_CONTENT_SECURITY_POLICY =
            "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";

    private AssetStores() {}

    /** The SVG sanitiser every stored and served SVG passes through. */
    public static me.minav3.mma.assets.SvgSanitizer svgSanitizer() {
        return new StaxSvgSanitizer();
    }

    /**
     * Cloudflare R2 (or any S3-compatible server) through the S3 API: region {@code auto}, path-style addressing,
     * no chunked (aws-chunked) uploads and checksums only where the API requires them, which R2 needs.
     */
    public static AssetStore r2(R2Settings settings) {
        return new R2AssetStore(R2AssetStore.clientFor(settings).build(), settings);
    }

    /**
     * Files under {@code dir} (the app passes {@code <data dir>/assets}), with public URLs
     * {@code <publicBase>/<key>} (the app passes e.g. {@code http://localhost:8080/assets}).
     */
    public static AssetStore local(Path dir, String publicBase) {
        return new LocalAssetStore(dir, publicBase);
    }

    /**
     * The file stored for {@code key} (the request path after {@code /assets/}) in a local store rooted at
     * {@code dir}, with its content type; empty for unsafe or unknown keys, links and missing files.
     */
    public static Optional<LocalFile> localFile(Path dir, String key) {
        return LocalAssetStore.file(dir, key);
    }

    /** The media fetcher for pasted links and provider outputs; refuses every non-public address. */
    public static MediaFetcher fetcher(FetcherSettings settings) {
        return new SafeHttpMediaFetcher(
                settings, VettingDnsResolver.system(AddressPolicy.publicOnly(settings.allowLoopback())));
    }
}
