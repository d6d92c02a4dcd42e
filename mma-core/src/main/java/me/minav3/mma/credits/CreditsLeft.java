package me.minav3.mma.credits;

import me.minav3.mma.common.PassId;
import me.minav3.mma.customers.CustomerStore;

/** The balance as stored right now (0 for no customer), without expiring anything: what a finished run reports. */
public final class CreditsLeft {

    private final CustomerStore customers;

    public CreditsLeft(CustomerStore customers) {
        this.customers = customers;
    }

    public long of(PassId passId) {
        return customers.find(passId).map(c -> c.credits()).orElse(0L);
    }
}
