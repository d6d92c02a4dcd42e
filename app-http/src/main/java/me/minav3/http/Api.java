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
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.minav3.mma.common.Json;
import org.jspecify.annotations.Nullable;

/**
 * Registers routes in code read top to bottom, and describes each one as it goes, so {@code /openapi.json} can
 * never forget a route (a test compares it with what the server actually serves). A route's {@link Doc} names its
 * request body by the same {@link BodySpec} its handler reads the body with, its query parameters and its answers
 * (schemas in {@link ApiSchemas}); tests drive every route and check the real answers against the description
 * (decision 018).
 */
final class Api {

    /** Who may call a route. */
    enum Access implements RouteRole {
        PUBLIC,
        USER,
        ADMIN
    }

    /** One documented route. */
    record Route(HandlerType method, String path, Access access, String tag, String summary, Doc doc) {}

    private static final Pattern PATH_PARAM = Pattern.compile("[{<]([a-z_]+)[}>]");
    static final String JSON = "application/json";

    private final RoutesConfig routes;
    private final StreamExchanges exchanges;
    private final List<Route> described = new ArrayList<>();

    /** @param exchanges where the event-stream routes serve their streams */
    Api(RoutesConfig routes, StreamExchanges exchanges) {
        this.routes = routes;
        this.exchanges = exchanges;
    }

    void get(String path, Access access, String tag, String summary, Doc doc, Handler handler) {
        add(HandlerType.GET, path, access, tag, summary, doc);
        routes.get(path, handler, access);
    }

    void post(String path, Access access, String tag, String summary, Doc doc, Handler handler) {
        add(HandlerType.POST, path, access, tag, summary, doc);
        routes.post(path, handler, access);
    }

    void put(String path, Access access, String tag, String summary, Doc doc, Handler handler) {
        add(HandlerType.PUT, path, access, tag, summary, doc);
        routes.put(path, handler, access);
    }

    void delete(String path, Access access, String tag, String summary, Doc doc, Handler handler) {
        add(HandlerType.DELETE, path, access, tag, summary, doc);
        routes.delete(path, handler, access);
    }

    void sse(String path, Access access, String tag, String summary, Doc doc, Consumer<SseClient> client) {
        add(HandlerType.GET, path, access, tag, summary, doc);
        routes.get(path, new EventStreamHandler(client, exchanges), access);
    }

    private void add(HandlerType method, String path, Access access, String tag, String summary, Doc doc) {
        described.add(new Route(method, path, access, tag, summary, doc));
    }

    List<Route> routes() {
        return List.copyOf(described);
    }

    /**
     * What a route takes and answers. Problems (status 400 and up) are {@code application/problem+json}
     * ({@link ApiSchemas#PROBLEM}; a 402 is {@link ApiSchemas#NEED_MATCHA}).
     */
    static final class Doc {
        private @Nullable BodySpec body;
        private boolean bodyRequired = true;
        private @Nullable Map<String, Object> content;
        private final List<Map<String, Object>> parameters = new ArrayList<>();
        private final Map<Integer, Map<String, Object>> responses = new TreeMap<>();
        private @Nullable List<Map<String, Object>> security;
        private @Nullable String description;
        private @Nullable String operationId;

        static Doc of() {
            return new Doc();
        }

        /** The JSON body, read with {@code Bodies.of(ctx, spec)}. */
        Doc body(BodySpec spec) {
            this.body = spec;
            return problems(400, 413, 415);
        }

        /** A JSON body that may be left out. */
        Doc optionalBody(BodySpec spec) {
            this.bodyRequired = false;
            return body(spec);
        }

        /** A body of another media type (multipart, a raw webhook payload). */
        Doc content(String mediaType, Map<String, Object> schema) {
            this.content = Json.obj(mediaType, Json.obj("schema", schema));
            return this;
        }

        Doc query(String name, String description, Map<String, Object> schema) {
            parameters.add(Json.obj(
                    "name", name, "in", "query", "required", false, "description", description, "schema", schema));
            return this;
        }

        Doc parameters(List<Map<String, Object>> declared) {
            parameters.addAll(declared);
            return this;
        }

        Doc header(String name, String description, Map<String, Object> schema) {
            parameters.add(Json.obj(
                    "name", name, "in", "header", "required", false, "description", description, "schema", schema));
            return this;
        }

        /** A JSON answer of a schema in {@code components}. */
        Doc json(int status, String schema) {
            return answer(status, JSON, ApiSchemas.ref(schema));
        }

        Doc answer(int status, String mediaType, Map<String, Object> schema) {
            responses.put(
                    status,
                    Json.obj(
                            "description",
                            describe(status),
                            "content",
                            Json.obj(mediaType, Json.obj("schema", schema))));
            return this;
        }

        /** An answer that comes in any of several media types, all of one schema. */
        Doc answer(int status, Map<String, Object> schema, String... mediaTypes) {
            Map<String, Object> content = new LinkedHashMap<>();
            for (String mediaType : mediaTypes) {
                content.put(mediaType, Json.obj("schema", schema));
            }
            responses.put(status, Json.obj("description", describe(status), "content", content));
            return this;
        }

        Doc noContent(int status) {
            responses.put(status, Json.obj("description", describe(status)));
            return this;
        }

        Doc problems(int... statuses) {
            for (int status : statuses) {
                responses.put(status, Json.obj("$ref", "#/components/responses/" + ApiSchemas.problemResponse(status)));
            }
            return this;
        }

        /** Who may call, when it is not just the bearer token of the route's {@link Access}. */
        Doc security(List<Map<String, Object>> schemes) {
            this.security = schemes;
            return this;
        }

        Doc description(String text) {
            this.description = text;
            return this;
        }

        Doc id(String id) {
            this.operationId = id;
            return this;
        }

        @Nullable
        BodySpec bodySpec() {
            return body;
        }
    }

    /** OpenAPI 3.1 for every route registered here. */
    Map<String, Object> openApi(String version) {
        Map<String, Object> paths = new LinkedHashMap<>();
        Map<String, Object> schemas = new TreeMap<>(ApiSchemas.schemas());
        Map<String, Object> tags = new LinkedHashMap<>();
        for (Route route : described) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item =
                    (Map<String, Object>) paths.computeIfAbsent(openApiPath(route.path()), k -> new LinkedHashMap<>());
            item.put(route.method().name().toLowerCase(Locale.ROOT), operation(route));
            if (route.doc().body != null) {
                schemas.put(route.doc().body.name(), route.doc().body.schema());
            }
            tags.putIfAbsent(
                    route.tag(), Json.obj("name", route.tag(), "description", ApiSchemas.tagDescription(route.tag())));
        }
        return Json.obj(
                "openapi", "3.1.0",
                "info",
                        Json.obj(
                                "title",
                                "MINAV3 studio API",
                                "version",
                                version,
                                "description",
                                "JSON in and out; errors are application/problem+json (RFC 9457). Sign in with an "
                                        + "email code (POST /api/auth/email/start, then /verify) and send the access token as "
                                        + "`Authorization: Bearer <token>`. Generations run in the background: follow one with "
                                        + "GET /api/generations/{id} or its event stream."),
                "servers",
                        List.of(Json.obj(
                                "url",
                                "/",
                                "description",
                                "The server that serves this document " + "(`./mina serve`: http://localhost:8080)")),
                "security", List.of(Json.obj("bearer", List.of())),
                "tags", List.copyOf(tags.values()),
                "paths", paths,
                "components",
                        Json.obj(
                                "schemas",
                                schemas,
                                "responses",
                                ApiSchemas.problemResponses(),
                                "securitySchemes",
                                ApiSchemas.securitySchemes()));
    }

    private static Map<String, Object> operation(Route route) {
        Doc doc = route.doc();
        String operationId = doc.operationId != null
                ? doc.operationId
                : route.method().name().toLowerCase(Locale.ROOT) + route.path().replaceAll("[^A-Za-z0-9]+", "_");
        Map<String, Object> operation =
                Json.obj("tags", List.of(route.tag()), "summary", route.summary(), "operationId", operationId);
        if (doc.description != null) {
            operation.put("description", doc.description);
        }
        List<Object> parameters = new ArrayList<>();
        Matcher matcher = PATH_PARAM.matcher(route.path());
        while (matcher.find()) {
            parameters.add(Json.obj(
                    "name",
                    matcher.group(1),
                    "in",
                    "path",
                    "required",
                    true,
                    "description",
                    ApiSchemas.pathParameterDescription(matcher.group(1)),
                    "schema",
                    Json.obj("type", "string")));
        }
        parameters.addAll(doc.parameters);
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters);
        }
        if (doc.body != null) {
            operation.put(
                    "requestBody",
                    Json.obj(
                            "required",
                            doc.bodyRequired,
                            "content",
                            Json.obj(JSON, Json.obj("schema", ApiSchemas.ref(doc.body.name())))));
        } else if (doc.content != null) {
            operation.put("requestBody", Json.obj("required", true, "content", doc.content));
        }
        if (doc.security != null) {
            operation.put("security", doc.security);
        } else if (route.access() == Access.PUBLIC) {
            operation.put("security", List.of());
        } else {
            operation.put("security", List.of(Json.obj("bearer", List.of())));
        }
        Map<Integer, Map<String, Object>> answers = new TreeMap<>(doc.responses);
        if (route.access() != Access.PUBLIC) {
            // 401 without a valid token; 403 for a disabled account (decision 022), and for a non-admin on admin routes
            answers.putIfAbsent(401, Json.obj("$ref", "#/components/responses/" + ApiSchemas.problemResponse(401)));
            answers.putIfAbsent(403, Json.obj("$ref", "#/components/responses/" + ApiSchemas.problemResponse(403)));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        answers.forEach((status, response) -> responses.put(Integer.toString(status), response));
        responses.put("default", Json.obj("$ref", "#/components/responses/Problem"));
        operation.put("responses", responses);
        return operation;
    }

    static String openApiPath(String javalinPath) {
        return PATH_PARAM.matcher(javalinPath).replaceAll("{$1}");
    }

    static String describe(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted: work continues in the background";
            case 204 -> "No content";
            case 206 -> "Partial content (a byte range)";
            case 302 -> "Redirect";
            case 400 -> "Malformed request";
            case 401 -> "Sign in needed";
            case 402 -> "I need matcha";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 406 -> "Not acceptable: ask for text/event-stream";
            case 409 -> "Conflict";
            case 413 -> "Too large";
            case 415 -> "Unsupported media type";
            case 416 -> "Range not satisfiable";
            case 422 -> "Invalid input";
            case 429 -> "Too many requests";
            case 503 -> "Unavailable";
            default -> "See the problem";
        };
    }
}
