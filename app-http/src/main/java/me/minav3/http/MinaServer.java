package me.minav3.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.Foreground;
import me.minav3.mma.error.MinaException;
import me.minav3.mma.studio.ResolvePassId;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The studio's HTTP server: the studio API, live streams, the Shopify webhook, admin routes, health, metrics and
 * the API description, on the same core the CLI uses. Requests run on virtual threads.
 */
public final class MinaServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MinaServer.class);

    /**
     * The studio page runs only its own scripts and styles and talks only to this server and, when configured, to
     * Supabase Auth (it refreshes its session and asks for email codes there); images and videos may come from the
     * asset store (R2) and, as previews, from links people paste. Files are revalidated, never stale.
     *
     * @param supabaseUrl {@code SUPABASE_URL}, or null
     */
    static Map<String, String> studioPageHeaders(@Nullable String supabaseUrl) {
        String supabase = supabaseUrl == null ? "" : " " + originOf(supabaseUrl);
        return Map.of(
                "Content-Security-Policy",
                        "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'"
                                + supabase
                                + "; img-src 'self' https: http: data: blob:; media-src 'self' https: blob:; "
                                + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "same-origin",
                "Cache-Control", "no-cache");
    }

    private static String originOf(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    /**
     * What every request goes through: settings (CORS), who is calling, request metrics, the largest upload.
     *
     * @param passIds the pass id of a token's user
     * @param requestsInFlight how many requests may be served at once: what the database's request queue admits
     * @param foreground told while each request is served, so the pipeline lets it go first (decision 060)
     */
    public record Frame(
            HttpSettings settings,
            Tokens tokens,
            ResolvePassId passIds,
            Clock clock,
            MeterRegistry metrics,
            long maxUploadBytes,
            int requestsInFlight,
            Foreground foreground) {}

    /** The route groups, each built with the use cases it needs; registered in this order. */
    public record RouteGroups(
            SystemRoutes system,
            AuthRoutes auth,
            StudioRoutes studio,
            ShopifyRoutes shopify,
            MotionRoutes motion,
            StreamRoutes stream,
            AdminRoutes admin,
            TokenRoutes logins,
            AccountRoutes accounts,
            ReplayRoutes replay,
            StyleRoutes styles) {}

    /** How long a stopping server waits for its open streams to end before it stops Jetty. */
    static final Duration STREAMS_END = Duration.ofSeconds(5);

    /** Request threads at least (small test pools and queues) and at most (a huge configured queue). */
    static final int MIN_REQUEST_THREADS = 64;

    static final int MAX_REQUEST_THREADS = 4_096;

    /** Threads Jetty itself keeps out of the pool: its acceptor, selectors and reserved threads. */
    static final int JETTY_OWN_THREADS = 16;

    private final Javalin javalin;
    private final Api api;
    private final StreamRoutes streams;
    private final StreamExchanges exchanges;

    private MinaServer(Javalin javalin, Api api, StreamRoutes streams, StreamExchanges exchanges) {
        this.javalin = javalin;
        this.api = api;
        this.streams = streams;
        this.exchanges = exchanges;
    }

    /** Starts on {@code port} (0 for any free port). Workers are started separately (by the composition root). */
    public static MinaServer start(Frame frame, RouteGroups groups, int port) {
        HttpSettings settings = frame.settings();
        Authentication authentication =
                new Authentication(frame.tokens(), frame.passIds(), frame.clock(), groups.logins());
        RequestLog requestLog = new RequestLog(frame.metrics());
        StreamExchanges exchanges = new StreamExchanges(requestLog);
        ObjectMapper json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        Api[] api = new Api[1];
        AdminRoutes admin = groups.admin();
        long maxUpload = frame.maxUploadBytes();
        Javalin javalin = Javalin.create(config -> {
            // Requests run on platform threads, so the scheduler shares the CPU between them and the pipeline's
            // virtual threads instead of queueing them behind those on two carriers (decision 051). Streams run on
            // virtual threads of their own (EventStreamHandler) and do not hold one of these.
            config.concurrency.useVirtualThreads = false;
            config.jetty.threadPool = requestThreads(frame.requestsInFlight());
            // Javalin attaches its servlet handler inside this one: every request passes it (decision 060).
            config.jetty.modifyServer(server -> server.setHandler(new ServingHandler(frame.foreground())));
            // The kernel's queue of connections not yet accepted, sized like the request threads: a burst of new
            // connections waits there for Jetty's acceptor. The default (50) overflowed when 256 clients connected at
            // once: "possible SYN flooding" in the kernel log, and 23 of 300 creates failed on the client's side
            // without reaching the server (docs/benchmarks.md, P7). The kernel caps it at net.core.somaxconn.
            config.jetty.addConnector((jetty, http) -> {
                var connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
                connector.setPort(port);
                connector.setAcceptQueueSize(admitted(frame.requestsInFlight()));
                return connector;
            });
            config.jsonMapper(new JavalinJackson(json, true));
            config.http.maxRequestSize = maxUpload + 1024 * 1024;
            config.http.prefer405over404 = true;
            config.jetty.multipartConfig.maxFileSize(maxUpload + 1, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(maxUpload + 1024 * 1024, SizeUnit.BYTES);
            // Runs once the response is final (status included), with the matched route: log, metrics, admin audit.
            config.requestLogger.http((ctx, millis) -> {
                requestLog.finish(ctx, millis);
                if (ctx.path().startsWith("/api/admin/")) {
                    authentication.identifyIfSignedIn(ctx);
                    if (!admin.audited(ctx)) {
                        requestLog.anonymousAdminCall(ctx);
                    }
                }
            });
            config.startup.showJavalinBanner = false;
            String studioOrigin = settings.studioOrigin();
            if (studioOrigin != null) {
                config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    rule.allowHost(studioOrigin);
                    rule.exposeHeader("X-Request-Id");
                }));
            }
            if (MinaServer.class.getResource("/public/index.html") != null) {
                config.staticFiles.add(files -> {
                    files.hostedPath = "/";
                    files.directory = "/public";
                    files.location = Location.CLASSPATH;
                    files.headers = studioPageHeaders(settings.supabaseUrl());
                });
            }
            var routes = config.routes;
            routes.before(requestLog::start);
            routes.before(MinaServer::apiHeaders);
            routes.beforeMatched(authentication::check);
            api[0] = new Api(routes, exchanges);
            groups.system().register(api[0]);
            groups.auth().register(api[0]);
            groups.studio().register(api[0]);
            groups.shopify().register(api[0]);
            groups.motion().register(api[0]);
            groups.stream().register(api[0], routes);
            admin.register(api[0]);
            groups.logins().register(api[0]);
            groups.accounts().register(api[0]);
            groups.replay().register(api[0]);
            groups.styles().register(api[0]);
            routes.exception(MinaException.class, (e, ctx) -> Problems.send(ctx, e));
            routes.exception(HttpProblem.class, (e, ctx) -> {
                if (e.retryAfterSeconds() != null) {
                    ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
                }
                Problems.send(ctx, e.status(), e.title(), e.getMessage());
            });
            routes.exception(HttpResponseException.class, MinaServer::routingProblem);
            routes.exception(Exception.class, (e, ctx) -> {
                log.error("request_failed route={} error=\"{}\"", ctx.path(), e.toString(), e);
                Problems.send(ctx, 500, "Internal error", "something went wrong; the request id helps us find it");
            });
            routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    Problems.send(
                            ctx, 404, "Not found", "no route " + ctx.method().name() + " " + ctx.path());
                }
            });
            routes.error(413, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    Problems.send(ctx, 413, "Body too large", "the request is larger than allowed");
                }
            });
        });
        javalin.start(port);
        log.info("http_started port={}", javalin.port());
        return new MinaServer(javalin, api[0], groups.stream(), exchanges);
    }

    /**
     * Requests the server takes on at once: every one the database admits, at least 64 and at most 4,096. It sizes
     * both the request threads and the kernel's queue of connections not yet accepted.
     */
    static int admitted(int requestsInFlight) {
        return Math.min(Math.max(requestsInFlight, MIN_REQUEST_THREADS), MAX_REQUEST_THREADS);
    }

    /**
     * Enough platform threads for every request the database's request queue admits (decision 047: its bound plus the
     * pool), so overload is still refused there, quickly and with {@code Retry-After}; threads are started on demand
     * and stop after a minute idle.
     */
    static QueuedThreadPool requestThreads(int requestsInFlight) {
        int threads = admitted(requestsInFlight);
        var pool = new QueuedThreadPool(threads + JETTY_OWN_THREADS, 8, 60_000);
        pool.setName("mina-http");
        return pool;
    }

    /**
     * Never sniffed, never cached: every answer but the studio page, its files and stored assets, which set their
     * own {@code Cache-Control} over this one.
     */
    private static void apiHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-store");
    }

    /** Javalin's own refusals (no such route, wrong method, body too large…) as problems, not its text/plain. */
    private static void routingProblem(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        if (status == 405) {
            ctx.header("Allow", String.join(", ", e.getDetails().values()));
            Problems.send(
                    ctx,
                    405,
                    "Method not allowed",
                    ctx.method().name() + " is not allowed on " + ctx.path() + " (allowed: "
                            + String.join(", ", e.getDetails().values()) + ")");
        } else if (status == 404) {
            Problems.send(ctx, 404, "Not found", "no route " + ctx.method().name() + " " + ctx.path());
        } else if (status == 413) {
            Problems.send(ctx, 413, "Body too large", "the request is larger than allowed");
        } else {
            String title = HttpStatus.forStatus(status).getMessage();
            Problems.send(ctx, status, title, title.toLowerCase(java.util.Locale.ROOT));
        }
    }

    public int port() {
        return javalin.port();
    }

    /** Every documented route as "METHOD path" (tests compare this with what Javalin serves). */
    List<String> documentedRoutes() {
        return api.routes().stream()
                .map(r -> r.method().name() + " " + r.path())
                .toList();
    }

    Javalin javalin() {
        return javalin;
    }

    /**
     * Ends open streams (so none reads the database after it closes) and waits for their requests to be completed (so
     * Jetty recycles none a stream still holds), then stops accepting requests.
     */
    @Override
    public void close() {
        streams.endAll();
        try {
            if (!exchanges.awaitNone(STREAMS_END)) {
                log.warn("stream_still_open_at_stop streams={}", exchanges.open());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        javalin.stop();
    }
}
