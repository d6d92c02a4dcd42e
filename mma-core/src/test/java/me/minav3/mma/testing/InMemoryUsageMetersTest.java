package me.minav3.mma.testing;

import me.minav3.mma.limits.UsageMeters;
import me.minav3.mma.limits.UsageMetersContract;

/** The in-memory usage meters keep the same contract as the PostgreSQL adapter. */
class InMemoryUsageMetersTest extends UsageMetersContract {

    private final InMemoryUsageMeters meters = new InMemoryUsageMeters();

    @Override
    protected UsageMeters meters() {
        return meters;
    }
}
