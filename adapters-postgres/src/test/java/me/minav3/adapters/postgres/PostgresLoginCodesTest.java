package me.minav3.adapters.postgres;

import me.minav3.mma.studio.LoginCodes;
import me.minav3.mma.studio.LoginCodesContract;

/** The PostgreSQL login codes keep the same contract as the in-memory fake, on a real server. */
class PostgresLoginCodesTest extends LoginCodesContract {

    private static final MegaDatabase DB = MegaDatabase.open(TestDatabase.freshUrl(), 10);

    @Override
    protected LoginCodes loginCodes() {
        return DB.loginCodes();
    }
}
