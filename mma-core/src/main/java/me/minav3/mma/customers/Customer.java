package me.minav3.mma.customers;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;

/** One MEGA_CUSTOMERS row: the fast balance, expiry, identity links and the preference snapshot. */
public record Customer(
        PassId passId,
        long credits,
        Instant expiresAt,
        Instant lastActive,
        String email,
        String userId,
        Long shopifyCustomerId,
        Preferences preferences,
        Instant preferencesUpdatedAt,
        Map<String, Object> meta,
        Instant createdAt,
        Instant updatedAt,
        boolean disabled) {

    public Customer {
        Objects.requireNonNull(passId, "pass id");
        Objects.requireNonNull(createdAt, "created at");
        preferences = preferences == null ? Preferences.NONE : preferences;
        meta = Json.copy(meta);
        if (credits < 0) {
            throw new IllegalArgumentException("a balance is never negative");
        }
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
