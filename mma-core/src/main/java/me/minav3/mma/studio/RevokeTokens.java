package me.minav3.mma.studio;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import me.minav3.mma.audit.AuditEntry;
import me.minav3.mma.audit.AuditLog;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.IdGenerator;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.NotFound;

/**
 * Logout and revocation (decision 016): a signed-out token, or any token issued before an admin revoked them all,
 * is refused on every later request, in every process, because the check reads the customer's row each time.
 */
public final class RevokeTokens {

    /**
     * A Supabase session lives on through refreshed tokens; once signed out here, tokens of that session stay
     * refused this long (the page also ends the session at Supabase, so no new tokens should come).
     */
    static final Duration SESSION_REFUSED_FOR = Duration.ofDays(30);

    /**
     * A verified login token as a request presented it.
     *
     * @param tokenId  its stable id ({@code jti}, Supabase {@code session_id}, or a hash of the token)
     * @param issuedAt its {@code iat}, or null when it has none
     * @param session  whether the id names a whole login session rather than one token
     */
    public record Presented(String tokenId, Instant issuedAt, Instant expiresAt, boolean session) {
        public Presented {
            Objects.requireNonNull(tokenId, "token id");
            Objects.requireNonNull(expiresAt, "expiry");
        }
    }

    private final TokenRevocations revocations;
    private final AuditLog audit;
    private final Clock clock;
    private final IdGenerator ids;

    public RevokeTokens(TokenRevocations revocations, AuditLog audit, Clock clock, IdGenerator ids) {
        this.revocations = revocations;
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
    }

    /** Logout: this token (or its session) is refused from now on, at least until it expires. */
    public void logOut(PassId passId, Presented token) {
        Instant now = clock.now();
        Instant until = token.session() && token.expiresAt().isBefore(now.plus(SESSION_REFUSED_FOR))
                ? now.plus(SESSION_REFUSED_FOR)
                : token.expiresAt();
        if (!revocations.revoke(passId, token.tokenId(), until, now)) {
            throw new NotFound("no customer " + passId.value());
        }
    }

    /**
     * Every token of the customer issued until now is refused, audited. {@code iat} counts whole seconds, so the
     * current second is included: a login in the same second as the revocation has to sign in again.
     */
    public Instant revokeAll(PassId passId, Actor actor) {
        Instant now = clock.now();
        Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS);
        if (!revocations.revokeAll(passId, notBefore, now)) {
            throw new NotFound("no customer " + passId.value());
        }
        audit.record(new AuditEntry(
                "admin_audit:" + ids.newId(),
                actor.id(),
                "auth.revoke_all",
                actor.route(),
                actor.method(),
                200,
                Json.obj("pass_id", passId.value(), "not_before", notBefore.toString()),
                now));
        return notBefore;
    }

    /** What one read of the customer's row says about a presented token. */
    public enum Verdict {
        ALLOWED,
        /** Signed out or revoked: sign in again (401). */
        SIGNED_OUT,
        /** The account is disabled (or deleted): no token of it is accepted (403). */
        ACCOUNT_DISABLED
    }

    /** The token's verdict from one read of the customer's row: disabled accounts first, then revocations. */
    public Verdict verdict(PassId passId, Presented token) {
        return revocations
                .state(passId, token.tokenId())
                .map(state -> {
                    if (state.accountDisabled()) {
                        return Verdict.ACCOUNT_DISABLED;
                    }
                    boolean revoked = state.tokenRevoked()
                            || state.notBefore() != null
                                    && (token.issuedAt() == null
                                            || !token.issuedAt().isAfter(state.notBefore()));
                    return revoked ? Verdict.SIGNED_OUT : Verdict.ALLOWED;
                })
                .orElse(Verdict.ALLOWED);
    }
}
