package me.minav3.mma.shopify;

import java.util.Objects;
import me.minav3.mma.common.Actor;
import org.jspecify.annotations.Nullable;

/**
 * How an order reached us: a webhook delivery (its topic and Shopify's ids, kept in the ledger rows and the
 * audit) or an operator's replay.
 *
 * @param webhookId {@code X-Shopify-Webhook-Id}: the same for every retry of one delivery
 * @param eventId   {@code X-Shopify-Event-Id}: the same for every topic fired by one event
 */
public record Delivery(
        String topic, @Nullable String webhookId, @Nullable String eventId, Actor actor, boolean replay) {

    public static final String ORDERS_PAID = "orders/paid";
    public static final String WEBHOOK_ROUTE = "/api/shopify/orders-paid";
    public static final String REFUNDS_CREATE = "refunds/create";
    public static final String REFUNDS_ROUTE = "/api/shopify/refunds";

    public Delivery {
        topic = topic == null || topic.isBlank() ? ORDERS_PAID : topic.strip();
        webhookId = trim(webhookId);
        eventId = trim(eventId);
        Objects.requireNonNull(actor, "actor");
    }

    public static Delivery webhook(String topic, String webhookId, String eventId) {
        return new Delivery(topic, webhookId, eventId, new Actor("shopify", WEBHOOK_ROUTE, "POST"), false);
    }

    /** A delivery to {@code route} (the refunds webhook has its own); the topic as Shopify named it. */
    public static Delivery webhook(String topic, String webhookId, String eventId, String route) {
        return new Delivery(topic, webhookId, eventId, new Actor("shopify", route, "POST"), false);
    }

    public static Delivery replay(Actor actor, String topic) {
        return new Delivery(topic, null, null, actor, true);
    }

    public String via() {
        return replay ? "replay" : "webhook";
    }

    /** Header values are kept short and printable: they end up in stored JSON. */
    private static @Nullable String trim(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String printable = value.strip().replaceAll("[^\\x21-\\x7e]", "");
        return printable.length() > 100 ? printable.substring(0, 100) : printable;
    }
}
