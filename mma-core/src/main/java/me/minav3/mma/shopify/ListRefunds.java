package me.minav3.mma.shopify;

import java.util.List;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.Credits;
import me.minav3.mma.credits.TakeBackRecord;
import me.minav3.mma.customers.CustomerStore;
import me.minav3.mma.error.NotFound;
import org.jspecify.annotations.Nullable;

/** The console's read of Shopify refund lines: what each owed, took back and could not take back (decision 029). */
public final class ListRefunds {

    /** The most records one read returns. */
    public static final int MAX = 500;

    private final Credits credits;
    private final CustomerStore customers;

    public ListRefunds(Credits credits, CustomerStore customers) {
        this.credits = credits;
        this.customers = customers;
    }

    /** Newest first; one customer's when {@code passId} is given ({@link NotFound} for a customer that does not exist). */
    public List<TakeBackRecord> list(@Nullable PassId passId, int limit) {
        if (passId != null && customers.find(passId).isEmpty()) {
            throw new NotFound("no customer " + passId.value());
        }
        return credits.takeBacks(passId, Math.max(1, Math.min(limit, MAX)));
    }
}
