package me.minav3.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Request ids (echoed as {@code X-Request-Id}, in every log line and problem), access logs and latency metrics. */
final class RequestLog {

    static final String REQUEST_ID = "request_id";
    static final String ANONYMOUS_ADMIN_CALLS = "mina.admin.anonymous";
    private static final Pattern GIVEN_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");
    private static final Logger log = LoggerFactory.getLogger("me.minav3.http.access");

    private final MeterRegistry registry;
    /** One timer per method, route template and status (a bounded set), found without building its id again. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    RequestLog(MeterRegistry registry) {
        this.registry = registry;
    }

    void start(Context ctx) {
        String given = ctx.header("X-Request-Id");
        String id = given != null && GIVEN_ID.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
        ctx.attribute(REQUEST_ID, id);
        ctx.header("X-Request-Id", id);
        MDC.put(REQUEST_ID, id);
    }

    /**
     * An admin route called without a valid token: a log line and {@code mina.admin.anonymous} (by status) instead
     * of an audit row, so probes cannot fill the audit.
     */
    void anonymousAdminCall(Context ctx) {
        String route = Routes.template(ctx);
        int status = ctx.status().getCode();
        registry.counter(ANONYMOUS_ADMIN_CALLS, "status", Integer.toString(status))
                .increment();
        log.info(
                "admin_call_anonymous method={} route={} status={} request_id={}",
                ctx.method().name(),
                route,
                status,
                ctx.attribute(REQUEST_ID) == null ? "-" : ctx.<String>attribute(REQUEST_ID));
    }

    /** Called by Javalin once the response is written. Never logs the query string (it may carry a token). */
    void finish(Context ctx, Float millis) {
        finished(
                ctx.method().name(),
                Routes.template(ctx),
                ctx.status().getCode(),
                (long) (millis * 1_000_000),
                ctx.attribute(REQUEST_ID));
    }

    /**
     * A request that is over, from values read while it was open: a stream's request is completed by its own thread
     * after Jetty may have recycled it (decision 051).
     */
    void finished(String method, String route, int status, long nanos, @Nullable String requestId) {
        timers.computeIfAbsent(
                        method + " " + route + " " + status,
                        key -> Timer.builder("http.server.requests")
                                .tag("method", method)
                                .tag("route", route)
                                .tag("status", Integer.toString(status))
                                .publishPercentiles(0.5, 0.95, 0.99)
                                .register(registry))
                .record(Duration.ofNanos(nanos));
        log.info(
                "http_request method={} route={} status={} ms={} request_id={}",
                method,
                route,
                status,
                Math.round(nanos / 1_000_000.0),
                requestId == null ? "-" : requestId);
        MDC.remove(REQUEST_ID);
    }
}
