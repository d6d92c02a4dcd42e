package me.minav3.mma.credits;

import java.time.Duration;
import java.time.Instant;
import me.minav3.mma.customers.Customer;

/**
 * Spec §5.2: purchased matcha expires 30 days after the latest purchase; free or test matcha expires 30 days
 * after the account was created. An expiry only ever moves later (a late replay of an old order cannot shorten
 * it), and expired matcha cannot be spent.
 */
public final class ExpiryPolicy {

    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(30);

    private final Duration validity;

    public ExpiryPolicy(Duration validity) {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("credit validity must be positive");
        }
        this.validity = validity;
    }

    public ExpiryPolicy() {
        this(DEFAULT_VALIDITY);
    }

    /** The expiry a grant of this kind earns for this customer at this moment. */
    public Instant expiryFor(CreditReason reason, Customer customer, Instant at) {
        return switch (reason) {
            case PURCHASE -> at.plus(validity);
            case GRANT -> customer.createdAt().plus(validity);
            // An admin's upward correction is usable for a full validity from now (decision 027).
            case ADJUSTMENT -> at.plus(validity);
            default ->
                throw new IllegalArgumentException(
                        "only purchases, grants and adjustments earn an expiry, not " + reason.wire());
        };
    }

    /** The later of the stored expiry and the earned one. */
    public Instant extend(Instant current, Instant earned) {
        return current == null || earned.isAfter(current) ? earned : current;
    }

    public boolean canSpend(Customer customer, Instant now) {
        return !customer.isExpiredAt(now);
    }

    public Duration validity() {
        return validity;
    }
}
