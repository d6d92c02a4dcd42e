package me.minav3.mma.testing;

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
import org.junit.jupiter.api.Nested;

/** The in-memory fake keeps the same contracts as the PostgreSQL adapter. */
class InMemoryMegaContractTest {

    private static final InMemoryMega MEGA = new InMemoryMega();

    @Nested
    class Credits extends CreditsContract {
        @Override
        protected MegaStores newStores() {
            return MEGA.stores();
        }

        @Override
        protected void corruptBalance(PassId passId, long credits) {
            MEGA.corruptBalance(passId, credits);
        }
    }

    @Nested
    class GenerationQueue extends GenerationQueueContract {
        @Override
        protected MegaStores newStores() {
            return MEGA.stores();
        }
    }

    @Nested
    class ToolPool extends me.minav3.mma.generation.ToolPoolContract {
        @Override
        protected MegaStores newStores() {
            return MEGA.stores();
        }
    }

    @Nested
    class Sessions extends SessionsContract {
        @Override
        protected MegaStores newStores() {
            return MEGA.stores();
        }
    }

    @Nested
    class StudioEvents extends StudioEventsContract {
        @Override
        protected MegaStores newStores() {
            return MEGA.stores();
        }
    }

    @Nested
    class Customers extends CustomerStoreContract {
        @Override
        protected MegaStores newStores() {
            return MEGA.stores();
        }
    }

    @Nested
    class Config extends ConfigStoreContract {
        @Override
        protected MegaStores newStores() {
            return MEGA.stores();
        }
    }

    @Nested
    class Costs extends ProviderCostsContract {
        @Override
        protected MegaStores newStores() {
            return MEGA.stores();
        }
    }

    @Nested
    class Audit extends AuditLogContract {
        @Override
        protected MegaStores newStores() {
            return MEGA.stores();
        }
    }

    @Nested
    class TakeBacks extends TakeBackContract {
        @Override
        protected MegaStores newStores() {
            return MEGA.stores();
        }
    }
}
