package me.minav3.mma.customers;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import me.minav3.mma.common.PassId;
import org.jspecify.annotations.Nullable;

/** MEGA_CUSTOMERS: one row per pass id. Balances change only through {@link Credits}. */
public interface CustomerStore {

    /**
     * Creates the customer if missing (zero credits) and fills identity facts it did not have yet; never
     * overwrites a stored fact with a missing one. Safe under concurrent calls for the same pass id.
     */
    Customer ensure(PassId passId, CustomerProfile profile, Instant now);

    Optional<Customer> find(PassId passId);

    Optional<Customer> findByEmail(String email);

    Optional<Customer> findByShopifyCustomerId(long shopifyCustomerId);

    /** The customer whose login user id (e.g. the Supabase {@code sub}) is this one. */
    Optional<Customer> findByUserId(String userId);

    /**
     * Replaces {@code mg_meta[key]} only if it currently equals {@code expected} (null: absent); returns whether
     * it did. Lets a login challenge count attempts without a race.
     */
    boolean compareAndSetMeta(
            PassId passId,
            String key,
            @Nullable Map<String, Object> expected,
            Map<String, Object> replacement,
            Instant at);

    /** Records "last seen" ({@code mg_last_active}). */
    void touch(PassId passId, Instant at);

    /** Replaces the preference snapshot; returns the stored customer. */
    Customer savePreferences(PassId passId, Preferences preferences, Instant at);

    /**
     * The console's customer search, in pass id order after {@code afterPassId} (null for the start): customers whose
     * email starts with {@code text} (any case), whose pass id is {@code text} or {@code pass:…:text}, or whose Shopify
     * customer id is {@code text}.
     */
    List<Customer> search(String text, @Nullable PassId afterPassId, int limit);

    /** Customers in pass id order after {@code afterPassId} (null for the start), for admin lists and jobs. */
    List<Customer> list(PassId afterPassId, int limit);
}
