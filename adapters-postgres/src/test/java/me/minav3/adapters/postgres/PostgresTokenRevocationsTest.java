package me.minav3.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import me.minav3.mma.common.PassId;
import me.minav3.mma.customers.CustomerProfile;
import me.minav3.mma.studio.TokenRevocations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Revocations live on the customer's row: one token id until its time passes, and a "not before" that only moves on. */
class PostgresTokenRevocationsTest {

    private static final MegaDatabase DB = TestDatabase.fresh();
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @AfterAll
    static void close() {
        DB.close();
    }

    @Test
    void aRevokedTokenIsSeenAndEntriesPastTheirTimeAreDropped() throws Exception {
        PassId alice = customer("alice");
        TokenRevocations revocations = DB.tokenRevocations();

        assertThat(revocations.revoke(alice, "jti:old", NOW.plusSeconds(60), NOW))
                .isTrue();
        assertThat(revocations.revoke(alice, "jti:new", NOW.plusSeconds(7200), NOW.plusSeconds(120)))
                .isTrue();

        assertThat(revocations.state(alice, "jti:new")).contains(new TokenRevocations.State(null, true));
        assertThat(revocations.state(alice, "jti:other")).contains(new TokenRevocations.State(null, false));
        assertThat(revocations.state(alice, "jti:old")).contains(new TokenRevocations.State(null, false));
        assertThat(revocations.state(PassId.user("nobody"), "jti:new")).isEmpty();
    }

    @Test
    void revokeAllNeverMovesTheInstantBackAndNeedsTheCustomer() {
        PassId bob = customer("bob");
        TokenRevocations revocations = DB.tokenRevocations();

        assertThat(revocations.revokeAll(bob, NOW, NOW)).isTrue();
        assertThat(revocations.revokeAll(bob, NOW.minusSeconds(3600), NOW)).isTrue();

        assertThat(revocations.state(bob, "jti:x")).contains(new TokenRevocations.State(NOW, false));
        assertThat(revocations.revokeAll(PassId.user("nobody-else"), NOW, NOW)).isFalse();
        assertThat(revocations.revoke(PassId.user("nobody-else"), "jti:x", NOW, NOW))
                .isFalse();
    }

    private static PassId customer(String user) {
        PassId passId = PassId.user(user);
        DB.customers().ensure(passId, CustomerProfile.NONE, NOW);
        return passId;
    }
}
