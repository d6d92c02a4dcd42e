package me.minav3.http.shopify;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.shopify.ShopifyOrder;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Shopify order webhook payload ({@code orders/paid}, {@code orders/create}, REST Admin order JSON) into
 * the core's {@link ShopifyOrder} (a REST Admin API {@code {"order": {…}}} is unwrapped): {@code id}, {@code customer{id,email}}, {@code email}, {@code contact_email},
 * {@code note_attributes[{name,value}]}, {@code line_items[{id,sku,quantity,title}]}, {@code test},
 * {@code financial_status}, {@code created_at}, {@code processed_at}. Everything else is ignored.
 */
final class ShopifyOrderJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ShopifyOrderJson() {}

    /** The order, or {@link InvalidInput} when the bytes are not an order. */
    static ShopifyOrder parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidInput("the order is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInput("the order could not be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInput("the order is not a JSON object");
        }
        if (absent(root.path("id")) && root.path("order").isObject()) {
            root = root.path("order"); // the REST Admin API's GET orders/<id>.json wraps the order
        }
        try {
            JsonNode customer = root.path("customer");
            return new ShopifyOrder(
                    id(root.path("id"), "id"),
                    customer.isObject() && !absent(customer.path("id")) ? id(customer.path("id"), "customer.id") : null,
                    email(customer.path("email"), root.path("email"), root.path("contact_email")),
                    noteAttributes(root.path("note_attributes")),
                    lineItems(root.path("line_items")),
                    time(root.path("created_at")),
                    time(root.path("processed_at")),
                    root.path("test").asBoolean(false),
                    text(root.path("financial_status")));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("the order cannot be read: " + e.getMessage());
        }
    }

    private static long id(JsonNode node, String field) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isTextual() && node.asText().strip().matches("[0-9]{1,18}")) {
            return Long.parseLong(node.asText().strip());
        }
        throw new IllegalArgumentException(field + " must be a whole number, was " + (absent(node) ? "missing" : node));
    }

    /** The customer's account email first, then the order's, then the contact email; the first usable one. */
    private static @Nullable String email(JsonNode... candidates) {
        for (JsonNode candidate : candidates) {
            String usable = ShopifyOrder.usableEmail(text(candidate));
            if (usable != null) {
                return usable;
            }
        }
        return null;
    }

    private static Map<String, String> noteAttributes(JsonNode array) {
        Map<String, String> notes = new LinkedHashMap<>();
        for (JsonNode attribute : array) {
            String name = text(attribute.path("name"));
            JsonNode value = attribute.path("value");
            if (name != null && !absent(value)) {
                notes.putIfAbsent(name.strip(), value.isTextual() ? value.asText() : value.toString());
            }
        }
        return notes;
    }

    @SuppressWarnings("NullAway") // nulls the called code does not yet declare @Nullable: listed in the issue 25 report
    private static List<ShopifyOrder.LineItem> lineItems(JsonNode array) {
        if (!absent(array) && !array.isArray()) {
            throw new IllegalArgumentException("line_items must be an array");
        }
        List<ShopifyOrder.LineItem> items = new ArrayList<>();
        for (JsonNode item : array) {
            JsonNode quantity = item.path("quantity");
            if (!quantity.isIntegralNumber() || !quantity.canConvertToInt()) {
                throw new IllegalArgumentException("line item quantity must be a whole number, was " + quantity);
            }
            items.add(new ShopifyOrder.LineItem(
                    id(item.path("id"), "line_items[].id"),
                    text(item.path("sku")),
                    quantity.asInt(),
                    text(item.path("title"))));
        }
        return items;
    }

    private static @Nullable Instant time(JsonNode node) {
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

    private static @Nullable String text(JsonNode node) {
        return absent(node) || !node.isValueNode() ? null : node.asText();
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }
}
