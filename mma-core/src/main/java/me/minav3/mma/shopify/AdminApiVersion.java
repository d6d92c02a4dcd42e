package me.minav3.mma.shopify;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import me.minav3.mma.common.Clock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Shopify Admin API version calls use, by one rule: {@code SHOPIFY_API_VERSION} when the environment pins one,
 * else {@code mma.shopify api_version} (read on each call, so a published version applies within seconds), else
 * {@link ShopifyApiVersion#DEFAULT}; and whichever wins, a version out of support falls forward to the default with
 * a warning (logged once per distinct warning, shown by {@code serve} and {@code /health}).
 */
public final class AdminApiVersion implements Supplier<ShopifyApiVersion> {

    private static final Logger log = LoggerFactory.getLogger(AdminApiVersion.class);
    public static final String ENVIRONMENT = "SHOPIFY_API_VERSION";
    public static final String CONFIG = "mma.shopify api_version";

    private final @Nullable String pinned;
    private final Supplier<ShopifyConfig> config;
    private final Clock clock;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private volatile ShopifyApiVersion.@Nullable Choice last;

    /** @param pinned {@code SHOPIFY_API_VERSION}, null or blank when not set */
    public AdminApiVersion(@Nullable String pinned, Supplier<ShopifyConfig> config, Clock clock) {
        this.pinned = pinned == null || pinned.isBlank() ? null : pinned.strip();
        this.config = config;
        this.clock = clock;
    }

    /**
     * The version to call, and the warning when it is not the configured one. When config cannot be read (the
     * database is down), the last answer stands, or the default: a health probe or a tagging never fails on this.
     */
    public ShopifyApiVersion.Choice current() {
        ShopifyApiVersion.Choice choice;
        if (pinned != null) {
            choice = ShopifyApiVersion.choose(pinned, ENVIRONMENT, clock.now());
        } else {
            String configured;
            try {
                configured = config.get().apiVersion();
            } catch (RuntimeException e) {
                ShopifyApiVersion.Choice known = last;
                return known != null ? known : ShopifyApiVersion.choose(null, CONFIG, clock.now());
            }
            choice = ShopifyApiVersion.choose(configured, CONFIG, clock.now());
        }
        last = choice;
        if (choice.warning() != null && warned.add(choice.warning())) {
            log.warn(
                    "shopify_api_version_fallback configured={} used={} warning=\"{}\"",
                    choice.configured(),
                    choice.used().value(),
                    choice.warning());
        }
        return choice;
    }

    /** The version to call now. */
    @Override
    public ShopifyApiVersion get() {
        return current().used();
    }
}
