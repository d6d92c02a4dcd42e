package me.minav3.adapters.postgres;

import java.sql.SQLException;
import me.minav3.mma.audit.AuditLogContract;
import me.minav3.mma.common.PassId;
import me.minav3.mma.config.ConfigStoreContract;
import me.minav3.mma.credits.CreditsContract;
import me.minav3.mma.credits.TakeBackContract;
import me.minav3.mma.customers.CustomerStoreContract;
import me.minav3.mma.generation.GenerationQueueContract;
import me.minav3.mma.pricing.ProviderCostsContract;
import me.minav3.mma.studio.SessionsContract;
import me.minav3.mma.studio.StudioEventsContract;
import me.minav3.mma.testing.MegaStores;
import org.junit.jupiter.api.Nested;

/** The PostgreSQL adapter keeps the same contracts as the in-memory fake, on a real server. */
class PostgresContractTest {

    private static final DatabaseUrl URL = TestDatabase.freshUrl();
    private static final MegaDatabase DB = MegaDatabase.open(URL, 70);

    private static MegaStores stores() {
        return PostgresStores.of(DB);
    }

    @Nested
    class Credits extends CreditsContract {
        @Override
        protected MegaStores newStores() {
            return stores();
        }

        @Override
        protected void corruptBalance(PassId passId, long credits) {
            try {
                TestDatabase.execute(
                        URL,
                        "UPDATE public.mega_customers SET mg_credits = " + credits + " WHERE mg_pass_id = '"
                                + passId.value() + "'");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Nested
    class GenerationQueue extends GenerationQueueContract {
        @Override
        protected MegaStores newStores() {
            return stores();
        }
    }

    @Nested
    class ToolPool extends me.minav3.mma.generation.ToolPoolContract {
        @Override
        protected MegaStores newStores() {
            return stores();
        }
    }

    @Nested
    class Sessions extends SessionsContract {
        @Override
        protected MegaStores newStores() {
            return stores();
        }
    }

    @Nested
    class StudioEvents extends StudioEventsContract {
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
    class Costs extends ProviderCostsContract {
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

    @Nested
    class TakeBacks extends TakeBackContract {
        @Override
        protected MegaStores newStores() {
            return stores();
        }
    }
}
