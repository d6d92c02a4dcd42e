package me.minav3.http.shopify;

import com.fasterxml.jackson.databind.JsonNode;
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

    private ShopifyOrderJson() {}

    /** The order, or {@link InvalidInput} when the bytes are not an order. */
    static ShopifyOrder parse(byte[] body) {
        JsonNode root = ShopifyJson.object(body, "order", "order");
        try {
            JsonNode customer = root.path("customer");
            return new ShopifyOrder(
                    ShopifyJson.id(root.path("id"), "id"),
                    customer.isObject() && !ShopifyJson.absent(customer.path("id"))
                            ? ShopifyJson.id(customer.path("id"), "customer.id")
                            : null,
                    email(customer.path("email"), root.path("email"), root.path("contact_email")),
                    noteAttributes(root.path("note_attributes")),
                    lineItems(root.path("line_items")),
                    ShopifyJson.time(root.path("created_at")),
                    ShopifyJson.time(root.path("processed_at")),
                    root.path("test").asBoolean(false),
                    ShopifyJson.text(root.path("financial_status")));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("the order cannot be read: " + e.getMessage());
        }
    }

    /** The customer's account email first, then the order's, then the contact email; the first usable one. */
    private static @Nullable String email(JsonNode... candidates) {
        for (JsonNode candidate : candidates) {
            String usable = ShopifyOrder.usableEmail(ShopifyJson.text(candidate));
            if (usable != null) {
                return usable;
            }
        }
        return null;
    }

    private static Map<String, String> noteAttributes(JsonNode array) {
        Map<String, String> notes = new LinkedHashMap<>();
        for (JsonNode attribute : array) {
            String name = ShopifyJson.text(attribute.path("name"));
            JsonNode value = attribute.path("value");
            if (name != null && !ShopifyJson.absent(value)) {
                notes.putIfAbsent(name.strip(), value.isTextual() ? value.asText() : value.toString());
            }
        }
        return notes;
    }

    @SuppressWarnings("NullAway") // nulls the called code does not yet declare @Nullable: listed in the issue 25 report
    private static List<ShopifyOrder.LineItem> lineItems(JsonNode array) {
        if (!ShopifyJson.absent(array) && !array.isArray()) {
            throw new IllegalArgumentException("line_items must be an array");
        }
        List<ShopifyOrder.LineItem> items = new ArrayList<>();
        for (JsonNode item : array) {
            items.add(new ShopifyOrder.LineItem(
                    ShopifyJson.id(item.path("id"), "line_items[].id"),
                    ShopifyJson.text(item.path("sku")),
                    ShopifyJson.quantity(item.path("quantity"), "line item"),
                    ShopifyJson.text(item.path("title"))));
        }
        return items;
    }
}
