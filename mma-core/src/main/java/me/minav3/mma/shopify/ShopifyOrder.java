package me.minav3.mma.shopify;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import me.minav3.mma.common.Emails;
import org.jspecify.annotations.Nullable;

/**
 * What matters of a Shopify order for matcha: who bought (customer id, email, the checkout's note attributes),
 * which line items, whether it is paid and whether it is a test order. Parsing Shopify's JSON is the app's job.
 *
 * @param customerId      the Shopify customer id; null for a guest checkout without a customer record
 * @param email           the buyer's email, normalized; null when the order has no usable one
 * @param noteAttributes  the cart attributes ({@code note_attributes}), e.g. {@code mina_pass_id}
 * @param createdAt       when the order was placed (null when unknown)
 * @param processedAt     when the payment was processed (null when unknown)
 * @param financialStatus Shopify's {@code financial_status}, lower case: {@code paid}, {@code pending}, …
 */
public record ShopifyOrder(
        long id,
        @Nullable Long customerId,
        @Nullable String email,
        Map<String, String> noteAttributes,
        List<LineItem> lineItems,
        @Nullable Instant createdAt,
        @Nullable Instant processedAt,
        boolean test,
        @Nullable String financialStatus) {

    /** One line of the order. {@code sku} is null for custom items without one. */
    public record LineItem(long id, @Nullable String sku, int quantity, String title) {
        public LineItem {
            if (id <= 0) {
                throw new IllegalArgumentException("a line item id is a positive number, was " + id);
            }
            if (quantity < 0) {
                throw new IllegalArgumentException("line item " + id + " has a negative quantity");
            }
            sku = sku == null || sku.isBlank() ? null : sku.strip();
        }
    }

    public ShopifyOrder {
        if (id <= 0) {
            throw new IllegalArgumentException("an order id is a positive number, was " + id);
        }
        if (customerId != null && customerId <= 0) {
            throw new IllegalArgumentException("a Shopify customer id is a positive number, was " + customerId);
        }
        email = email == null ? null : Emails.normalize(email);
        noteAttributes =
                Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNullElse(noteAttributes, Map.of())));
        lineItems = List.copyOf(Objects.requireNonNullElse(lineItems, List.of()));
        financialStatus = financialStatus == null || financialStatus.isBlank()
                ? null
                : financialStatus.strip().toLowerCase(Locale.ROOT);
    }

    /** The email if it is one a person could receive mail at, else null (what a parser hands to the constructor). */
    public static @Nullable String usableEmail(@Nullable String candidate) {
        if (candidate == null || candidate.isBlank()) {
            return null;
        }
        try {
            return Emails.normalize(candidate);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Only a paid order buys matcha; {@code orders/create} also fires for pending and authorized payments. */
    public boolean paid() {
        return "paid".equals(financialStatus);
    }

    /** A note attribute's value, stripped; empty when absent or blank. */
    public Optional<String> noteAttribute(String name) {
        String value = noteAttributes.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /**
     * When the matcha was bought: the payment time, else the order time, never later than {@code now} (a clock
     * ahead of ours must not lengthen the expiry).
     */
    public Instant purchasedAt(Instant now) {
        Instant at = processedAt != null ? processedAt : createdAt != null ? createdAt : now;
        return at.isAfter(now) ? now : at;
    }
}
