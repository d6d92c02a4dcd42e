package me.minav3.mma.testing;

import me.minav3.mma.studio.LoginCodes;
import me.minav3.mma.studio.LoginCodesContract;

/** The in-memory login codes keep the same contract as the PostgreSQL adapter. */
class InMemoryLoginCodesTest extends LoginCodesContract {

    private final InMemoryLoginCodes codes = new InMemoryLoginCodes();

    @Override
    protected LoginCodes loginCodes() {
        return codes;
    }
}
