package me.minav3.mma.credits;

import me.minav3.mma.common.PassId;

/**
 * A customer whose fast balance differs from the sum of its ledger deltas (a broken invariant).
 *
 * @param ledgerRows the customer's number of credit rows, which keys a correction's id
 */
public record BalanceDrift(PassId passId, long balance, long ledgerSum, long ledgerRows) {

    public long difference() {
        return balance - ledgerSum;
    }
}
