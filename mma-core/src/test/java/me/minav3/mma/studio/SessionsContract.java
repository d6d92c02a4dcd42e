package me.minav3.mma.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import me.minav3.mma.common.PassId;
import me.minav3.mma.testing.MegaContract;
import org.junit.jupiter.api.Test;

/** What every {@link Sessions} keeps: a customer's latest studio session. Runs against the fake and PostgreSQL. */
public abstract class SessionsContract extends MegaContract {

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
