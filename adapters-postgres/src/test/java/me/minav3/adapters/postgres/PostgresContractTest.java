package me.minav3.adapters.postgres;

import java.sql.SQLException;
import me.minav3.mma.domain.PassId;
import me.minav3.mma.port.AuditLogContract;
import me.minav3.mma.port.ConfigStoreContract;
import me.minav3.mma.port.CustomerStoreContract;
import me.minav3.mma.port.GenerationLedgerContract;
import me.minav3.mma.port.LedgerCreditsContract;
import me.minav3.mma.testing.MegaStores;
import org.junit.jupiter.api.Nested;

/** The PostgreSQL adapter keeps the same contracts as the in-memory fake, on a real server. */
class PostgresContractTest {

    private static final DatabaseUrl URL = TestDatabase.freshUrl();
    private static final MegaDatabase DB = MegaDatabase.open(URL, 70);

    private static MegaStores stores() {
        return new MegaStores(DB.customers(), DB.ledger(), DB.config(), DB.audit());
    }

    @Nested
    class Ledger extends LedgerCreditsContract {
        @Override
        protected MegaStores newStores() {
            return stores();
        }

        @Override
        protected void corruptBalance(PassId passId, long credits) {
            try {
                TestDatabase.execute(URL, "UPDATE public.mega_customers SET mg_credits = " + credits
                        + " WHERE mg_pass_id = '" + passId.value() + "'");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Nested
    class Generations extends GenerationLedgerContract {
        @Override
        protected MegaStores newStores() {
            return stores();
        }
    }

    @Nested
    class Customers extends CustomerStoreContract {
        @Override
        protected MegaStores newStores() {
            return stores();
        }
    }

    @Nested
    class Config extends ConfigStoreContract {
        @Override
        protected MegaStores newStores() {
            return stores();
        }
    }

    @Nested
    class Audit extends AuditLogContract {
        @Override
        protected MegaStores newStores() {
            return stores();
        }
    }
}
