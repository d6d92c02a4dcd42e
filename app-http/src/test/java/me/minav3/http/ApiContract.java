package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The served {@code /openapi.json} as a contract: checks a real answer against the operation it came from (its
 * status is declared, its media type too, its body validates against the declared JSON Schema) and remembers
 * which operations answered with success, so a test can ask whether every route was tried.
 */
final class ApiContract {

    private static final String BASE = "https://minav3.test/openapi.json";

    final JsonNode document;
    private final SchemaRegistry registry;
    private final Set<String> succeeded = new TreeSet<>();
    private final Set<String> answered = new TreeSet<>();

    ApiContract(String documentText) throws IOException {
        this.document = TestServer.JSON.readTree(documentText);
        this.registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12, builder -> builder.schemas(Map.of(BASE, documentText)));
    }

    static String pointer(String... tokens) {
        StringBuilder pointer = new StringBuilder();
        for (String token : tokens) {
            pointer.append('/').append(token.replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }

    /** Every operation the document describes, as "METHOD /template". */
    Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        document.get("paths")
                .properties()
                .forEach(path -> names(path.getValue())
                        .forEach(method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        return operations;
    }

    static List<String> names(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).toList();
    }

    Set<String> succeeded() {
        return Set.copyOf(succeeded);
    }

    Set<String> answered() {
        return Set.copyOf(answered);
    }

    JsonNode operation(String method, String template) {
        JsonNode operation = document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
        assertThat(operation.isObject())
                .as("%s %s is described", method, template)
                .isTrue();
        return operation;
    }

    /** Schema errors of {@code json} against the schema at {@code pointer} in the document. */
    List<String> errors(String pointer, String json) {
        Schema schema = registry.getSchema(SchemaLocation.of(BASE + "#" + pointer));
        return schema.validate(json, InputFormat.JSON).stream()
                .map(Object::toString)
                .toList();
    }

    /** Asserts that the answer is one the description promises for this operation. */
    TestServer.Reply check(String method, String template, TestServer.Reply reply) {
        String what = method + " " + template + " " + reply.status();
        JsonNode operation = operation(method, template);
        String status = Integer.toString(reply.status());
        assertThat(operation.path("responses").has(status))
                .as(
                        "%s: status declared (body %s)",
                        what, reply.body().length() > 300 ? reply.body().substring(0, 300) : reply.body())
                .isTrue();
        String responsePointer = pointer("paths", template, method.toLowerCase(Locale.ROOT), "responses", status);
        JsonNode response = operation.path("responses").path(status);
        if (response.has("$ref")) {
            responsePointer = response.get("$ref").asText().substring(1);
            response = document.at(responsePointer);
        }
        answered.add(method + " " + template + " " + status);
        if (reply.status() < 300) {
            succeeded.add(method + " " + template);
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            assertThat(reply.body()).as("%s: no body declared", what).isEmpty();
            return reply;
        }
        String type = reply.header("Content-Type");
        assertThat(type).as("%s: a media type", what).isNotNull();
        String mediaType = type.split(";")[0].strip().toLowerCase(Locale.ROOT);
        String declared = null;
        for (String candidate : names(content)) {
            if (candidate.equals(mediaType)
                    || candidate.endsWith("/*")
                            && mediaType.startsWith(candidate.substring(0, candidate.length() - 1))) {
                declared = candidate;
            }
        }
        assertThat(declared)
                .as("%s: media type %s declared among %s", what, mediaType, names(content))
                .isNotNull();
        if (mediaType.endsWith("json")) {
            assertThat(errors(responsePointer + pointer("content", declared, "schema"), reply.body()))
                    .as("%s: body %s", what, reply.body())
                    .isEmpty();
            if (mediaType.equals(Problems.CONTENT_TYPE)) {
                assertThat(reply.json().get("status").asInt()).as(what).isEqualTo(reply.status());
            }
        }
        return reply;
    }

    /** Asserts that every event of a stream is one the description names, with data of its schema. */
    void checkEvents(String template, List<SseReader.Event> events) {
        String schema = pointer("paths", template, "get", "responses", "200", "content", "text/event-stream", "schema");
        JsonNode described = document.at(schema).path("x-events");
        assertThat(events).isNotEmpty();
        for (SseReader.Event event : events) {
            assertThat(described.has(event.name()))
                    .as("event %s is described", event.name())
                    .isTrue();
            assertThat(errors(schema + pointer("x-events", event.name()), event.data()))
                    .as("event %s: %s", event.name(), event.data())
                    .isEmpty();
        }
    }
}
