package me.minav3.adapters.providers;

import static me.minav3.mma.common.Json.obj;

import java.util.List;
import me.minav3.mma.common.ProviderTrace;
import me.minav3.mma.shopify.CommerceGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The local commerce default when no shop is configured: logs the tagging it would do, and does nothing else. */
final class LoggingCommerceGateway implements CommerceGateway {

    static final String NAME = "local";
    private static final Logger LOG = LoggerFactory.getLogger(LoggingCommerceGateway.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProviderTrace addCustomerTags(long shopifyCustomerId, List<String> tags) {
        LOG.info("shopify_tagging_skipped reason=no_shop_configured customer_id={} tags={}", shopifyCustomerId, tags);
        return new ProviderTrace(
                obj("customer_id", shopifyCustomerId, "tags", List.copyOf(tags)), obj("logged_only", true), List.of());
    }
}
