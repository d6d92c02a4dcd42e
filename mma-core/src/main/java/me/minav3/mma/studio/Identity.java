package me.minav3.mma.studio;

import org.jspecify.annotations.Nullable;

/**
 * Who a verified login token says the caller is.
 *
 * @param userId            the login's user id (Supabase {@code sub}, or the local login's id)
 * @param shopifyCustomerId a Shopify customer id when the login carries one, else null
 * @param emailVerified     whether the login proved it owns {@code email} (a local code login does; a Supabase login
 *                          only when it is not anonymous and says {@code email_verified}); only a proven email
 *                          links a login to an existing customer or makes it an admin
 */
public record Identity(
        @Nullable String userId,
        @Nullable String email,
        @Nullable Long shopifyCustomerId,
        boolean admin,
        boolean emailVerified) {

    public Identity {
        if ((userId == null || userId.isBlank()) && shopifyCustomerId == null) {
            throw new IllegalArgumentException("an identity needs a user id or a Shopify customer id");
        }
    }

    /** An identity whose email is not proven. */
    public Identity(String userId, String email, Long shopifyCustomerId, boolean admin) {
        this(userId, email, shopifyCustomerId, admin, false);
    }
}
