package me.minav3.http.shopify;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.shopify.ShopifyRefund;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Shopify {@code refunds/create} payload (the REST Admin refund, also wrapped as {@code {"refund": {…}}}) into
 * the core's {@link ShopifyRefund}: {@code id}, {@code order_id}, {@code created_at},
 * {@code refund_line_items[{id, line_item_id, quantity, line_item{id, sku}}]}. Everything else (transactions,
 * order adjustments, amounts) is ignored: the matcha a line bought come from the ledger, not from the refund.
 */
final class ShopifyRefundJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ShopifyRefundJson() {}

    /** The refund, or {@link InvalidInput} when the bytes are not one. */
    static ShopifyRefund parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidInput("the refund is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInput("the refund could not be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInput("the refund is not a JSON object");
        }
        if (absent(root.path("id")) && root.path("refund").isObject()) {
            root = root.path("refund");
        }
        try {
            return new ShopifyRefund(
                    id(root.path("id"), "id"),
                    id(root.path("order_id"), "order_id"),
                    lines(root.path("refund_line_items")),
                    time(root.path("created_at")));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("the refund cannot be read: " + e.getMessage());
        }
    }

    private static List<ShopifyRefund.Line> lines(JsonNode array) {
        if (absent(array)) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException("refund_line_items must be an array");
        }
        List<ShopifyRefund.Line> lines = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isObject()) {
                throw new IllegalArgumentException("each refund line item is an object");
            }
            JsonNode quantity = item.path("quantity");
            if (!quantity.isIntegralNumber() || !quantity.canConvertToInt()) {
                throw new IllegalArgumentException("refund line item quantity must be a whole number, was " + quantity);
            }
            JsonNode lineItem = item.path("line_item");
            JsonNode lineItemId = absent(item.path("line_item_id")) ? lineItem.path("id") : item.path("line_item_id");
            lines.add(new ShopifyRefund.Line(
                    id(item.path("id"), "refund_line_items[].id"),
                    id(lineItemId, "refund_line_items[].line_item_id"),
                    quantity.asInt(),
                    text(lineItem.path("sku"))));
        }
        return lines;
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

    private static boolean absent(@Nullable JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }
}
