package me.minav3.mma.credits;

import java.time.Instant;
import java.util.List;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.PassId;
import me.minav3.mma.customers.Customer;
import me.minav3.mma.customers.CustomerStore;
import me.minav3.mma.error.NotFound;
import org.jspecify.annotations.Nullable;

/** Reads a balance and its history; an expired balance is zeroed (by its own ledger row) on the way. */
public final class CreditBalance {

    /** What a customer holds right now. */
    public record Balance(
            PassId passId, long credits, @Nullable Instant expiresAt, boolean expired) {}

    private final CustomerStore customers;
    private final Credits credits;
    private final Clock clock;

    public CreditBalance(CustomerStore customers, Credits credits, Clock clock) {
        this.customers = customers;
        this.credits = credits;
        this.clock = clock;
    }

    public Balance of(PassId passId) {
        Instant now = clock.now();
        credits.expireIfDue(passId, now);
        Customer customer = customers.find(passId).orElseThrow(() -> new NotFound("no customer " + passId.value()));
        return new Balance(passId, customer.credits(), customer.expiresAt(), customer.isExpiredAt(now));
    }

    public List<CreditTransaction> history(PassId passId, int limit) {
        if (customers.find(passId).isEmpty()) {
            throw new NotFound("no customer " + passId.value());
        }
        return credits.history(passId, Math.max(1, Math.min(limit, 1000)));
    }
}
