package me.minav3.mma.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import me.minav3.mma.domain.PassId;
import me.minav3.mma.domain.SessionInfo;
import me.minav3.mma.testing.MegaStores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What every {@link Sessions} keeps: a customer's latest studio session. Runs against the fake and PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SessionsContract {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    protected MegaStores stores;

    protected abstract MegaStores newStores();

    @BeforeAll
    void createStores() {
        stores = newStores();
    }

    private PassId customerWith(long credits) {
        return ContractData.customerWith(stores.credits(), credits, T0);
    }

    @Test
    void theLatestSessionIsFound() {
        PassId passId = customerWith(1);
        stores.sessions().open(new SessionInfo("s-" + UUID.randomUUID(), passId, T0));
        String latest = "s-" + UUID.randomUUID();
        stores.sessions().open(new SessionInfo(latest, passId, T0.plusSeconds(3600)));

        assertThat(stores.sessions().latest(passId)).get().extracting(SessionInfo::id).isEqualTo(latest);
        assertThat(stores.sessions().latest(PassId.user("nobody-" + UUID.randomUUID().toString().substring(0, 8)))).isEmpty();
    }

}
