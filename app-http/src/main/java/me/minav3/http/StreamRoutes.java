package me.minav3.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.generation.FindGeneration;

/** {@code GET /api/generations/{id}/stream}: the generation's userMessages as Server-Sent Events. */
public final class StreamRoutes {

    static final String PATH = "/api/generations/{id}/stream";

    private static final String SLOT = "mina.stream.slot";

    private final FindGeneration generations;
    private final LiveLines live;
    private final RequestLimits limits;

    /** @param limits the per-customer limit on open streams */
    public StreamRoutes(FindGeneration generations, LiveLines live, RequestLimits limits) {
        this.generations = generations;
        this.live = live;
        this.limits = limits;
    }

    void register(Api api, RoutesConfig routes) {
        // Checked before the stream opens, so a stranger gets a plain 404 problem, not an empty stream.
        routes.beforeMatched(PATH, this::owned);
        api.sse(PATH, Api.Access.USER, "studio", "Live userMessages: events message (id = seq), status, done; "
                + "replays stored lines after Last-Event-ID", client -> {
                    GenerationId id = StudioRoutes.id(client.ctx());
                    long last = LiveStream.lastEventId(client.ctx().header("Last-Event-ID"),
                            client.ctx().queryParam("last_event_id"));
                    client.keepAlive();
                    LiveStream stream = new LiveStream(client, id, last, live, generations);
                    Runnable slot = client.ctx().attribute(SLOT);
                    client.onClose(slot == null ? stream::close : () -> {
                        slot.run();
                        stream.close();
                    });
                    stream.start();
                });
    }

    private void owned(Context ctx) {
        generations.owned(StudioRoutes.id(ctx), Caller.of(ctx).passId());
        // A slot only for a stream that will open (a 406 would hold it until it expires).
        if (EventStreamHandler.acceptsEventStream(ctx.header("Accept"))) {
            ctx.attribute(SLOT, limits.openStream(Caller.of(ctx).passId()));
        }
    }

}
