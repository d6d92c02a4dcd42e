package me.minav3.http;

import io.javalin.http.Context;
import me.minav3.mma.common.Json;
import me.minav3.mma.config.ConfigVersion;
import me.minav3.mma.config.ConfigVersions;
import me.minav3.mma.config.PublishConfig;
import org.jspecify.annotations.Nullable;

/** The console's config routes (issue 20): a diff of any two versions of a key, and a rollback. */
final class AdminConfigRoutes {

    private static final String ADMIN = "admin";

    static final BodySpec ROLLBACK = BodySpec.named("ConfigRollback", "Publish an older version as the next one")
            .required("version", BodySpec.Type.INTEGER, "the version whose value comes back", "minimum", 1)
            .example("version", 1)
            .build();

    private final ConfigVersions versions;
    private final PublishConfig publish;

    AdminConfigRoutes(ConfigVersions versions, PublishConfig publish) {
        this.versions = versions;
        this.publish = publish;
    }

    void register(Api api) {
        api.get(
                "/api/admin/config/{key}/diff",
                Api.Access.ADMIN,
                ADMIN,
                "What changed between two versions of a config key (JSON pointers)",
                Api.Doc.of()
                        .id("configDiff")
                        .query("from", "the older version", Json.obj("type", "integer", "minimum", 1))
                        .query(
                                "to",
                                "the newer version (default: the newest)",
                                Json.obj("type", "integer", "minimum", 1))
                        .json(200, "ConfigDiff")
                        .problems(400, 404),
                this::diff);
        api.post(
                "/api/admin/config/{key}/rollback",
                Api.Access.ADMIN,
                ADMIN,
                "Publish an older version's value as the next version (checked by today's rules; audited)",
                Api.Doc.of()
                        .id("configRollback")
                        .body(ROLLBACK)
                        .json(200, "ConfigVersion")
                        .problems(404, 422),
                this::rollback);
    }

    private void diff(Context ctx) {
        String key = ctx.pathParam("key");
        Integer from = version(ctx.queryParam("from"), "from");
        Integer to = version(ctx.queryParam("to"), "to");
        if (from == null) {
            throw HttpProblem.badRequest("from is required: the version to compare from");
        }
        int newest = versions.history(key).stream()
                .findFirst()
                .map(ConfigVersion::version)
                .orElseThrow(() -> new me.minav3.mma.error.NotFound("no config " + key));
        int target = to == null ? newest : to;
        ctx.json(Json.obj(
                "key",
                key,
                "from",
                from,
                "to",
                target,
                "changes",
                versions.diff(key, from, target).stream()
                        .map(c -> Json.obj("path", c.path(), "op", c.op().wire(), "from", c.from(), "to", c.to()))
                        .toList()));
    }

    private void rollback(Context ctx) {
        Bodies body = Bodies.of(ctx, ROLLBACK);
        Long version = body.longValue("version");
        if (version == null || version < 1 || version > Integer.MAX_VALUE) {
            throw HttpProblem.badRequest("version is a whole number from 1");
        }
        ConfigVersion published =
                publish.rollback(ctx.pathParam("key"), version.intValue(), AdminCustomerRoutes.actor(ctx));
        ctx.json(AdminRoutes.config(published));
    }

    private static @Nullable Integer version(@Nullable String text, String name) {
        if (text == null) {
            return null;
        }
        try {
            int v = Integer.parseInt(text);
            if (v < 1) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest(name + " is a version number from 1");
        }
    }
}
