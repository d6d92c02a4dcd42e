package me.minav3.http;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The local asset store's files, served under {@code /assets/<key>} (the embedded default; R2 serves its own).
 *
 * @param files        the file stored for a key (the request path after {@code /assets/}); empty for unsafe or
 *                     unknown keys
 * @param cacheControl what every file is served with
 * @param svgPolicy    the Content-Security-Policy every SVG is served with (decision 045)
 * @param svgSanitizer rebuilds an SVG on the way out, as it was on the way in (decision 042)
 */
public record LocalAssets(
        Function<String, Optional<File>> files,
        String cacheControl,
        String svgPolicy,
        UnaryOperator<byte[]> svgSanitizer) {

    /** The content type of a stored SVG. */
    public static final String SVG = "image/svg+xml";

    /** One stored file. */
    public record File(Path path, String contentType, long size) {
        public File {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(contentType, "content type");
        }
    }
}
