package me.minav3.mma.shopify;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import me.minav3.mma.common.Json;
import org.jspecify.annotations.Nullable;

/**
 * The {@code mma.shopify} config row: the customer tag and its retry budget, whether test orders buy (test)
 * matcha, and what the checkout links point at. Missing keys take the built-in defaults, so an older stored
 * version keeps working.
 *
 * @param variants         pack SKU → Shopify variant id (digits), for cart permalinks
 * @param defaultPack      the pack behind "I need matcha"; null for the first of {@code variants}
 * @param storefrontDomain the public shop domain for links; null to use {@code SHOPIFY_STORE_DOMAIN}
 * @param apiVersion       the Admin API version as configured ({@code api_version}), null when absent; see
 *                         {@link AdminApiVersion} for the version calls actually use
 */
public record ShopifyConfig(
        String customerTag,
        boolean creditTestOrders,
        int tagAttempts,
        Duration tagFirstBackoff,
        Duration tagMaxBackoff,
        Map<String, String> variants,
        @Nullable String defaultPack,
        @Nullable String storefrontDomain,
        @Nullable String apiVersion) {

    public ShopifyConfig {
        if (customerTag == null || customerTag.isBlank()) {
            customerTag = "Mina-users";
        }
        tagAttempts = Math.max(1, Math.min(tagAttempts, 20));
        variants = Collections.unmodifiableMap(new LinkedHashMap<>(variants));
    }

    public static ShopifyConfig standard() {
        return from(Map.of());
    }

    public static ShopifyConfig from(Map<String, Object> value) {
        Map<String, String> variants = new LinkedHashMap<>();
        Json.object(value, "variants").forEach((sku, id) -> {
            String digits = id instanceof Number n
                    ? Long.toString(n.longValue())
                    : String.valueOf(id).strip();
            if (digits.matches("[1-9][0-9]{0,19}")) {
                variants.put(sku.strip(), digits);
            }
        });
        return new ShopifyConfig(
                Json.string(value, "customer_tag", "Mina-users").strip(),
                Json.bool(value, "credit_test_orders", true),
                (int) Json.number(value, "tag_attempts", 4),
                Duration.ofMillis(Math.max(0, Json.number(value, "tag_first_backoff_ms", 30_000))),
                Duration.ofMillis(Math.max(0, Json.number(value, "tag_max_backoff_ms", 600_000))),
                variants,
                blankToNull(Json.stringOrNull(value, "default_pack")),
                blankToNull(Json.stringOrNull(value, "storefront_domain")),
                blankToNull(Json.stringOrNull(value, "api_version")));
    }

    /** Refuses an {@code mma.shopify} value that would silently lose a setting (before it is published). */
    public static void check(Map<String, Object> value) {
        Object tag = value.get("customer_tag");
        if (tag != null
                && (!(tag instanceof String text) || text.isBlank() || text.length() > 255 || text.contains(","))) {
            throw new IllegalArgumentException(
                    "customer_tag must be one non-blank tag (no commas, at most 255 characters)");
        }
        Object variants = value.get("variants");
        if (variants != null && !(variants instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("variants must be an object of pack SKU → Shopify variant id");
        }
        Json.object(value, "variants").forEach((sku, id) -> {
            String digits = id instanceof Number n && n.doubleValue() == n.longValue()
                    ? Long.toString(n.longValue())
                    : String.valueOf(id).strip();
            if (!digits.matches("[1-9][0-9]{0,19}")) {
                throw new IllegalArgumentException(
                        "variants." + sku + " must be a Shopify variant id (digits), was " + id);
            }
        });
        for (String key : new String[] {"tag_attempts", "tag_first_backoff_ms", "tag_max_backoff_ms"}) {
            Object number = value.get(key);
            if (number != null
                    && (!(number instanceof Number n) || n.longValue() < 0 || n.doubleValue() != n.longValue())) {
                throw new IllegalArgumentException(key + " must be a whole number, was " + number);
            }
        }
        Object version = value.get("api_version");
        if (version != null && ShopifyApiVersion.parse(String.valueOf(version)).isEmpty()) {
            throw new IllegalArgumentException("api_version must be a Shopify API version like "
                    + ShopifyApiVersion.DEFAULT.value() + " (YYYY-01, -04, -07 or -10), was " + version);
        }
        Object domain = value.get("storefront_domain");
        if (domain != null
                && !String.valueOf(domain).strip().matches("(https?://)?[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]{1,5})?/?")) {
            throw new IllegalArgumentException("storefront_domain must be a host like shop.example.com, was " + domain);
        }
    }

    /** The wait before retry {@code n} (1-based): first × 2^(n−1), at most the maximum. */
    public Duration tagBackoff(int retry) {
        Duration wait = tagFirstBackoff.multipliedBy(1L << Math.min(retry - 1, 20));
        return wait.compareTo(tagMaxBackoff) > 0 ? tagMaxBackoff : wait;
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
