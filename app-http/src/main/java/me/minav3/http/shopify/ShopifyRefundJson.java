package me.minav3.http.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.shopify.ShopifyRefund;

/**
 * Reads a Shopify {@code refunds/create} payload (the REST Admin refund, also wrapped as {@code {"refund": {…}}}) into
 * the core's {@link ShopifyRefund}: {@code id}, {@code order_id}, {@code created_at},
 * {@code refund_line_items[{id, line_item_id, quantity, line_item{id, sku}}]}. Everything else (transactions,
 * order adjustments, amounts) is ignored: the matcha a line bought come from the ledger, not from the refund.
 */
final class ShopifyRefundJson {

    private ShopifyRefundJson() {}

    /** The refund, or {@link InvalidInput} when the bytes are not one. */
    static ShopifyRefund parse(byte[] body) {
        JsonNode root = ShopifyJson.object(body, "refund", "refund");
        try {
            return new ShopifyRefund(
                    ShopifyJson.id(root.path("id"), "id"),
                    ShopifyJson.id(root.path("order_id"), "order_id"),
                    lines(root.path("refund_line_items")),
                    ShopifyJson.time(root.path("created_at")));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("the refund cannot be read: " + e.getMessage());
        }
    }

    private static List<ShopifyRefund.Line> lines(JsonNode array) {
        if (ShopifyJson.absent(array)) {
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
            JsonNode lineItem = item.path("line_item");
            JsonNode lineItemId =
                    ShopifyJson.absent(item.path("line_item_id")) ? lineItem.path("id") : item.path("line_item_id");
            lines.add(new ShopifyRefund.Line(
                    ShopifyJson.id(item.path("id"), "refund_line_items[].id"),
                    ShopifyJson.id(lineItemId, "refund_line_items[].line_item_id"),
                    ShopifyJson.quantity(item.path("quantity"), "refund line item"),
                    ShopifyJson.text(lineItem.path("sku"))));
        }
        return lines;
    }
}
