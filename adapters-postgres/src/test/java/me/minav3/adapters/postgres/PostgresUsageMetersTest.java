package me.minav3.adapters.postgres;

import me.minav3.mma.limits.UsageMeters;
import me.minav3.mma.limits.UsageMetersContract;

/** The PostgreSQL usage meters keep the same contract as the in-memory fake, on a real server. */
class PostgresUsageMetersTest extends UsageMetersContract {

    private static final MegaDatabase DB = MegaDatabase.open(TestDatabase.freshUrl(), 10);

    @Override
    protected UsageMeters meters() {
        return DB.usageMeters();
    }
}
