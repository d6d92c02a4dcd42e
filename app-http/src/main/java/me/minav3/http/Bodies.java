package me.minav3.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import me.minav3.mma.studio.UserText;
import org.jspecify.annotations.Nullable;

/**
 * Strict JSON request bodies: {@code application/json} only (415), at most 64 KiB (413), exactly one well-formed
 * JSON object with no key twice and nothing after it (400), only known fields (400), no control characters but tab
 * and line breaks in any string or field name and no number beyond what a double holds (400, naming the field),
 * each field of the right type (400). Business rules come after (422). Details never quote the parser (decision 019).
 */
final class Bodies {

    static final int MAX_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '");

    private final JsonNode node;

    private Bodies(JsonNode node) {
        this.node = node;
    }

    static Bodies of(Context ctx, Set<String> fields) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new HttpProblem(415, "Unsupported media type", "send the body as application/json");
        }
        byte[] raw = ctx.bodyAsBytes();
        if (raw.length > MAX_BYTES) {
            throw new HttpProblem(413, "Body too large", "the body is larger than " + MAX_BYTES / 1024 + " KiB");
        }
        JsonNode node = raw.length == 0 ? JSON.createObjectNode() : parse(raw);
        if (node == null || !node.isObject()) {
            throw HttpProblem.badRequest("the body must be a JSON object");
        }
        refuseUnstorable(node, "");
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw HttpProblem.badRequest("unknown field '" + name + "' (known: " + String.join(", ", fields) + ")");
            }
        }
        return new Bodies(node);
    }

    /** One JSON value and nothing after it but white space. */
    private static JsonNode parse(byte[] raw) {
        try (JsonParser parser = JSON.createParser(raw)) {
            JsonNode node = JSON.readTree(parser);
            boolean more;
            try {
                more = parser.nextToken() != null;
            } catch (JsonProcessingException garbage) {
                more = true;
            }
            if (more) {
                throw HttpProblem.badRequest("the body has more after its JSON object; send exactly one JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            if (e.getOriginalMessage() != null
                    && DUPLICATE.matcher(e.getOriginalMessage()).find()
                    && e.getProcessor() instanceof JsonParser parser) {
                throw HttpProblem.badRequest(
                        "'" + path(parser.getParsingContext().pathAsPointer()) + "' appears more than once");
            }
            JsonLocation at = e.getLocation();
            throw HttpProblem.badRequest("the body is not valid JSON"
                    + (at == null ? "" : " (at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (java.io.IOException e) {
            throw HttpProblem.badRequest("the body could not be read");
        }
    }

    /** Refuses, wherever they are, text PostgreSQL or a prompt must not get and numbers a double cannot hold. */
    private static void refuseUnstorable(JsonNode value, String path) {
        if (value.isTextual()) {
            UserText.problem(value.textValue()).ifPresent(problem -> {
                throw HttpProblem.badRequest("'" + path + "' " + problem);
            });
        } else if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
            throw HttpProblem.badRequest("'" + path + "' is out of range");
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                refuseUnstorable(value.get(i), path + "[" + i + "]");
            }
        } else if (value.isObject()) {
            value.fields().forEachRemaining(field -> {
                UserText.problem(field.getKey()).ifPresent(problem -> {
                    throw HttpProblem.badRequest(
                            "a field name in " + (path.isEmpty() ? "the body" : "'" + path + "'") + " " + problem);
                });
                refuseUnstorable(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
            });
        }
    }

    /** {@code /settings/quality} as {@code settings.quality}, {@code /inspiration_urls/0} as {@code inspiration_urls[0]}. */
    private static String path(JsonPointer pointer) {
        StringBuilder path = new StringBuilder();
        for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
            if (p.mayMatchElement() && !p.mayMatchProperty()) {
                path.append('[').append(p.getMatchingIndex()).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(p.getMatchingProperty());
            }
        }
        return path.toString();
    }

    /**
     * A body read by its declaration: only the declared fields (400 for another), each of its declared type (400),
     * every required one present and not blank (400). The same declaration is the body's schema in the description.
     */
    static Bodies of(Context ctx, BodySpec spec) {
        Bodies body = of(ctx, spec.names());
        for (BodySpec.Field field : spec.fields()) {
            String name = field.name();
            Object value = switch (field.type()) {
                case TEXT -> body.text(name);
                case INTEGER -> body.longValue(name);
                case BOOLEAN -> body.node.hasNonNull(name) ? body.bool(name) : null;
                case TEXTS -> body.node.hasNonNull(name) ? body.texts(name) : null;
                case OBJECT -> body.node.hasNonNull(name) ? body.object(name) : null;
                case NUMBERS -> body.node.hasNonNull(name) ? body.numbers(name) : null;
            };
            if (field.required() && (value == null || value instanceof String text && text.isBlank())) {
                throw HttpProblem.badRequest("'" + name + "' is required");
            }
        }
        return body;
    }

    @Nullable
    String text(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw HttpProblem.badRequest("'" + field + "' must be a string");
        }
        return value.asText();
    }

    String requiredText(String field) {
        String value = text(field);
        if (value == null || value.isBlank()) {
            throw HttpProblem.badRequest("'" + field + "' is required");
        }
        return value;
    }

    @Nullable
    Integer integer(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            throw HttpProblem.badRequest("'" + field + "' must be a whole number");
        }
        if (!value.canConvertToInt()) {
            throw HttpProblem.badRequest("'" + field + "' is out of range");
        }
        return value.asInt();
    }

    @Nullable
    Long longValue(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            throw HttpProblem.badRequest("'" + field + "' must be a whole number");
        }
        if (!value.canConvertToLong()) {
            throw HttpProblem.badRequest("'" + field + "' is out of range");
        }
        return value.asLong();
    }

    boolean bool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw HttpProblem.badRequest("'" + field + "' must be true or false");
        }
        return value.asBoolean();
    }

    List<String> texts(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw HttpProblem.badRequest("'" + field + "' must be an array of strings");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw HttpProblem.badRequest("'" + field + "' must be an array of strings");
            }
            items.add(item.asText());
        }
        return items;
    }

    /** A JSON object field as plain maps, lists, strings, numbers and booleans. */
    Map<String, Object> object(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw HttpProblem.badRequest("'" + field + "' must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.convertValue(value, LinkedHashMap.class);
        return map;
    }

    /** A map of numbers (e.g. tag weights). */
    Map<String, Double> numbers(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw HttpProblem.badRequest("'" + field + "' must be an object of numbers");
        }
        Map<String, Double> map = new LinkedHashMap<>();
        value.fields().forEachRemaining(e -> {
            if (!e.getValue().isNumber()) {
                throw HttpProblem.badRequest("'" + field + "." + e.getKey() + "' must be a number");
            }
            map.put(e.getKey(), e.getValue().asDouble());
        });
        return map;
    }
}
