package me.minav3.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditBalance;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.generation.FindGeneration;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.studio.RevokeTokens;

/** {@code GET /api/generations/{id}/stream}: the generation's userMessages as Server-Sent Events. */
public final class StreamRoutes {

    static final String PATH = "/api/generations/{id}/stream";

    /** The signed-in customer's balance as it moves (decision 034). */
    static final String BALANCE_PATH = "/api/me/balance/stream";

    /** How long a stream stays silent before it writes a keep-alive, unless the wiring says otherwise. */
    public static final Duration KEEP_ALIVE = LiveStream.KEEP_ALIVE;

    private static final String SLOT = "mina.stream.slot";

    /** Every stream of a generation on this server shares its re-reads (and opens share theirs; decision 047). */
    private final SharedReads<GenerationId, Optional<Generation>> reads;

    private final LiveLines live;
    private final RevokeTokens revokeTokens;
    private final RequestLimits limits;
    private final OpenStreams open = new OpenStreams();
    private final BalanceSignals balanceSignals;
    private final Function<PassId, CreditBalance.Balance> balances;
    private final Duration keepAlive;

    /**
     * @param limits the per-customer limit on open streams
     * @param balanceSignals word that a customer's balance moved (any process)
     * @param balances reads a customer's balance
     */
    public StreamRoutes(
            FindGeneration generations,
            LiveLines live,
            RevokeTokens revokeTokens,
            RequestLimits limits,
            BalanceSignals balanceSignals,
            Function<PassId, CreditBalance.Balance> balances) {
        this(generations, live, revokeTokens, limits, balanceSignals, balances, KEEP_ALIVE);
    }

    /**
     * @param keepAlive how long a stream stays silent before it writes a keep-alive, which is also when it notices a
     *     client that went away ({@link #KEEP_ALIVE} in production; tests shorten it)
     */
    public StreamRoutes(
            FindGeneration generations,
            LiveLines live,
            RevokeTokens revokeTokens,
            RequestLimits limits,
            BalanceSignals balanceSignals,
            Function<PassId, CreditBalance.Balance> balances,
            Duration keepAlive) {
        if (keepAlive.isNegative() || keepAlive.isZero()) {
            throw new IllegalArgumentException("keep-alive interval must be positive: " + keepAlive);
        }
        this.keepAlive = keepAlive;
        this.balanceSignals = balanceSignals;
        this.balances = balances;
        this.reads = new SharedReads<>(generations::find);
        this.live = live;
        this.revokeTokens = revokeTokens;
        this.limits = limits;
    }

    void register(Api api, RoutesConfig routes) {
        // Checked before the stream opens, so a stranger gets a plain 404 problem, not an empty stream.
        routes.beforeMatched(PATH, this::owned);
        registerBalance(api, routes);
        api.sse(
                PATH,
                Api.Access.USER,
                "studio",
                "Live userMessages: events message (id = seq), status, done; "
                        + "replays stored lines after Last-Event-ID",
                Api.Doc.of()
                        .id("streamGeneration")
                        .security(ApiSchemas.bearerOrTicket())
                        .header(
                                "Last-Event-ID",
                                "the last message seq I have: only later lines are sent",
                                Json.obj("type", "string", "pattern", "^[0-9]{1,9}$"))
                        .query(
                                "last_event_id",
                                "the same, for clients that cannot send the header",
                                Json.obj("type", "string", "pattern", "^[0-9]{1,9}$"))
                        .answer(200, "text/event-stream", ApiSchemas.eventStream())
                        .problems(404, 406, 429),
                client -> {
                    GenerationId id = StudioRoutes.id(client.ctx());
                    long last = LiveStream.lastEventId(
                            client.ctx().header("Last-Event-ID"), client.ctx().queryParam("last_event_id"));
                    PassId owner = Caller.of(client.ctx()).passId();
                    RevokeTokens.Presented login = client.ctx().attribute(Authentication.LOGIN);
                    Runnable slot = client.ctx().attribute(SLOT);
                    try {
                        open.serve(
                                new LiveStream(
                                        client,
                                        id,
                                        last,
                                        live,
                                        reads::get,
                                        () -> login != null
                                                && revokeTokens.verdict(owner, login) != RevokeTokens.Verdict.ALLOWED,
                                        keepAlive),
                                owner);
                    } finally {
                        if (slot != null) {
                            slot.run(); // on the stream's own thread, which is never interrupted (decision 023)
                        }
                    }
                });
    }

    private void registerBalance(Api api, RoutesConfig routes) {
        routes.beforeMatched(BALANCE_PATH, this::slot);
        api.sse(
                BALANCE_PATH,
                Api.Access.USER,
                "shopify",
                "Live balance: event balance {balance, expires_at} at once and whenever a credit movement "
                        + "(grant, purchase, charge, refund, adjustment, expiry) changes it, on any server",
                Api.Doc.of()
                        .id("streamBalance")
                        .security(ApiSchemas.bearerOrTicket())
                        .answer(200, "text/event-stream", ApiSchemas.balanceStream())
                        .problems(404, 406, 429),
                client -> {
                    PassId owner = Caller.of(client.ctx()).passId();
                    RevokeTokens.Presented login = client.ctx().attribute(Authentication.LOGIN);
                    Runnable slot = client.ctx().attribute(SLOT);
                    try {
                        open.serve(
                                new BalanceStream(
                                        client,
                                        owner,
                                        balanceSignals,
                                        balances,
                                        () -> login != null
                                                && revokeTokens.verdict(owner, login) != RevokeTokens.Verdict.ALLOWED,
                                        keepAlive),
                                owner);
                    } finally {
                        if (slot != null) {
                            slot.run();
                        }
                    }
                });
    }

    private void slot(Context ctx) {
        var unused =
                balances.apply(Caller.of(ctx).passId()); // 404 before the stream opens when there is no customer yet
        if (EventStreamHandler.acceptsEventStream(ctx.header("Accept"))) {
            ctx.attribute(SLOT, limits.openStream(Caller.of(ctx).passId()));
        }
    }

    /** The customer was signed out here (logout, revoke-all): their streams on this server check their logins now. */
    public void signedOut(PassId passId) {
        open.checkLogins(passId);
    }

    /** Asks this server's open streams to end (it is stopping); {@link MinaServer#close} waits for them. */
    void endAll() {
        open.endAll();
    }

    private void owned(Context ctx) {
        GenerationId id = StudioRoutes.id(ctx);
        // What FindGeneration.owned answers (someone else's or a hidden one is "not found"), from a shared read.
        Generation generation = reads.get(id).orElse(null);
        if (generation == null
                || !generation.passId().equals(Caller.of(ctx).passId())
                || generation.hiddenAt() != null) {
            throw new NotFound("no generation " + id.mgId());
        }
        // A slot only for a stream that will open (a 406 would hold it until it expires).
        if (EventStreamHandler.acceptsEventStream(ctx.header("Accept"))) {
            ctx.attribute(SLOT, limits.openStream(Caller.of(ctx).passId()));
        }
    }
}
