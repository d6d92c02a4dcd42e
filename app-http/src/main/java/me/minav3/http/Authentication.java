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

/**
 * Runs before every matched route: public routes pass, user routes need a valid bearer token, admin routes an
 * admin one (403 otherwise). The pass id of a login is resolved once a minute, not on every call.
 */
final class Authentication {

    private static final Duration PASS_ID_CACHE = Duration.ofSeconds(60);

    private record Cached(PassId passId, Instant at) {
    }

    private final Tokens tokens;
    private final ResolvePassId passIds;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    Authentication(Tokens tokens, ResolvePassId passIds, Clock clock) {
        this.tokens = tokens;
        this.passIds = passIds;
        this.clock = clock;
    }

    void check(Context ctx) {
        var roles = ctx.routeRoles();
        if (roles.isEmpty() || roles.contains(Api.Access.PUBLIC)) {
            return;
        }
        String token = bearer(ctx);
        if (token == null) {
            throw new AccessDenied(AccessDenied.Reason.UNAUTHENTICATED, "sign in first (Authorization: Bearer <token>)");
        }
        Identity identity = tokens.verify(token);
        if (roles.contains(Api.Access.ADMIN) && !identity.admin()) {
            throw new AccessDenied(AccessDenied.Reason.FORBIDDEN, "this is for admins only");
        }
        ctx.attribute(Caller.ATTRIBUTE, new Caller(identity, passIdOf(identity)));
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

    /**
     * The token from {@code Authorization: Bearer}; streams also accept {@code ?access_token=} because browsers'
     * EventSource cannot set headers (the access log never records query strings).
     */
    private static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).strip();
        }
        if (ctx.path().endsWith("/stream")) {
            return ctx.queryParam("access_token");
        }
        return null;
    }
}
