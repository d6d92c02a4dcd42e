package me.minav3.mma.assets;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Spec §2.4: a stored media URL is public and permanent: http(s), a host, no credentials, and nothing in the query
 * that signs it or makes it expire. The same rule is exposed as regular expressions for a database CHECK.
 */
public final class PublicUrlPolicy {

    /**
     * Matches a query parameter that signs or expires a URL: {@code X-Amz-*} (S3/R2 presigned), {@code X-Goog-*}
     * (GCS), any name ending in {@code signature} or {@code token}, {@code Expires}, {@code sig} (Azure SAS) and
     * {@code Key-Pair-Id} (CloudFront). Written in the subset shared by Java and PostgreSQL regular expressions
     * and meant to be matched case-insensitively and unanchored: {@code url ~* SIGNED_QUERY_REGEX} in SQL.
     */
    public static final String SIGNED_QUERY_REGEX =
            "[?&](x-amz-[^=&#]*|x-goog-[^=&#]*|[^=&#]*signature|[^=&#]*token|expires|sig|key-pair-id)(=|&|#|$)";

    /** Matches an http(s) URL with a host and no user info; case-insensitive ({@code ~*}), anchored at the start. */
    public static final String HTTP_URL_REGEX = "^https?://[^/?#@ ]+([/?#]|$)";

    private static final Pattern SIGNED = Pattern.compile(SIGNED_QUERY_REGEX, Pattern.CASE_INSENSITIVE);

    private PublicUrlPolicy() {}

    /**
     * A PostgreSQL boolean expression that holds when {@code column} is null or a permanent public URL, for
     * {@code CHECK (...)}: {@code col IS NULL OR (col ~* '<HTTP_URL_REGEX>' AND col !~* '<SIGNED_QUERY_REGEX>')}.
     */
    public static String sqlCheck(String column) {
        if (!column.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain column name: " + column);
        }
        return "%1$s IS NULL OR (%1$s ~* '%2$s' AND %1$s !~* '%3$s')"
                .formatted(column, HTTP_URL_REGEX, SIGNED_QUERY_REGEX);
    }

    /** True when the URL is a permanent public http(s) URL. */
    public static boolean isPermanentPublic(String url) {
        return refusal(url).isEmpty();
    }

    /** True when the URL's query signs it or makes it expire. */
    public static boolean isSigned(String url) {
        return url != null && SIGNED.matcher(url).find();
    }

    /** Why the URL is not a permanent public URL, in words for a user; empty when it is one. */
    public static Optional<String> refusal(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("The link is empty.");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return Optional.of("That is not a valid web link.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("Only http and https links can be used.");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("That link has no website address.");
        }
        if (uri.getPort() > 65535) {
            return Optional.of("That link's port number is not valid (it is above 65535).");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("Links with a user name or password in them cannot be used.");
        }
        if (isSigned(url)) {
            return Optional.of("That link is temporary (it carries a signature or an expiry). "
                    + "Download the image and upload the file instead, or paste a permanent link.");
        }
        return Optional.empty();
    }
}
