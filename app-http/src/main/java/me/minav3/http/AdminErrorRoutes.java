package me.minav3.http;

import io.javalin.http.Context;
import me.minav3.mma.common.Json;
import me.minav3.mma.generation.ErrorReport;

/** The console's error list (issue 20): failed generations by provider and failure kind, with their refunds. */
final class AdminErrorRoutes {

    private final ErrorReport errors;

    AdminErrorRoutes(ErrorReport errors) {
        this.errors = errors;
    }

    void register(Api api) {
        api.get(
                "/api/admin/errors",
                Api.Access.ADMIN,
                "admin",
                "Failed generations of the last 24 h or 7 days by provider and failure kind, with refunds",
                Api.Doc.of()
                        .id("errorReport")
                        .query(
                                "window",
                                "how far back (default 24h)",
                                ApiSchemas.enumOf(java.util.List.of("24h", "7d"), "24h or 7d"))
                        .json(200, "ErrorReport")
                        .problems(422),
                this::report);
    }

    private void report(Context ctx) {
        ErrorReport.Report report = errors.of(ErrorReport.Window.fromWire(ctx.queryParam("window")));
        ctx.json(Json.obj(
                "window",
                report.window().wire(),
                "since",
                report.since(),
                "failed",
                report.failed(),
                "truncated",
                report.truncated(),
                "groups",
                report.groups().stream()
                        .map(g -> Json.obj(
                                "provider",
                                g.provider(),
                                "kind",
                                g.kind(),
                                "failed",
                                g.failed(),
                                "refunds",
                                g.refunds(),
                                "refunded_matcha",
                                g.refunded(),
                                "last_at",
                                g.lastAt(),
                                "recent",
                                g.recent()))
                        .toList()));
    }
}
