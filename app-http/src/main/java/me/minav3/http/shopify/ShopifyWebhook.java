package me.minav3.http.shopify;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Json;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.shopify.ApplyShopifyOrder;
import me.minav3.mma.shopify.ApplyShopifyRefund;
import me.minav3.mma.shopify.Delivery;
import me.minav3.mma.shopify.OrderOutcome;
import me.minav3.mma.shopify.RefundOutcome;
import me.minav3.mma.shopify.ShopifyOrder;
import me.minav3.mma.shopify.ShopifyRefund;
import me.minav3.mma.shopify.WebhookSignature;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shopify order deliveries, in one place: {@code POST /api/shopify/orders-paid} without the HTTP server (the route
 * hands over the raw body and the headers and sends back {@link Response}) and {@code mina shopify replay}
 * ({@link #replay}); both parse the order the same way, apply it with {@link ApplyShopifyOrder} and answer with
 * {@link #answer}. The signature is checked on the raw bytes before anything is parsed; a
 * missing or wrong one is 401 and writes nothing. A signed body that is not an order is acknowledged (200,
 * {@code not_an_order}) and audited, never credited: Shopify would resend the same bytes and, after repeated
 * failures, remove the subscription. Order topics ({@code orders/paid}, {@code orders/create},
 * {@code orders/updated}) are applied; {@code refunds/create} ({@code POST /api/shopify/refunds}, or any delivery with
 * that topic) is applied with {@link ApplyShopifyRefund} (decision 029), and a signed body that is not a refund is
 * 400 with nothing written; any other topic is acknowledged (200) and ignored. The answer does not
 * wait for the customer tagging. Storage faults propagate as {@link me.minav3.mma.error.MinaException}s (the
 * server's error mapping answers 5xx, and Shopify retries).
 */
public final class ShopifyWebhook {

    private static final Logger log = LoggerFactory.getLogger(ShopifyWebhook.class);

    public static final String HMAC_HEADER = "X-Shopify-Hmac-Sha256";
    public static final String TOPIC_HEADER = "X-Shopify-Topic";
    public static final String WEBHOOK_ID_HEADER = "X-Shopify-Webhook-Id";
    public static final String EVENT_ID_HEADER = "X-Shopify-Event-Id";
    /** The largest body the webhook route reads (an order is a few KiB); more is refused before the signature check. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    public static final Set<String> ORDER_TOPICS = Set.of("orders/paid", "orders/create", "orders/updated");

    /** What to answer: the status and a JSON body ({@code application/problem+json} when 4xx). */
    public record Response(int status, Map<String, Object> body) {
        public String contentType() {
            return status >= 400 ? "application/problem+json" : "application/json";
        }
    }

    private final WebhookSignature signature;
    private final ApplyShopifyOrder orders;
    private final ApplyShopifyRefund refunds;

    public ShopifyWebhook(WebhookSignature signature, ApplyShopifyOrder orders, ApplyShopifyRefund refunds) {
        this.signature = signature;
        this.orders = orders;
        this.refunds = refunds;
    }

    /**
     * {@code POST /api/shopify/refunds}: like {@link #handle}, with {@code refunds/create} as the topic when the
     * header is missing.
     */
    public Response handleRefund(byte[] rawBody, Map<String, String> headers) {
        return dispatch(rawBody, headers, Delivery.REFUNDS_CREATE, Delivery.REFUNDS_ROUTE);
    }

    /**
     * @param rawBody the request body exactly as received (never re-serialized JSON)
     * @param headers the request headers; names in any case
     */
    public Response handle(byte[] rawBody, Map<String, String> headers) {
        return dispatch(rawBody, headers, Delivery.ORDERS_PAID, Delivery.WEBHOOK_ROUTE);
    }

    @SuppressWarnings("NullAway") // nulls the called code does not yet declare @Nullable: listed in the issue 25 report
    private Response dispatch(byte[] rawBody, Map<String, String> headers, String defaultTopic, String route) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null && value != null) {
                    h.put(name, value);
                }
            });
        }
        if (!signature.verify(rawBody, h.get(HMAC_HEADER))) {
            log.warn(
                    "shopify_webhook_refused reason={} topic={} webhook_id={}",
                    !signature.configured()
                            ? "no_secret_configured"
                            : h.containsKey(HMAC_HEADER) ? "bad_signature" : "no_signature",
                    printable(h.get(TOPIC_HEADER)),
                    printable(h.get(WEBHOOK_ID_HEADER)));
            return new Response(
                    401,
                    ShopifyViews.problem(
                            401,
                            "Unauthorized",
                            "missing or invalid " + HMAC_HEADER
                                    + " (HMAC-SHA256 of the raw body with the webhook secret)"));
        }
        String topic =
                h.get(TOPIC_HEADER) == null || h.get(TOPIC_HEADER).isBlank() ? defaultTopic : h.get(TOPIC_HEADER);
        Delivery delivery = Delivery.webhook(topic, h.get(WEBHOOK_ID_HEADER), h.get(EVENT_ID_HEADER), route);
        if (Delivery.REFUNDS_CREATE.equals(delivery.topic())) {
            return refund(rawBody, delivery);
        }
        if (!ORDER_TOPICS.contains(delivery.topic())) {
            log.info(
                    "shopify_webhook_ignored topic={} webhook_id={}",
                    printable(delivery.topic()),
                    delivery.webhookId());
            return new Response(200, Json.obj("status", "ignored", "topic", delivery.topic()));
        }
        try {
            ShopifyOrder order = ShopifyOrderJson.parse(rawBody);
            OrderOutcome outcome = orders.apply(order, delivery);
            return new Response(200, answer(outcome));
        } catch (InvalidInput e) {
            // Signed by Shopify: a retry would send the same bytes, and failed deliveries end the subscription.
            orders.acknowledgeNotAnOrder(delivery, e.getMessage(), sha256(rawBody), rawBody.length);
            return new Response(200, Json.obj("status", "not_an_order", "detail", e.getMessage()));
        }
    }

    /**
     * A refund is money taken back: one that cannot be read is refused (400, nothing written) and stays visible as a
     * failing delivery in Shopify's admin rather than being acknowledged and lost (decision 029).
     */
    private Response refund(byte[] rawBody, Delivery delivery) {
        ShopifyRefund refund;
        try {
            refund = ShopifyRefundJson.parse(rawBody);
        } catch (InvalidInput e) {
            log.warn(
                    "shopify_refund_unreadable webhook_id={} body_sha256={} error=\"{}\"",
                    delivery.webhookId(),
                    sha256(rawBody),
                    e.getMessage());
            return new Response(400, ShopifyViews.problem(400, "Bad Request", String.valueOf(e.getMessage())));
        }
        RefundOutcome outcome = refunds.apply(refund, delivery);
        return new Response(200, ShopifyViews.refund(outcome));
    }

    /**
     * {@code mina shopify replay}: applies an order payload exactly as the webhook would, without the signature
     * check (the operator holds the file). {@link InvalidInput} when the bytes are not an order.
     */
    public OrderOutcome replay(byte[] body, String topic, Actor actor) {
        return orders.apply(ShopifyOrderJson.parse(body), Delivery.replay(actor, topic));
    }

    /** The JSON of an applied order: the webhook's answer and {@code mina shopify replay --json}. */
    public static Map<String, Object> answer(OrderOutcome outcome) {
        return ShopifyViews.outcome(outcome);
    }

    private static String sha256(byte[] body) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static @Nullable String printable(@Nullable String value) {
        return value == null
                ? null
                : value.replaceAll("[^\\x21-\\x7e]", "?").substring(0, Math.min(value.length(), 100));
    }
}
