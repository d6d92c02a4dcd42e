package me.minav3.mma.shopify;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What matters of a Shopify refund ({@code refunds/create}) for matcha: which order, and which of its line items
 * were refunded in what quantity. Parsing Shopify's JSON is the app's job.
 *
 * @param createdAt when Shopify created the refund (null when unknown)
 */
public record ShopifyRefund(
        long id, long orderId, List<Line> lines, @Nullable Instant createdAt) {

    /**
     * One refunded line: {@code id} is the refund line item's own id, {@code lineItemId} the order's line item.
     *
     * @param sku as Shopify sent it (for people; the matcha come from what the ledger credited for the line)
     */
    public record Line(
            long id,
            long lineItemId,
            int quantity,
            @Nullable String sku) {
        public Line {
            if (id <= 0 || lineItemId <= 0) {
                throw new IllegalArgumentException(
                        "refund line ids are positive numbers, were " + id + ", " + lineItemId);
            }
            if (quantity < 0) {
                throw new IllegalArgumentException("refund line " + id + " has a negative quantity");
            }
            sku = sku == null || sku.isBlank() ? null : sku.strip();
        }
    }

    public ShopifyRefund {
        if (id <= 0) {
            throw new IllegalArgumentException("a refund id is a positive number, was " + id);
        }
        if (orderId <= 0) {
            throw new IllegalArgumentException("an order id is a positive number, was " + orderId);
        }
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        if (lines.stream().map(Line::id).distinct().count() != lines.size()) {
            throw new IllegalArgumentException("refund " + id + " lists a refund line twice");
        }
    }
}
