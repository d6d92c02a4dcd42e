package me.minav3.mma.shopify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link ShopifyOrder}s for tests: {@code Orders.paid(1001).customer(555).line(11, "MINA-50", 4).build()}. */
final class Orders {

    private final long id;
    private Long customerId;
    private String email;
    private final Map<String, String> notes = new LinkedHashMap<>();
    private final List<ShopifyOrder.LineItem> lines = new ArrayList<>();
    private Instant processedAt;
    private boolean test;
    private String financialStatus = "paid";

    private Orders(long id) {
        this.id = id;
    }

    static Orders paid(long id) {
        return new Orders(id);
    }

    Orders customer(long customerId) {
        this.customerId = customerId;
        return this;
    }

    Orders email(String email) {
        this.email = email;
        return this;
    }

    Orders note(String name, String value) {
        notes.put(name, value);
        return this;
    }

    Orders passId(String passId) {
        return note("mina_pass_id", passId);
    }

    Orders line(long lineItemId, String sku, int quantity) {
        lines.add(new ShopifyOrder.LineItem(
                lineItemId, sku, quantity, sku == null ? "Custom item" : "Matcha pack " + sku));
        return this;
    }

    Orders processedAt(Instant at) {
        this.processedAt = at;
        return this;
    }

    Orders test() {
        this.test = true;
        return this;
    }

    Orders status(String financialStatus) {
        this.financialStatus = financialStatus;
        return this;
    }

    ShopifyOrder build() {
        return new ShopifyOrder(id, customerId, email, notes, lines, processedAt, processedAt, test, financialStatus);
    }
}
