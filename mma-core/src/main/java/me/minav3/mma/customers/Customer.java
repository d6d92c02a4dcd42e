package me.minav3.mma.customers;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import org.jspecify.annotations.Nullable;

/**
 * One MEGA_CUSTOMERS row: the fast balance, expiry, identity links and the preference snapshot.
 *
 * @param disabled  an admin disabled the account (or it was deleted): its logins are refused
 * @param deletedAt when the account was deleted (its personal data erased, decision 022); null for a live account
 */
public record Customer(
        PassId passId,
        long credits,
        @Nullable Instant expiresAt,
        @Nullable Instant lastActive,
        @Nullable String email,
        @Nullable String userId,
        @Nullable Long shopifyCustomerId,
        Preferences preferences,
        @Nullable Instant preferencesUpdatedAt,
        Map<String, Object> meta,
        Instant createdAt,
        @Nullable Instant updatedAt,
        boolean disabled,
        @Nullable Instant deletedAt) {

    public Customer {
        Objects.requireNonNull(passId, "pass id");
        Objects.requireNonNull(createdAt, "created at");
        preferences = preferences == null ? Preferences.NONE : preferences;
        meta = Json.copy(meta);
        if (credits < 0) {
            throw new IllegalArgumentException("a balance is never negative");
        }
    }

    /** A row of an account that was never deleted. */
    public Customer(
            PassId passId,
            long credits,
            @Nullable Instant expiresAt,
            @Nullable Instant lastActive,
            @Nullable String email,
            @Nullable String userId,
            @Nullable Long shopifyCustomerId,
            Preferences preferences,
            @Nullable Instant preferencesUpdatedAt,
            Map<String, Object> meta,
            Instant createdAt,
            @Nullable Instant updatedAt,
            boolean disabled) {
        this(
                passId,
                credits,
                expiresAt,
                lastActive,
                email,
                userId,
                shopifyCustomerId,
                preferences,
                preferencesUpdatedAt,
                meta,
                createdAt,
                updatedAt,
                disabled,
                null);
    }

    /** Whether the account was deleted: nobody signs in to it again (a new sign-in starts a new account). */
    public boolean deleted() {
        return deletedAt != null;
    }

    public Optional<Instant> expiry() {
        return Optional.ofNullable(expiresAt);
    }

    /** Credits past their expiry cannot be spent. */
    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /** What can be spent right now. */
    public long spendableAt(Instant now) {
        return isExpiredAt(now) ? 0 : credits;
    }
}
