package me.minav3.http;

import io.javalin.http.Context;
import java.util.function.Consumer;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.AccessDenied;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.generation.FindGeneration;
import me.minav3.mma.studio.RevokeTokens;

/** Issue 16: logout, an admin's "revoke every token of a customer", and stream tickets (decision 016). */
public final class TokenRoutes {

    private final RevokeTokens revokeTokens;
    private final StreamTickets tickets;
    private final FindGeneration generations;
    private final Consumer<PassId> signedOut;

    /** @param signedOut told after a logout or revoke-all here (this server's streams of that customer end) */
    public TokenRoutes(
            RevokeTokens revokeTokens, StreamTickets tickets, FindGeneration generations, Consumer<PassId> signedOut) {
        this.revokeTokens = revokeTokens;
        this.tickets = tickets;
        this.generations = generations;
        this.signedOut = signedOut;
    }

    void register(Api api) {
        api.post(
                "/api/auth/logout",
                Api.Access.USER,
                "auth",
                "Sign out: the presented token is refused from now on, " + "on every server",
                Api.Doc.of().id("logout").noContent(204),
                this::logout);
        api.post(
                "/api/generations/{id}/stream-ticket",
                Api.Access.USER,
                "studio",
                "A ticket to open this generation's "
                        + "stream as ?ticket= (valid 60 s, this generation and caller only)",
                Api.Doc.of().id("streamTicket").json(200, "StreamTicket").problems(404),
                this::streamTicket);
        api.post(
                "/api/me/balance/stream-ticket",
                Api.Access.USER,
                "shopify",
                "A ticket to open my balance stream as ?ticket= (valid 60 s, this caller only)",
                Api.Doc.of().id("balanceStreamTicket").json(200, "StreamTicket"),
                this::balanceTicket);
        api.post(
                "/api/admin/customers/{pass_id}/revoke-tokens",
                Api.Access.ADMIN,
                "admin",
                "Refuse every login " + "token of a customer issued until now",
                Api.Doc.of().id("revokeTokens").json(200, "TokensRevoked").problems(404, 422),
                this::revokeAll);
    }

    RevokeTokens revokeTokens() {
        return revokeTokens;
    }

    StreamTickets tickets() {
        return tickets;
    }

    private void logout(Context ctx) {
        PassId passId = Caller.of(ctx).passId();
        revokeTokens.logOut(passId, login(ctx));
        signedOut.accept(passId);
        ctx.status(204);
    }

    private void balanceTicket(Context ctx) {
        String ticket = tickets.issue(Caller.of(ctx), login(ctx), StreamTickets.BALANCE);
        ctx.json(Json.obj(
                "ticket",
                ticket,
                "expires_in",
                StreamTickets.TTL.toSeconds(),
                "stream_url",
                StreamRoutes.BALANCE_PATH + "?ticket=" + ticket));
    }

    private void streamTicket(Context ctx) {
        Caller caller = Caller.of(ctx);
        GenerationId id = StudioRoutes.id(ctx);
        generations.owned(id, caller.passId());
        String ticket = tickets.issue(caller, login(ctx), id);
        ctx.json(Json.obj(
                "ticket",
                ticket,
                "expires_in",
                StreamTickets.TTL.toSeconds(),
                "stream_url",
                "/api/generations/" + id.mgId() + "/stream?ticket=" + ticket));
    }

    private void revokeAll(Context ctx) {
        PassId passId;
        try {
            passId = PassId.parse(ctx.pathParam("pass_id"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
        var notBefore = revokeTokens.revokeAll(
                passId,
                new Actor(
                        Caller.of(ctx).passId().value(),
                        Routes.template(ctx),
                        ctx.method().name()));
        signedOut.accept(passId);
        ctx.json(Json.obj("pass_id", passId.value(), "tokens_not_before", notBefore));
    }

    private static RevokeTokens.Presented login(Context ctx) {
        RevokeTokens.Presented login = ctx.attribute(Authentication.LOGIN);
        if (login == null) {
            throw new AccessDenied(AccessDenied.Reason.UNAUTHENTICATED, "sign in with a bearer token first");
        }
        return login;
    }
}
