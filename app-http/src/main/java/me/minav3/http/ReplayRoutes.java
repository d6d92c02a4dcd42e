package me.minav3.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import me.minav3.mma.common.Json;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.generation.GenerationQuery;
import me.minav3.mma.replay.ReplayGeneration;

/**
 * Replay for the back office (issue 20 item 3, decision 030): a generation's GPT steps run again under the versions
 * they recorded or the ones given, each prompt beside the original with a diff. Admin only; nothing is charged or
 * stored (the admin audit row every admin call gets is the one write).
 */
public final class ReplayRoutes {

    private static final String ADMIN = "admin";

    private final ReplayGeneration replay;

    public ReplayRoutes(ReplayGeneration replay) {
        this.replay = replay;
    }

    static final BodySpec REPLAY = BodySpec.named("ReplayRequest", "The context versions to replay under")
            .optional(
                    "config",
                    BodySpec.Type.OBJECT,
                    "context key → version; keys left out run under the version the step recorded",
                    "additionalProperties",
                    Json.obj("type", "integer", "minimum", 1))
            .example("config", Json.obj("mma.ctx.gpt_reader", 2))
            .build();
    static final BodySpec SAMPLE = BodySpec.named("ReplaySampleRequest", "How many generations, under which versions")
            .required(
                    "count",
                    BodySpec.Type.INTEGER,
                    "the last N finished generations",
                    "minimum",
                    1,
                    "maximum",
                    GenerationQuery.MAX_LIMIT)
            .optional(
                    "config",
                    BodySpec.Type.OBJECT,
                    "context key → version",
                    "additionalProperties",
                    Json.obj("type", "integer", "minimum", 1))
            .example("count", 20, "config", Json.obj("mma.ctx.gpt_reader", 2))
            .build();

    void register(Api api) {
        api.post(
                "/api/admin/generations/{id}/replay",
                Api.Access.ADMIN,
                ADMIN,
                "Replay a generation's GPT steps under recorded or given context versions (nothing charged or stored)",
                Api.Doc.of()
                        .id("replayGeneration")
                        .body(REPLAY)
                        .json(200, "Replay")
                        .problems(404, 409, 422),
                this::replay);
        api.post(
                "/api/admin/replay/sample",
                Api.Access.ADMIN,
                ADMIN,
                "Replay the last N finished generations under given context versions; how many prompts changed",
                Api.Doc.of()
                        .id("replaySample")
                        .body(SAMPLE)
                        .json(200, "ReplaySample")
                        .problems(422),
                this::sample);
    }

    private void replay(Context ctx) {
        Bodies body = Bodies.of(ctx, REPLAY);
        ctx.json(ReplayViews.replay(replay.replay(StudioRoutes.id(ctx), versions(body.object("config")))));
    }

    private void sample(Context ctx) {
        Bodies body = Bodies.of(ctx, SAMPLE);
        Long count = body.longValue("count");
        // Out of range stays out of range (the use case says so), without overflowing an int.
        int n = count == null ? 0 : (int) Math.max(0, Math.min(count, GenerationQuery.MAX_LIMIT + 1L));
        ctx.json(ReplayViews.sample(replay.sample(n, versions(body.object("config")))));
    }

    /** {@code {"mma.ctx.gpt_reader": 2}} as key → version; a version must be a whole number from 1. */
    static Map<String, Integer> versions(Map<String, Object> config) {
        Map<String, Integer> versions = new LinkedHashMap<>();
        config.forEach((key, value) -> {
            if (!(value instanceof Integer version) || version < 1) {
                throw new InvalidInput("config." + key + " must be a version number from 1, not " + value);
            }
            versions.put(key, version);
        });
        return versions;
    }
}
