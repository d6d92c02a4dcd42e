package me.minav3.mma.studio;

/**
 * Who a verified login token says the caller is.
 *
 * @param userId            the login's user id (Supabase {@code sub}, or the local login's id)
 * @param shopifyCustomerId a Shopify customer id when the login carries one, else null
 */
public record Identity(String userId, String email, Long shopifyCustomerId, boolean admin) {

    public Identity {
        if ((userId == null || userId.isBlank()) && shopifyCustomerId == null) {
            throw new IllegalArgumentException("an identity needs a user id or a Shopify customer id");
        }
    }
}
