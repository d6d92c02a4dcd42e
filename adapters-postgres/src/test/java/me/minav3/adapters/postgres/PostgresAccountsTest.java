package me.minav3.adapters.postgres;

import me.minav3.mma.accounts.Accounts;
import me.minav3.mma.accounts.AccountsContract;
import me.minav3.mma.testing.MegaStores;

/** The account lifecycle contract on a real PostgreSQL (the V5 erasure exception of the history guards included). */
class PostgresAccountsTest extends AccountsContract {

    private static final MegaDatabase DB = MegaDatabase.open(TestDatabase.freshUrl(), 20);

    @Override
    protected MegaStores newStores() {
        return PostgresStores.of(DB);
    }

    @Override
    protected Accounts accounts() {
        return DB.accounts();
    }
}
