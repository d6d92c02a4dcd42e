package me.minav3.mma.shopify;

import java.util.List;
import me.minav3.mma.common.ProviderTrace;

/** The shop (Shopify Admin): tags customers for segmentation. Throws {@link me.minav3.mma.error.ProviderFailure}. */
public interface CommerceGateway {

    String name();

    /** Adds tags to a shop customer; returns the sanitized trace of the call. */
    ProviderTrace addCustomerTags(long shopifyCustomerId, List<String> tags);
}
