package me.minav3.mma.credits;

import me.minav3.mma.common.PassId;

/**
 * A customer whose edit-tool pool differs from what its ledger and tool runs say it must hold (decision 042):
 * {@code expected} = {@link me.minav3.mma.generation.NewGeneration#POOL_UNITS_PER_MATCHA} × the matcha its
 * {@code tool_pool} rows moved in − the shares of its tool runs that did not fail.
 */
public record PoolDrift(PassId passId, long pool, long expected) {}
