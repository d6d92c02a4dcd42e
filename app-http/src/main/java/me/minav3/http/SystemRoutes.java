package me.minav3.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import me.minav3.mma.assets.StorageHealth;
import me.minav3.mma.common.Json;
import me.minav3.mma.error.NotFound;
import org.jspecify.annotations.Nullable;

/** Health, metrics, the API description, and the local asset store's files. */
public final class SystemRoutes {

    private static final String SYSTEM = "system";

    private final BooleanSupplier databaseHealthy;
    private final Supplier<StorageHealth> storage;
    private final Supplier<List<String>> warnings;
    private final Supplier<String> metrics;
    private final Optional<LocalAssets> localAssets;
    private @Nullable Api api;

    /**
     * @param databaseHealthy whether the database answers
     * @param storage         the asset store's health (cached: a probe every second must stay cheap)
     * @param warnings        what an operator should fix, in plain words (e.g. an out-of-support Shopify version)
     * @param metrics         the Prometheus text
     * @param localAssets     the local asset store's files, or empty when assets are served elsewhere (R2)
     */
    public SystemRoutes(
            BooleanSupplier databaseHealthy,
            Supplier<StorageHealth> storage,
            Supplier<List<String>> warnings,
            Supplier<String> metrics,
            Optional<LocalAssets> localAssets) {
        this.databaseHealthy = databaseHealthy;
        this.storage = storage;
        this.warnings = warnings;
        this.metrics = metrics;
        this.localAssets = localAssets;
    }

    void register(Api api) {
        this.api = api;
        var open = Api.Access.PUBLIC;
        api.get(
                "/health",
                open,
                SYSTEM,
                "ok; degraded when storage is down; 503 when the database is",
                Api.Doc.of().id("health").json(200, "Health").json(503, "Health"),
                this::health);
        api.get(
                "/metrics",
                // Issue 20.4: the numbers tell load, failures and customers' activity; only an admin token reads them.
                Api.Access.ADMIN,
                SYSTEM,
                "Prometheus metrics (an admin token: scrape with `mina auth token … --admin`)",
                Api.Doc.of()
                        .id("metrics")
                        .answer(
                                200,
                                "text/plain",
                                Json.obj("type", "string", "description", "Prometheus text format 0.0.4")),
                this::metrics);
        api.get(
                "/openapi.json",
                open,
                SYSTEM,
                "This API, described",
                Api.Doc.of()
                        .id("openApi")
                        .answer(200, Api.JSON, Json.obj("type", "object", "description", "OpenAPI 3.1")),
                this::openApi);
        if (localAssets.isPresent()) {
            Map<String, Object> file = Json.obj("type", "string", "format", "binary");
            api.get(
                    "/assets/<key>",
                    open,
                    SYSTEM,
                    "A stored image or video (local asset store; range requests)",
                    Api.Doc.of()
                            .id("asset")
                            .header("Range", "one byte range, e.g. bytes=0-1023", Json.obj("type", "string"))
                            .answer(200, file, "image/*", "video/*")
                            .answer(206, file, "image/*", "video/*")
                            .problems(404, 416),
                    this::asset);
        }
    }

    /**
     * Only a database that does not answer takes the process out (503): with storage down, reads, sign-in and the
     * Shopify webhook still work, so it is reported as {@code degraded} and stays in rotation. Never a detail.
     */
    private void health(Context ctx) {
        boolean database = databaseHealthy.getAsBoolean();
        boolean stored = storage.get().up();
        String status = !database ? "unavailable" : stored ? "ok" : "degraded";
        ctx.status(database ? 200 : 503)
                .json(Json.obj(
                        "status",
                        status,
                        "database",
                        database ? "up" : "down",
                        "storage",
                        stored ? "up" : "down",
                        "warnings",
                        warnings.get()));
    }

    private void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.get());
    }

    private void openApi(Context ctx) {
        ctx.json(Objects.requireNonNull(api, "routes not registered").openApi(version()));
    }

    private void asset(Context ctx) throws IOException {
        LocalAssets assets = localAssets.orElseThrow();
        var file = assets.files().apply(ctx.pathParam("key")).orElseThrow(() -> new NotFound("no such asset"));
        ctx.header("Cache-Control", assets.cacheControl());
        ctx.header("X-Content-Type-Options", "nosniff");
        if (LocalAssets.SVG.equals(file.contentType())) {
            // Never a range of an SVG: the whole document, rebuilt once more, in its sandbox (decision 045).
            byte[] safe = assets.svgSanitizer().apply(Files.readAllBytes(file.path()));
            ctx.header("Content-Security-Policy", assets.svgPolicy());
            ctx.contentType(LocalAssets.SVG);
            ctx.result(safe); // no Content-Length of our own: Javalin may gzip an SVG for a browser
            return;
        }
        ctx.header("Accept-Ranges", "bytes");
        ctx.contentType(file.contentType());
        long size = file.size();
        long[] range = range(ctx.header("Range"), size);
        if (range == null) {
            ctx.header("Content-Length", Long.toString(size));
            ctx.result(Files.newInputStream(file.path()));
            return;
        }
        if (range.length == 0) {
            ctx.header("Content-Range", "bytes */" + size);
            Problems.send(ctx, 416, "Range not satisfiable", "the file has " + size + " bytes");
            return;
        }
        long from = range[0];
        long to = range[1];
        InputStream in = Files.newInputStream(file.path());
        in.skipNBytes(from);
        ctx.status(206);
        ctx.header("Content-Range", "bytes " + from + "-" + to + "/" + size);
        ctx.header("Content-Length", Long.toString(to - from + 1));
        ctx.result(new java.io.FilterInputStream(in) {
            private long left = to - from + 1;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                left--;
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(buffer, offset, (int) Math.min(length, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        });
    }

    /**
     * One byte range of RFC 9110 ({@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}): null means "send it all"
     * (no or unsupported header, e.g. several ranges), an empty array "not satisfiable".
     */
    static long @Nullable [] range(@Nullable String header, long size) {
        if (header == null) {
            return null;
        }
        var matcher = java.util.regex.Pattern.compile("bytes=(\\d*)-(\\d*)").matcher(header.strip());
        if (!matcher.matches()
                || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
            return null;
        }
        try {
            long from;
            long to;
            if (matcher.group(1).isEmpty()) {
                long suffix = Long.parseLong(matcher.group(2));
                from = Math.max(0, size - suffix);
                to = size - 1;
            } else {
                from = Long.parseLong(matcher.group(1));
                to = matcher.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(matcher.group(2)), size - 1);
            }
            return from > to || from >= size ? new long[0] : new long[] {from, to};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String version() {
        String version = SystemRoutes.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
