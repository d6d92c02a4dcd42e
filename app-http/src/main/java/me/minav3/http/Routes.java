package me.minav3.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;

/** The route template a request matched ({@code /api/generations/{id}}), for logs, metrics and the audit. */
final class Routes {

    private Routes() {}

    static String template(Context ctx) {
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        if (matched != null) {
            return matched.path;
        }
        // No route, yet answered: the studio page's files (or a 304 for them).
        return ctx.status().getCode() < 400 ? "static" : "unmatched";
    }
}
