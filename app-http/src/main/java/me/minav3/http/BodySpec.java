package me.minav3.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import me.minav3.mma.common.Json;

/**
 * A JSON request body, declared once: its fields, their types, which are required, their enums and formats. The
 * route's handler reads the body through it ({@link Bodies#of(io.javalin.http.Context, BodySpec)} refuses unknown
 * fields, wrong types and missing required fields with 400) and {@code /openapi.json} shows the same declaration as
 * a schema in {@code components}, so the description cannot drift from what the server accepts.
 *
 * @param name    the schema's name in {@code components.schemas}
 * @param fields  the fields, in the order the description lists them
 * @param example a body that the server accepts
 */
record BodySpec(String name, String description, List<Field> fields, Map<String, Object> example) {

    /** The JSON type of a field, and how {@link Bodies} reads it. */
    enum Type {
        TEXT,
        INTEGER,
        BOOLEAN,
        TEXTS,
        OBJECT,
        NUMBERS
    }

    /**
     * @param schema extra JSON Schema keywords (enum, format, minimum, maxLength...), documentation only: the
     *               business rules behind them answer 422
     */
    record Field(String name, Type type, boolean required, String description, Map<String, Object> schema) {}

    BodySpec {
        fields = List.copyOf(fields);
    }

    static Builder named(String name, String description) {
        return new Builder(name, description);
    }

    Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        fields.forEach(f -> names.add(f.name()));
        return names;
    }

    /** The JSON Schema of this body (OpenAPI 3.1). */
    Map<String, Object> schema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Field field : fields) {
            Map<String, Object> property = switch (field.type()) {
                case TEXT ->
                    field.required()
                            ? Json.obj("type", "string", "pattern", "\\S")
                            : Json.obj("type", List.of("string", "null"));
                case INTEGER -> Json.obj("type", field.required() ? "integer" : List.of("integer", "null"));
                case BOOLEAN -> Json.obj("type", List.of("boolean", "null"));
                case TEXTS -> Json.obj("type", List.of("array", "null"), "items", Json.obj("type", "string"));
                case OBJECT -> Json.obj("type", List.of("object", "null"));
                case NUMBERS ->
                    Json.obj("type", List.of("object", "null"), "additionalProperties", Json.obj("type", "number"));
            };
            property.put("description", field.description());
            property.putAll(field.schema());
            properties.put(field.name(), property);
            if (field.required()) {
                required.add(field.name());
            }
        }
        Map<String, Object> schema = Json.obj(
                "type", "object", "description", description, "additionalProperties", false, "properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        if (!example.isEmpty()) {
            schema.put("examples", List.of(example));
        }
        return schema;
    }

    /** Declares a body field by field. */
    static final class Builder {
        private final String name;
        private final String description;
        private final List<Field> fields = new ArrayList<>();
        private Map<String, Object> example = Map.of();

        private Builder(String name, String description) {
            this.name = name;
            this.description = description;
        }

        Builder required(String field, Type type, String description, Object... schema) {
            fields.add(new Field(field, type, true, description, Json.obj(schema)));
            return this;
        }

        Builder optional(String field, Type type, String description, Object... schema) {
            fields.add(new Field(field, type, false, description, Json.obj(schema)));
            return this;
        }

        Builder example(Object... keysAndValues) {
            this.example = Json.obj(keysAndValues);
            return this;
        }

        BodySpec build() {
            return new BodySpec(name, description, fields, example);
        }
    }
}
