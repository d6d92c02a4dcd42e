package me.minav3.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseClient;
import io.javalin.security.RouteRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.minav3.mma.common.Json;

/**
 * Registers routes in code read top to bottom, and describes each one as it goes, so {@code /openapi.json} can
 * never forget a route (a test compares it with what the server actually serves).
 */
final class Api {

    /** Who may call a route. */
    enum Access implements RouteRole { PUBLIC, USER, ADMIN }

    /** One documented route. */
    record Route(HandlerType method, String path, Access access, String tag, String summary, List<String> bodyFields,
                 List<Integer> responses) {
    }

    private static final Pattern PATH_PARAM = Pattern.compile("[{<]([a-z_]+)[}>]");

    private final RoutesConfig routes;
    private final List<Route> described = new ArrayList<>();

    Api(RoutesConfig routes) {
        this.routes = routes;
    }

    void get(String path, Access access, String tag, String summary, List<Integer> responses, Handler handler) {
        add(HandlerType.GET, path, access, tag, summary, List.of(), responses);
        routes.get(path, handler, access);
    }

    void post(String path, Access access, String tag, String summary, List<String> bodyFields, List<Integer> responses,
              Handler handler) {
        add(HandlerType.POST, path, access, tag, summary, bodyFields, responses);
        routes.post(path, handler, access);
    }

    void put(String path, Access access, String tag, String summary, List<String> bodyFields, List<Integer> responses,
             Handler handler) {
        add(HandlerType.PUT, path, access, tag, summary, bodyFields, responses);
        routes.put(path, handler, access);
    }

    void delete(String path, Access access, String tag, String summary, List<Integer> responses, Handler handler) {
        add(HandlerType.DELETE, path, access, tag, summary, List.of(), responses);
        routes.delete(path, handler, access);
    }

    void sse(String path, Access access, String tag, String summary, Consumer<SseClient> client) {
        add(HandlerType.GET, path, access, tag, summary, List.of(), List.of(200, 401, 404, 406));
        routes.get(path, new EventStreamHandler(client), access);
    }

    private void add(HandlerType method, String path, Access access, String tag, String summary, List<String> bodyFields,
                     List<Integer> responses) {
        described.add(new Route(method, path, access, tag, summary, List.copyOf(bodyFields), List.copyOf(responses)));
    }

    List<Route> routes() {
        return List.copyOf(described);
    }

    /** OpenAPI 3.1 for every route registered here. */
    Map<String, Object> openApi(String version) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route route : described) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(openApiPath(route.path()), k -> new LinkedHashMap<>());
            item.put(route.method().name().toLowerCase(Locale.ROOT), operation(route));
        }
        return Json.obj(
                "openapi", "3.1.0",
                "info", Json.obj("title", "MINAV3 studio API", "version", version,
                        "description", "JSON in and out; errors are application/problem+json (RFC 9457)."),
                "components", Json.obj("securitySchemes", Json.obj("bearer",
                        Json.obj("type", "http", "scheme", "bearer", "bearerFormat", "JWT"))),
                "paths", paths);
    }

    private static Map<String, Object> operation(Route route) {
        Map<String, Object> operation = Json.obj("tags", List.of(route.tag()), "summary", route.summary(),
                "operationId", route.method().name().toLowerCase(Locale.ROOT) + route.path().replaceAll("[^A-Za-z0-9]+", "_"));
        List<Object> parameters = new ArrayList<>();
        Matcher matcher = PATH_PARAM.matcher(route.path());
        while (matcher.find()) {
            parameters.add(Json.obj("name", matcher.group(1), "in", "path", "required", true, "schema", Json.obj("type", "string")));
        }
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters);
        }
        if (!route.bodyFields().isEmpty()) {
            Map<String, Object> properties = new LinkedHashMap<>();
            route.bodyFields().forEach(field -> properties.put(field, Json.obj()));
            operation.put("requestBody", Json.obj("content", Json.obj("application/json", Json.obj("schema",
                    Json.obj("type", "object", "additionalProperties", false, "properties", properties)))));
        }
        if (route.access() != Access.PUBLIC) {
            operation.put("security", List.of(Json.obj("bearer", List.of())));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        for (int status : route.responses()) {
            responses.put(Integer.toString(status), Json.obj("description", describe(status)));
        }
        operation.put("responses", responses);
        return operation;
    }

    static String openApiPath(String javalinPath) {
        return PATH_PARAM.matcher(javalinPath).replaceAll("{$1}");
    }

    private static String describe(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted: work continues in the background";
            case 204 -> "No content";
            case 302 -> "Redirect";
            case 400 -> "Malformed request (problem+json)";
            case 401 -> "Sign in needed (problem+json)";
            case 402 -> "I need matcha (problem+json)";
            case 403 -> "Not allowed (problem+json)";
            case 404 -> "Not found (problem+json)";
            case 406 -> "Not acceptable: ask for text/event-stream (problem+json)";
            case 409 -> "Conflict (problem+json)";
            case 413 -> "Too large (problem+json)";
            case 415 -> "Unsupported media type (problem+json)";
            case 422 -> "Invalid input (problem+json)";
            case 429 -> "Too many requests (problem+json)";
            case 503 -> "Unavailable";
            default -> "See problem+json";
        };
    }
}
