package me.minav3.http.shopify;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import me.minav3.mma.error.InvalidInput;
import org.jspecify.annotations.Nullable;

/** How every Shopify payload we read spells its values: numeric ids (numbers or digit strings), times, text. */
final class ShopifyJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ShopifyJson() {}

    /**
     * The payload's object, unwrapped from {@code {"<wrapper>": {…}}} (how the REST Admin API answers) when it has no
     * id of its own; {@link InvalidInput} naming {@code what} when the bytes are not a JSON object.
     */
    static JsonNode object(byte[] body, String what, String wrapper) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidInput("the " + what + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInput("the " + what + " could not be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInput("the " + what + " is not a JSON object");
        }
        if (absent(root.path("id")) && root.path(wrapper).isObject()) {
            root = root.path(wrapper);
        }
        return root;
    }

    /** A Shopify id: a whole number, or a string of digits (how GraphQL-era payloads sometimes send them). */
    static long id(JsonNode node, String field) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isTextual() && node.asText().strip().matches("[0-9]{1,18}")) {
            return Long.parseLong(node.asText().strip());
        }
        throw new IllegalArgumentException(field + " must be a whole number, was " + (absent(node) ? "missing" : node));
    }

    /** A whole number that fits an int (a quantity), else {@link IllegalArgumentException} naming it. */
    static int quantity(JsonNode node, String what) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new IllegalArgumentException(what + " quantity must be a whole number, was " + node);
        }
        return node.asInt();
    }

    /** An ISO-8601 time with offset, or null when absent or unreadable (times are informative, never required). */
    static @Nullable Instant time(JsonNode node) {
        String value = text(node);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static @Nullable String text(JsonNode node) {
        return absent(node) || !node.isValueNode() ? null : node.asText();
    }

    static boolean absent(@Nullable JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }
}
