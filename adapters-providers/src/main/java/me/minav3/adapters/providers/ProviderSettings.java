package me.minav3.adapters.providers;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import me.minav3.mma.error.ConfigurationError;
import me.minav3.mma.shopify.ShopifyApiVersion;
import org.jspecify.annotations.Nullable;

/**
 * The credentials and endpoints of the real providers, as the apps read them from the environment (see
 * {@link #fromEnvironment}). A blank value counts as absent. Base URLs default to the providers' public APIs and can
 * point anywhere else (a proxy, a local fake server). {@link #toString()} never shows a secret.
 *
 * @param shopifyStoreDomain the shop's {@code *.myshopify.com} domain; a value starting with {@code http://} or
 *                           {@code https://} is used as the base URL as it is
 * @param shopifyApiVersion  {@code SHOPIFY_API_VERSION}: pins the Admin API version for this process, e.g.
 *                           {@code 2026-10}; null when unset (the usual: {@code mma.shopify api_version} decides, see
 *                           {@link me.minav3.mma.shopify.ShopifyApiVersion#choose})
 * @param geminiApiKey       {@code GEMINI_API_KEY}: the Gemini API key of the niche still engine (issue 22)
 */
public record ProviderSettings(
        @Nullable String openAiApiKey,
        String openAiBaseUrl,
        @Nullable String arkApiKey,
        String arkBaseUrl,
        @Nullable String replicateApiToken,
        String replicateBaseUrl,
        @Nullable String klingAccessKey,
        @Nullable String klingSecretKey,
        String klingBaseUrl,
        @Nullable String shopifyStoreDomain,
        @Nullable String shopifyAdminToken,
        @Nullable String shopifyApiVersion,
        @Nullable String geminiApiKey,
        String geminiBaseUrl) {

    public static final String OPENAI_BASE_URL = "https://api.openai.com/v1";
    public static final String ARK_BASE_URL = "https://ark.ap-southeast.bytepluses.com";
    public static final String REPLICATE_BASE_URL = "https://api.replicate.com";
    public static final String KLING_BASE_URL = "https://api-singapore.klingai.com";
    public static final String GEMINI_BASE_URL = "https://generativelanguage.googleapis.com";

    /** Nothing configured: every real provider off. */
    public static final ProviderSettings NONE = fromEnvironment(Map.of());

    public ProviderSettings {
        openAiApiKey = blankToNull(openAiApiKey);
        openAiBaseUrl = baseUrl("OPENAI_BASE_URL", openAiBaseUrl, OPENAI_BASE_URL);
        arkApiKey = blankToNull(arkApiKey);
        arkBaseUrl = baseUrl("ARK_BASE_URL", arkBaseUrl, ARK_BASE_URL);
        replicateApiToken = blankToNull(replicateApiToken);
        replicateBaseUrl = baseUrl("REPLICATE_BASE_URL", replicateBaseUrl, REPLICATE_BASE_URL);
        klingAccessKey = blankToNull(klingAccessKey);
        klingSecretKey = blankToNull(klingSecretKey);
        klingBaseUrl = baseUrl("KLING_BASE_URL", klingBaseUrl, KLING_BASE_URL);
        shopifyStoreDomain = blankToNull(shopifyStoreDomain);
        shopifyAdminToken = blankToNull(shopifyAdminToken);
        shopifyApiVersion = blankToNull(shopifyApiVersion);
        geminiApiKey = blankToNull(geminiApiKey);
        geminiBaseUrl = baseUrl("GEMINI_BASE_URL", geminiBaseUrl, GEMINI_BASE_URL);
        if (shopifyApiVersion != null
                && ShopifyApiVersion.parse(shopifyApiVersion).isEmpty()) {
            throw new ConfigurationError(
                    "SHOPIFY_API_VERSION must be a Shopify API version like " + ShopifyApiVersion.DEFAULT.value()
                            + " (YYYY-01, -04, -07 or -10), was '" + shopifyApiVersion + "'");
        }
        if (shopifyStoreDomain != null) {
            shopifyStoreDomain = shopifyStoreDomain.strip();
            if (!shopifyStoreDomain.matches("(https?://[\\w.-]+(:[0-9]{1,5})?|[A-Za-z0-9][\\w.-]*)/?")) {
                throw new ConfigurationError(
                        "SHOPIFY_STORE_DOMAIN must be a host name like my-shop.myshopify.com, was '"
                                + shopifyStoreDomain + "'");
            }
        }
    }

    /** Reads the documented environment variables (OPENAI_API_KEY, ARK_API_KEY, KLING_ACCESS_KEY…). */
    public static ProviderSettings fromEnvironment(Map<String, String> env) {
        return new ProviderSettings(
                env.get("OPENAI_API_KEY"),
                env.getOrDefault("OPENAI_BASE_URL", ""),
                env.get("ARK_API_KEY"),
                env.getOrDefault("ARK_BASE_URL", ""),
                env.get("REPLICATE_API_TOKEN"),
                env.getOrDefault("REPLICATE_BASE_URL", ""),
                env.get("KLING_ACCESS_KEY"),
                env.get("KLING_SECRET_KEY"),
                env.getOrDefault("KLING_BASE_URL", ""),
                env.get("SHOPIFY_STORE_DOMAIN"),
                env.get("SHOPIFY_ADMIN_TOKEN"),
                env.get("SHOPIFY_API_VERSION"),
                env.get("GEMINI_API_KEY"),
                env.getOrDefault("GEMINI_BASE_URL", ""));
    }

    /** The same settings without Gemini (the twelve values before issue 22). */
    public ProviderSettings(
            @Nullable String openAiApiKey,
            String openAiBaseUrl,
            @Nullable String arkApiKey,
            String arkBaseUrl,
            @Nullable String replicateApiToken,
            String replicateBaseUrl,
            @Nullable String klingAccessKey,
            @Nullable String klingSecretKey,
            String klingBaseUrl,
            @Nullable String shopifyStoreDomain,
            @Nullable String shopifyAdminToken,
            @Nullable String shopifyApiVersion) {
        this(
                openAiApiKey,
                openAiBaseUrl,
                arkApiKey,
                arkBaseUrl,
                replicateApiToken,
                replicateBaseUrl,
                klingAccessKey,
                klingSecretKey,
                klingBaseUrl,
                shopifyStoreDomain,
                shopifyAdminToken,
                shopifyApiVersion,
                null,
                "");
    }

    public boolean hasGemini() {
        return geminiApiKey != null;
    }

    public boolean hasOpenAi() {
        return openAiApiKey != null;
    }

    public boolean hasArk() {
        return arkApiKey != null;
    }

    public boolean hasReplicate() {
        return replicateApiToken != null;
    }

    public boolean hasKling() {
        return klingAccessKey != null && klingSecretKey != null;
    }

    public boolean hasShopify() {
        return shopifyStoreDomain != null && shopifyAdminToken != null;
    }

    /** The Admin GraphQL endpoint of the shop for an API version. */
    public URI shopifyGraphqlUrl(ShopifyApiVersion version) {
        String domain = Objects.requireNonNull(shopifyStoreDomain, "SHOPIFY_STORE_DOMAIN is not set");
        String base = domain.startsWith("http") ? domain : "https://" + domain;
        return URI.create(stripSlash(base) + "/admin/api/" + version.value() + "/graphql.json");
    }

    /** Every configured secret, for the redaction of traces and for tests that look for leaks. */
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        Stream.of(
                        openAiApiKey,
                        arkApiKey,
                        replicateApiToken,
                        klingAccessKey,
                        klingSecretKey,
                        shopifyAdminToken,
                        geminiApiKey)
                .filter(value -> value != null)
                .forEach(secrets::add);
        return secrets;
    }

    @Override
    public String toString() {
        return "ProviderSettings[openai=" + state(openAiApiKey) + " " + openAiBaseUrl
                + ", ark=" + state(arkApiKey) + " " + arkBaseUrl
                + ", replicate=" + state(replicateApiToken) + " " + replicateBaseUrl
                + ", kling=" + state(hasKling() ? klingSecretKey : null) + " " + klingBaseUrl
                + ", shopify=" + state(shopifyAdminToken) + " " + shopifyStoreDomain
                + " api_version=" + (shopifyApiVersion == null ? "config" : shopifyApiVersion)
                + ", gemini=" + state(geminiApiKey) + " " + geminiBaseUrl + "]";
    }

    private static String state(@Nullable String secret) {
        return secret == null ? "off" : "on";
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String baseUrl(String name, String value, String fallback) {
        String url = blankToNull(value) == null ? fallback : stripSlash(value.strip());
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError(name + " is not a URL: '" + url + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawQuery() != null) {
            throw new ConfigurationError(name + " must be an http(s) URL without a query, was '" + url + "'");
        }
        return url;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
