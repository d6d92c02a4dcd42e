package me.minav3.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.AccessDenied;
import me.minav3.mma.studio.Identity;
import me.minav3.mma.studio.ResolvePassId;
import me.minav3.mma.studio.RevokeTokens;
import org.jspecify.annotations.Nullable;

/**
 * Runs before every matched route: public routes pass, user routes need a valid bearer token, admin routes an
 * admin one (403 otherwise). The pass id of a login is resolved once a minute, not on every call; whether the token
 * was signed out or revoked is read on every call (decision 016), so a logout holds at once on every server. A
 * generation's stream also opens with its stream ticket ({@code ?ticket=}); a token in the URL works nowhere.
 */
final class Authentication {

    private static final Duration PASS_ID_CACHE = Duration.ofSeconds(60);
    /** The request's login token as revocation sees it ({@link RevokeTokens.Presented}). */
    static final String LOGIN = "mina.login";

    private record Cached(PassId passId, Instant at) {}

    private final Tokens tokens;
    private final ResolvePassId passIds;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final RevokeTokens revokeTokens;
    private final StreamTickets tickets;

    Authentication(Tokens tokens, ResolvePassId passIds, Clock clock, TokenRoutes logins) {
        this.tokens = tokens;
        this.passIds = passIds;
        this.clock = clock;
        this.revokeTokens = logins.revokeTokens();
        this.tickets = logins.tickets();
    }

    void check(Context ctx) {
        var roles = ctx.routeRoles();
        if (roles.isEmpty() || roles.contains(Api.Access.PUBLIC)) {
            return;
        }
        String token = bearer(ctx);
        if (token == null && ticketed(ctx)) {
            return;
        }
        if (token == null) {
            throw new AccessDenied(
                    AccessDenied.Reason.UNAUTHENTICATED, "sign in first (Authorization: Bearer <token>)");
        }
        Tokens.Proof proof = tokens.prove(token);
        Identity identity = proof.identity();
        if (roles.contains(Api.Access.ADMIN) && !identity.admin()) {
            throw new AccessDenied(AccessDenied.Reason.FORBIDDEN, "this is for admins only");
        }
        PassId passId = passIdOf(identity);
        RevokeTokens.Verdict verdict = revokeTokens.verdict(passId, proof.token());
        if (verdict == RevokeTokens.Verdict.ACCOUNT_DISABLED) {
            // A cached account may have been deleted since: the same login now has a new account (decision 022).
            cache.remove(key(identity));
            passId = passIdOf(identity);
            verdict = revokeTokens.verdict(passId, proof.token());
        }
        refuse(verdict);
        Caller caller = new Caller(identity, passId);
        ctx.attribute(Caller.ATTRIBUTE, caller);
        ctx.attribute(LOGIN, proof.token());
    }

    /** A generation's stream opened with its ticket: the caller is the ticket's, if its login still holds. */
    private boolean ticketed(Context ctx) {
        String ticket = ctx.queryParam("ticket");
        String template = Routes.template(ctx);
        if (ticket == null || !(StreamRoutes.PATH.equals(template) || StreamRoutes.BALANCE_PATH.equals(template))) {
            return false;
        }
        StreamTickets.Ticket valid = StreamRoutes.BALANCE_PATH.equals(template)
                ? tickets.verify(ticket, StreamTickets.BALANCE)
                : tickets.verify(ticket, StudioRoutes.id(ctx));
        refuseRevoked(valid.passId(), valid.login());
        ctx.attribute(Caller.ATTRIBUTE, new Caller(valid.identity(), valid.passId()));
        ctx.attribute(LOGIN, valid.login()); // the stream ends when this login is signed out
        return true;
    }

    private void refuseRevoked(PassId passId, RevokeTokens.Presented token) {
        refuse(revokeTokens.verdict(passId, token));
    }

    private static void refuse(RevokeTokens.Verdict verdict) {
        switch (verdict) {
            case ALLOWED -> {}
            case SIGNED_OUT ->
                throw new AccessDenied(AccessDenied.Reason.UNAUTHENTICATED, "this token was signed out; sign in again");
            case ACCOUNT_DISABLED -> throw new AccessDenied(AccessDenied.Reason.FORBIDDEN, "this account is disabled");
        }
    }

    /** Forgets cached pass ids (e.g. after a login linked a purchase to a user). */
    void forget(Identity identity) {
        cache.remove(key(identity));
    }

    /**
     * For a request {@link #check} refused (403) or no route matched: the caller when it carries a valid token,
     * else nothing. Lets the admin audit name a signed-in caller it refused.
     */
    void identifyIfSignedIn(Context ctx) {
        if (ctx.attribute(Caller.ATTRIBUTE) != null) {
            return;
        }
        String token = bearer(ctx);
        if (token == null) {
            return;
        }
        try {
            Identity identity = tokens.verify(token);
            ctx.attribute(Caller.ATTRIBUTE, new Caller(identity, passIdOf(identity)));
        } catch (AccessDenied notSignedIn) {
            // an invalid token is an anonymous caller
        }
    }

    private PassId passIdOf(Identity identity) {
        Instant now = clock.now();
        String key = key(identity);
        Cached cached = cache.get(key);
        if (cached != null && cached.at().plus(PASS_ID_CACHE).isAfter(now)) {
            return cached.passId();
        }
        PassId passId = passIds.resolve(identity, now).passId();
        cache.put(key, new Cached(passId, now));
        return passId;
    }

    private static String key(Identity identity) {
        return identity.userId() + "\n" + identity.email();
    }

    /** The token from {@code Authorization: Bearer}, and from nowhere else (never the URL). */
    private static @Nullable String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).strip();
        }
        return null;
    }
}
