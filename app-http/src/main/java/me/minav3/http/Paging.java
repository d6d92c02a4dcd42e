package me.minav3.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.GenerationQuery;
import org.jspecify.annotations.Nullable;

/** Keyset pages of generations: query parameters in, {@code {items, next_cursor}} out, with an opaque cursor. */
final class Paging {

    static final int DEFAULT_LIMIT = 20;
    /** A provider or failure kind as the steps record them (e.g. {@code seedream}, {@code timeout}). */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("^[a-z0-9][a-z0-9_.-]{0,63}$");

    private Paging() {}

    /** The query parameters {@link #query} reads, as the description shows them. */
    static List<Map<String, Object>> parameters(boolean admin) {
        List<Map<String, Object>> parameters = new java.util.ArrayList<>();
        if (admin) {
            parameters.add(param("pass_id", "only this customer's", ApiSchemas.string("a pass id")));
            parameters.add(param("status", "only in this status", ApiSchemas.status()));
            parameters.add(param(
                    "provider",
                    "only those attributed to this provider (the failing step's, else the generation's; mma when"
                            + " none)",
                    Json.obj("type", "string", "pattern", NAME.pattern())));
            parameters.add(param(
                    "error_kind",
                    "only failed ones whose failing step recorded this kind (unknown when none did)",
                    Json.obj("type", "string", "pattern", NAME.pattern())));
        }
        parameters.add(param(
                "limit",
                "how many per page (default " + DEFAULT_LIMIT + ")",
                Json.obj(
                        "type",
                        "integer",
                        "minimum",
                        1,
                        "maximum",
                        GenerationQuery.MAX_LIMIT,
                        "default",
                        DEFAULT_LIMIT)));
        parameters.add(param("cursor", "the next_cursor of the previous page", Json.obj("type", "string")));
        parameters.add(param("mode", "only stills or only videos", ApiSchemas.mode()));
        parameters.add(param(
                "liked",
                admin ? "only liked ones (with pass_id)" : "only the ones I liked",
                Json.obj("type", "boolean")));
        parameters.add(param("from", "created at or after", Json.obj("type", "string", "format", "date-time")));
        parameters.add(param("to", "created before", Json.obj("type", "string", "format", "date-time")));
        return parameters;
    }

    private static Map<String, Object> param(String name, String description, Map<String, Object> schema) {
        return Json.obj("name", name, "in", "query", "required", false, "description", description, "schema", schema);
    }

    static GenerationQuery query(Context ctx, @Nullable PassId passId, boolean allowStatus) {
        int limit = integer(ctx, "limit", DEFAULT_LIMIT);
        if (limit < 1 || limit > GenerationQuery.MAX_LIMIT) {
            throw HttpProblem.badRequest("limit must be between 1 and " + GenerationQuery.MAX_LIMIT);
        }
        MmaMode mode = parse(ctx, "mode", MmaMode::fromWire);
        MmaStatus status = allowStatus ? parse(ctx, "status", MmaStatus::fromWire) : null;
        String liked = ctx.queryParam("liked");
        if (liked != null && !liked.equals("true") && !liked.equals("false")) {
            throw HttpProblem.badRequest("liked is true or false");
        }
        var query = new GenerationQuery(
                passId,
                mode,
                status,
                "true".equals(liked) && passId != null,
                parse(ctx, "from", Instant::parse),
                parse(ctx, "to", Instant::parse),
                cursor(ctx.queryParam("cursor")),
                limit);
        return allowStatus ? query.withCause(name(ctx, "provider"), name(ctx, "error_kind")) : query;
    }

    private static @Nullable String name(Context ctx, String parameter) {
        String text = ctx.queryParam(parameter);
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (!NAME.matcher(text).matches()) {
            throw HttpProblem.badRequest(parameter + " is a lower-case name such as seedream or timeout");
        }
        return text;
    }

    static Map<String, Object> page(List<Generation> items, int limit, Function<Generation, Map<String, Object>> view) {
        String next = null;
        if (items.size() == limit) {
            Generation last = items.get(items.size() - 1);
            next = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((last.createdAt() + "|" + last.id().value()).getBytes(StandardCharsets.UTF_8));
        }
        return Json.obj("items", items.stream().map(view).toList(), "next_cursor", next);
    }

    private static GenerationQuery.@Nullable Cursor cursor(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = decoded.indexOf('|');
            return new GenerationQuery.Cursor(
                    Instant.parse(decoded.substring(0, bar)), new GenerationId(decoded.substring(bar + 1)));
        } catch (IllegalArgumentException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw HttpProblem.badRequest("cursor is not one this server gave out");
        }
    }

    private static int integer(Context ctx, String name, int fallback) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest(name + " must be a whole number");
        }
    }

    private static <T> @Nullable T parse(Context ctx, String name, Function<String, T> parser) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw HttpProblem.badRequest("invalid " + name + ": " + text);
        }
    }
}
