package me.minav3.adapters.r2;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;
import me.minav3.mma.assets.PublicBaseUrl;
import me.minav3.mma.error.ConfigurationError;
import org.jspecify.annotations.Nullable;

/**
 * How to reach the R2 bucket (or any S3-compatible one). Give {@code accountId} for Cloudflare R2
 * ({@code https://<account>.r2.cloudflarestorage.com}) or a full {@code endpoint} for another S3 server.
 * {@code publicBaseUrl} is the bucket's public address (an r2.dev URL or a custom domain); stored URLs start with it.
 *
 * @param multipartThresholdBytes objects larger than this are sent in parts
 * @param partSizeBytes           size of each part but the last (R2 and S3 need at least 5 MiB)
 */
public record R2Settings(
        @Nullable String accountId,
        @Nullable String endpoint,
        String accessKeyId,
        String secretAccessKey,
        String bucket,
        String publicBaseUrl,
        long multipartThresholdBytes,
        int partSizeBytes) {

    public static final long DEFAULT_MULTIPART_THRESHOLD = 16L * 1024 * 1024;
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
    private static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    public R2Settings {
        accountId = blankToNull(accountId);
        endpoint = blankToNull(endpoint);
        if (accountId == null && endpoint == null) {
            throw new ConfigurationError("R2 needs R2_ACCOUNT_ID or R2_ENDPOINT");
        }
        if (accountId != null && !accountId.matches("[A-Za-z0-9-]{1,64}")) {
            throw new ConfigurationError("R2_ACCOUNT_ID must be letters, digits and dashes");
        }
        if (endpoint != null && !endpoint.matches("https?://[^\\s/?#@]+/?")) {
            throw new ConfigurationError("R2_ENDPOINT must be an http(s) URL without a path, e.g. https://host:port");
        }
        require(accessKeyId, "R2_ACCESS_KEY_ID");
        require(secretAccessKey, "R2_SECRET_ACCESS_KEY");
        require(bucket, "R2_BUCKET");
        require(publicBaseUrl, "R2_PUBLIC_BASE_URL");
        try {
            publicBaseUrl = new PublicBaseUrl(publicBaseUrl).value();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError("R2_PUBLIC_BASE_URL must be a permanent public http(s) URL without a query");
        }
        if (partSizeBytes < MIN_PART_SIZE || multipartThresholdBytes < partSizeBytes) {
            throw new ConfigurationError(
                    "R2 parts must be at least 5 MiB and the multipart threshold at least one part");
        }
    }

    /** Settings with the default multipart threshold (16 MiB) and part size (8 MiB). */
    public static R2Settings of(
            @Nullable String accountId,
            @Nullable String endpoint,
            String accessKeyId,
            String secretAccessKey,
            String bucket,
            String publicBaseUrl) {
        return new R2Settings(
                accountId,
                endpoint,
                accessKeyId,
                secretAccessKey,
                bucket,
                publicBaseUrl,
                DEFAULT_MULTIPART_THRESHOLD,
                DEFAULT_PART_SIZE);
    }

    /**
     * Reads {@code R2_ACCOUNT_ID} or {@code R2_ENDPOINT}, {@code R2_ACCESS_KEY_ID}, {@code R2_SECRET_ACCESS_KEY},
     * {@code R2_BUCKET} and {@code R2_PUBLIC_BASE_URL}; empty when none is set (the app then stores locally),
     * a {@link ConfigurationError} naming what is missing when only some are.
     */
    public static Optional<R2Settings> fromEnvironment(Function<String, @Nullable String> env) {
        String[] names = {
            "R2_ACCOUNT_ID",
            "R2_ENDPOINT",
            "R2_ACCESS_KEY_ID",
            "R2_SECRET_ACCESS_KEY",
            "R2_BUCKET",
            "R2_PUBLIC_BASE_URL"
        };
        boolean any = false;
        for (String name : names) {
            any |= blankToNull(env.apply(name)) != null;
        }
        if (!any) {
            return Optional.empty();
        }
        return Optional.of(of(
                env.apply("R2_ACCOUNT_ID"),
                env.apply("R2_ENDPOINT"),
                orBlank(env, "R2_ACCESS_KEY_ID"),
                orBlank(env, "R2_SECRET_ACCESS_KEY"),
                orBlank(env, "R2_BUCKET"),
                orBlank(env, "R2_PUBLIC_BASE_URL")));
    }

    /** An unset variable as blank, which the constructor refuses with the same message as a missing one. */
    private static String orBlank(Function<String, @Nullable String> env, String name) {
        String value = env.apply(name);
        return value == null ? "" : value;
    }

    /** The S3 API endpoint: the given one, or Cloudflare's for the account. */
    public URI endpointUri() {
        return URI.create(endpoint != null ? endpoint : "https://" + accountId + ".r2.cloudflarestorage.com");
    }

    /** Never prints the secret key. */
    @Override
    public String toString() {
        return "R2Settings[endpoint=" + endpointUri() + ", bucket=" + bucket + ", publicBaseUrl=" + publicBaseUrl
                + ", accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
    }

    private static void require(@Nullable String value, String name) {
        if (blankToNull(value) == null) {
            throw new ConfigurationError("R2 needs " + name);
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
