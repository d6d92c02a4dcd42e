package me.minav3.mma.limits;

import java.time.Instant;
import java.util.List;
import me.minav3.mma.common.PassId;

/** Per-customer usage counters in fixed windows, and expiring open-stream slots, shared by every process. */
public interface UsageMeters {

    /**
     * Adds every charge to its meter in the customer's {@code counter}, in one atomic step, when each stays within
     * its cap; otherwise adds nothing. Charges of one counter always come together (same meters, same windows).
     */
    Metering take(PassId passId, String counter, List<MeterCharge> charges, Instant now);

    /**
     * Holds {@code slot} until {@code until} when fewer than {@code cap} unexpired slots of the customer are held;
     * false (nothing held) otherwise. Expired slots are dropped on the way.
     */
    boolean holdSlot(PassId passId, String slot, int cap, Instant now, Instant until);

    /** Gives {@code slot} back; a slot already gone is no fault. */
    void releaseSlot(PassId passId, String slot);
}
