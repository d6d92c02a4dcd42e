package me.minav3.mma.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import me.minav3.mma.audit.AuditEntry;
import me.minav3.mma.audit.AuditLog;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.testing.MutableClock;
import me.minav3.mma.testing.SequentialIds;
import org.junit.jupiter.api.Test;

class RevokeTokensTest {

    private static final PassId ALICE = PassId.user("alice");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00.400Z"));
    private final Rows rows = new Rows();
    private final List<AuditEntry> audit = new ArrayList<>();
    private final RevokeTokens revoke = new RevokeTokens(
            rows,
            new AuditLog() {
                @Override
                public void record(AuditEntry entry) {
                    audit.add(entry);
                }

                @Override
                public List<AuditEntry> recent(int limit) {
                    return audit;
                }
            },
            clock,
            new SequentialIds());

    @Test
    void aSignedOutTokenIsRefusedAndAnotherTokenOfTheSameCustomerIsNot() {
        rows.customers.put(ALICE, new Row());
        var token = token("jti:a", clock.now().minusSeconds(60));

        revoke.logOut(ALICE, token);

        assertThat(revoke.verdict(ALICE, token)).isEqualTo(RevokeTokens.Verdict.SIGNED_OUT);
        assertThat(revoke.verdict(ALICE, token("jti:b", clock.now().minusSeconds(60))))
                .isEqualTo(RevokeTokens.Verdict.ALLOWED);
        assertThat(rows.customers.get(ALICE).revoked).containsEntry("jti:a", token.expiresAt());
    }

    @Test
    void aSignedOutSessionStaysRefusedLongerThanItsShortLivedToken() {
        rows.customers.put(ALICE, new Row());
        var token =
                new RevokeTokens.Presented("sid:s1", clock.now(), clock.now().plusSeconds(3600), true);

        revoke.logOut(ALICE, token);

        assertThat(rows.customers.get(ALICE).revoked.get("sid:s1"))
                .isEqualTo(clock.now().plus(RevokeTokens.SESSION_REFUSED_FOR));
    }

    @Test
    void revokingAllRefusesEveryTokenIssuedUpToThisSecondAndIsAudited() {
        rows.customers.put(ALICE, new Row());
        var before = token("jti:old", Instant.parse("2026-12-05T09:00:00Z"));
        var sameSecond = token("jti:same", Instant.parse("2026-12-05T10:00:00Z"));
        var noIssueTime = token("jti:none", null);

        revoke.revokeAll(ALICE, Actor.cli("auth revoke"));
        clock.advance(Duration.ofSeconds(1));
        var after = token("jti:new", Instant.parse("2026-12-05T10:00:01Z"));

        assertThat(revoke.verdict(ALICE, before)).isEqualTo(RevokeTokens.Verdict.SIGNED_OUT);
        assertThat(revoke.verdict(ALICE, sameSecond)).isEqualTo(RevokeTokens.Verdict.SIGNED_OUT);
        assertThat(revoke.verdict(ALICE, noIssueTime)).isEqualTo(RevokeTokens.Verdict.SIGNED_OUT);
        assertThat(revoke.verdict(ALICE, after)).isEqualTo(RevokeTokens.Verdict.ALLOWED);
        assertThat(audit).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("auth.revoke_all");
            assertThat(entry.actor()).startsWith("cli:");
            assertThat(entry.detail()).containsEntry("pass_id", ALICE.value());
        });
    }

    @Test
    void anUnknownCustomerIsNotFoundAndNothingIsAudited() {
        assertThatThrownBy(() -> revoke.revokeAll(ALICE, Actor.SYSTEM)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> revoke.logOut(ALICE, token("jti:a", clock.now())))
                .isInstanceOf(NotFound.class);
        assertThat(audit).isEmpty();
        assertThat(revoke.verdict(ALICE, token("jti:a", clock.now()))).isEqualTo(RevokeTokens.Verdict.ALLOWED);
    }

    private RevokeTokens.Presented token(String id, Instant issuedAt) {
        return new RevokeTokens.Presented(id, issuedAt, clock.now().plusSeconds(7200), false);
    }

    private static final class Row {
        Instant notBefore;
        final Map<String, Instant> revoked = new HashMap<>();
    }

    private static final class Rows implements TokenRevocations {
        final Map<PassId, Row> customers = new HashMap<>();

        @Override
        public Optional<State> state(PassId passId, String tokenId) {
            return Optional.ofNullable(customers.get(passId))
                    .map(r -> new State(r.notBefore, r.revoked.containsKey(tokenId)));
        }

        @Override
        public boolean revoke(PassId passId, String tokenId, Instant refusedUntil, Instant now) {
            Row row = customers.get(passId);
            if (row == null) {
                return false;
            }
            row.revoked.values().removeIf(until -> !until.isAfter(now));
            row.revoked.put(tokenId, refusedUntil);
            return true;
        }

        @Override
        public boolean revokeAll(PassId passId, Instant notBefore, Instant now) {
            Row row = customers.get(passId);
            if (row == null) {
                return false;
            }
            row.notBefore = row.notBefore == null || notBefore.isAfter(row.notBefore) ? notBefore : row.notBefore;
            return true;
        }
    }
}
