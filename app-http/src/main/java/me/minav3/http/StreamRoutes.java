package me.minav3.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.generation.FindGeneration;

/** {@code GET /api/generations/{id}/stream}: the generation's userMessages as Server-Sent Events. */
public final class StreamRoutes {

    static final String PATH = "/api/generations/{id}/stream";

    private final FindGeneration generations;
    private final LiveLines live;

    public StreamRoutes(FindGeneration generations, LiveLines live) {
        this.generations = generations;
        this.live = live;
    }

    void register(Api api, RoutesConfig routes) {
        // Checked before the stream opens, so a stranger gets a plain 404 problem, not an empty stream.
        routes.beforeMatched(PATH, this::owned);
        api.sse(PATH, Api.Access.USER, "studio", "Live userMessages: events message (id = seq), status, done; "
                + "replays stored lines after Last-Event-ID", Api.Doc.of().id("streamGeneration")
                .security(ApiSchemas.bearerOrTicket())
                .header("Last-Event-ID", "the last message seq I have: only later lines are sent",
                        Json.obj("type", "string", "pattern", "^[0-9]{1,9}$"))
                .query("last_event_id", "the same, for clients that cannot send the header",
                        Json.obj("type", "string", "pattern", "^[0-9]{1,9}$"))
                .answer(200, "text/event-stream", ApiSchemas.eventStream()).problems(404, 406), client -> {
                    GenerationId id = StudioRoutes.id(client.ctx());
                    long last = LiveStream.lastEventId(client.ctx().header("Last-Event-ID"),
                            client.ctx().queryParam("last_event_id"));
                    client.keepAlive();
                    LiveStream stream = new LiveStream(client, id, last, live, generations);
                    client.onClose(stream::close);
                    stream.start();
                });
    }

    private void owned(Context ctx) {
        generations.owned(StudioRoutes.id(ctx), Caller.of(ctx).passId());
    }

}
