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

        assertThat(stores.sessions().latest(passId))
                .get()
                .extracting(SessionInfo::id)
                .isEqualTo(latest);
        assertThat(stores.sessions()
                        .latest(PassId.user(
                                "nobody-" + UUID.randomUUID().toString().substring(0, 8))))
                .isEmpty();
    }

    @Test
    void endingRecordsWhenEveryOpenSessionEndedAndKeepsEarlierEnds() {
        PassId passId = customerWith(1);
        PassId other = customerWith(1);
        String first = "s-" + UUID.randomUUID();
        String second = "s-" + UUID.randomUUID();
        String theirs = "s-" + UUID.randomUUID();
        stores.sessions().open(new SessionInfo(first, passId, T0));
        stores.sessions().open(new SessionInfo(theirs, other, T0));
        assertThat(stores.sessions().endOpen(passId, T0.plusSeconds(60), SessionEnd.IDLE))
                .containsExactly(first);
        stores.sessions().open(new SessionInfo(second, passId, T0.plusSeconds(3600)));

        assertThat(stores.sessions().endOpen(passId, T0.plusSeconds(7200), SessionEnd.REENTERED))
                .containsExactly(second);

        assertThat(stores.sessions().latest(passId))
                .get()
                .extracting(SessionInfo::endedAt)
                .isEqualTo(T0.plusSeconds(7200));
        assertThat(stores.sessions().endOpen(passId, T0.plusSeconds(9000), SessionEnd.REENTERED))
                .isEmpty();
        assertThat(stores.sessions().latest(other))
                .get()
                .extracting(SessionInfo::ended)
                .isEqualTo(false);
    }
}
