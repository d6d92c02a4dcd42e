package me.minav3.http;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Who is asking, for per-requester limits: the connection's address, or — when {@code MINA_TRUSTED_PROXIES} = N
 * proxies stand in front — the address the outermost of them saw, the N-th {@code X-Forwarded-For} entry from the
 * right (entries further left are whatever the client wrote, so they are never believed).
 */
final class Requester {

    private Requester() {}

    static String of(Context ctx, int trustedProxies) {
        if (trustedProxies <= 0) {
            return ctx.ip();
        }
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(ctx.req().getHeaders("X-Forwarded-For"))) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        // Fewer entries than proxies: the request did not come through them all; its own connection is the requester.
        return hops.size() >= trustedProxies ? hops.get(hops.size() - trustedProxies) : ctx.ip();
    }
}
