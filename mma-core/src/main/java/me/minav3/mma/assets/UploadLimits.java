package me.minav3.mma.assets;

import java.time.Duration;
import java.util.Map;
import me.minav3.mma.common.Json;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.DefaultConfig;
import org.jspecify.annotations.Nullable;

/**
 * The ingestion limits from config key {@code mma.uploads}: {@code max_bytes} for uploads and imported links,
 * {@code max_pixels} (width × height, against decompression bombs), {@code max_redirects} and
 * {@code fetch_timeout_ms} for downloads, and {@code max_output_bytes} for provider outputs (videos are larger).
 */
public record UploadLimits(
        long maxBytes, long maxPixels, int maxRedirects, Duration fetchTimeout, long maxOutputBytes) {

    public static final UploadLimits DEFAULTS =
            fromConfig(DefaultConfig.values().get(ConfigKeys.UPLOADS), null);

    public UploadLimits {
        if (maxBytes < 1 || maxPixels < 1 || maxRedirects < 0 || maxOutputBytes < 1) {
            throw new IllegalArgumentException("upload limits must be positive");
        }
        if (fetchTimeout == null || fetchTimeout.isNegative() || fetchTimeout.isZero()) {
            throw new IllegalArgumentException("the fetch timeout must be positive");
        }
    }

    /** Reads the config value; a missing or malformed field keeps its default. */
    public static UploadLimits fromConfig(@Nullable Map<String, ?> value) {
        return fromConfig(value, DEFAULTS);
    }

    private static UploadLimits fromConfig(@Nullable Map<String, ?> value, @Nullable UploadLimits fallback) {
        return new UploadLimits(
                positive(value, "max_bytes", fallback == null ? 0 : fallback.maxBytes),
                positive(value, "max_pixels", fallback == null ? 0 : fallback.maxPixels),
                redirects(value, fallback == null ? 0 : fallback.maxRedirects),
                Duration.ofMillis(
                        positive(value, "fetch_timeout_ms", fallback == null ? 0 : fallback.fetchTimeout.toMillis())),
                positive(value, "max_output_bytes", fallback == null ? 0 : fallback.maxOutputBytes));
    }

    private static int redirects(@Nullable Map<String, ?> value, int fallback) {
        long number = Json.number(value, "max_redirects", fallback);
        return number >= 0 && number <= 20 ? (int) number : fallback;
    }

    private static long positive(@Nullable Map<String, ?> value, String key, long fallback) {
        long number = Json.number(value, key, fallback);
        return number > 0 ? number : fallback;
    }

    /** Limits for a user's pasted link. */
    public MediaFetcher.Limits forImports() {
        return new MediaFetcher.Limits(maxBytes, maxRedirects, fetchTimeout);
    }

    /** Limits for a provider's output URL. */
    public MediaFetcher.Limits forOutputs() {
        return new MediaFetcher.Limits(maxOutputBytes, maxRedirects, fetchTimeout);
    }

    /** A size for people: {@code 25 MB}. */
    public static String describeBytes(long bytes) {
        long mb = 1024L * 1024;
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < mb) {
            return (bytes / 1024) + " KB";
        }
        return bytes % mb == 0 ? (bytes / mb) + " MB" : "%.1f MB".formatted(bytes / (double) mb);
    }
}
