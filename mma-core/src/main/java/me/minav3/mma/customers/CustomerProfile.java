package me.minav3.mma.customers;

import me.minav3.mma.common.Emails;
import org.jspecify.annotations.Nullable;

/**
 * Identity facts learned about a customer (from a login token or a Shopify order). Missing facts are null and
 * never erase what is already stored.
 */
public record CustomerProfile(
        @Nullable String email,
        @Nullable String userId,
        @Nullable Long shopifyCustomerId) {

    public static final CustomerProfile NONE = new CustomerProfile(null, null, null);

    public CustomerProfile {
        email = email == null || email.isBlank() ? null : Emails.normalize(email);
        userId = userId == null || userId.isBlank() ? null : userId.strip();
        if (shopifyCustomerId != null && shopifyCustomerId <= 0) {
            throw new IllegalArgumentException("not a Shopify customer id: " + shopifyCustomerId);
        }
    }

    public static CustomerProfile ofEmail(@Nullable String email) {
        return new CustomerProfile(email, null, null);
    }
}
