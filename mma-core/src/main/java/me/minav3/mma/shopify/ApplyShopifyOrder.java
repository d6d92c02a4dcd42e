package me.minav3.mma.shopify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import me.minav3.mma.audit.AuditEntry;
import me.minav3.mma.audit.AuditLog;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.IdGenerator;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.credits.CreditOutcome;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.credits.GrantCredits;
import me.minav3.mma.customers.Customer;
import me.minav3.mma.customers.CustomerStore;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.shopify.OrderOutcome.CreditedLine;
import me.minav3.mma.shopify.OrderOutcome.Reason;
import me.minav3.mma.shopify.ShopifyOrder.LineItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spec §5: credits a paid Shopify order's matcha packs to the right customer, exactly once. Every pack line is
 * its own purchase {@code credit_transaction:shopify:<order>:<line item>}, so any number of deliveries (retries,
 * {@code orders/create} and {@code orders/paid} of one order, concurrent or not) credit each line once. The
 * expiry moves to 30 days after the purchase (only ever later); a test order buys test matcha, which expire 30
 * days after the account was created. Every outcome is audited ({@code shopify.order}); after the credit
 * committed, the buyer is tagged in Shopify without waiting for it.
 */
public final class ApplyShopifyOrder {

    private static final Logger log = LoggerFactory.getLogger(ApplyShopifyOrder.class);
    static final String SOURCE = "shopify";
    static final String REF_TYPE = "shopify_order";

    private record PackLine(LineItem item, Matcha unit, Matcha total) {}

    private final CustomerStore customers;
    private final GrantCredits credits;
    private final AuditLog audit;
    private final OrderOwner owners;
    private final Supplier<PackPolicy> packs;
    private final Supplier<ShopifyConfig> config;
    private final CustomerTagging tagging;
    private final Clock clock;
    private final IdGenerator ids;

    public ApplyShopifyOrder(
            CustomerStore customers,
            GrantCredits credits,
            AuditLog audit,
            Supplier<PackPolicy> packs,
            Supplier<ShopifyConfig> config,
            CustomerTagging tagging,
            Clock clock,
            IdGenerator ids) {
        this.customers = customers;
        this.credits = credits;
        this.audit = audit;
        this.owners = new OrderOwner(customers);
        this.packs = packs;
        this.config = config;
        this.tagging = tagging;
        this.clock = clock;
        this.ids = ids;
    }

    public OrderOutcome apply(ShopifyOrder order, Delivery delivery) {
        PackPolicy policy = packs.get();
        List<PackLine> packLines = new ArrayList<>();
        List<LineItem> ignored = new ArrayList<>();
        for (LineItem item : order.lineItems()) {
            Optional<Matcha> unit = policy.unitValue(item.sku());
            if (unit.isEmpty() || item.quantity() == 0) {
                ignored.add(item);
            } else {
                packLines.add(new PackLine(item, unit.get(), packValue(order, item, unit.get())));
            }
        }
        if (packLines.isEmpty()) {
            return nothing(order, delivery, Reason.NO_PACK_LINES, "no line item is a matcha pack", List.of());
        }
        if (!order.paid()) {
            return nothing(
                    order,
                    delivery,
                    Reason.NOT_PAID,
                    "financial status is " + order.financialStatus() + "; the order is credited when it is paid",
                    List.of());
        }
        if (order.test() && !config.get().creditTestOrders()) {
            return nothing(
                    order,
                    delivery,
                    Reason.TEST_ORDER,
                    "test orders are not credited (mma.shopify.credit_test_orders)",
                    List.of());
        }
        return switch (owners.resolve(order)) {
            case OrderOwner.Nobody nobody ->
                nothing(
                        order,
                        delivery,
                        Reason.NO_OWNER,
                        "no identity to credit; fix the payload and run `mina shopify replay`",
                        nobody.notes());
            case OrderOwner.Owner owner -> credit(order, delivery, owner, packLines, ignored);
        };
    }

    private OrderOutcome credit(
            ShopifyOrder order,
            Delivery delivery,
            OrderOwner.Owner owner,
            List<PackLine> packLines,
            List<LineItem> ignored) {
        Instant purchasedAt = order.purchasedAt(clock.now());
        CreditReason reason = order.test() ? CreditReason.GRANT : CreditReason.PURCHASE;
        List<CreditedLine> lines = new ArrayList<>();
        for (PackLine line : packLines) {
            CreditTxId id = CreditTxId.shopify(order.id(), line.item().id());
            CreditOutcome outcome = credits.credit(new GrantCredits.Credit(
                    id,
                    owner.passId(),
                    line.total(),
                    reason,
                    SOURCE,
                    REF_TYPE,
                    Long.toString(order.id()),
                    describe(order, line),
                    owner.profile(),
                    purchasedAt,
                    meta(order, delivery, owner, line, purchasedAt)));
            lines.add(new CreditedLine(
                    line.item().id(),
                    line.item().sku(),
                    line.item().quantity(),
                    line.unit().amount(),
                    line.total().amount(),
                    id,
                    outcome instanceof CreditOutcome.Applied));
        }
        Customer customer = customers.find(owner.passId()).orElseThrow();
        long balance = customer.spendableAt(clock.now());
        record(order, delivery, owner, lines, ignored, balance);
        CompletableFuture<TagOutcome> tag = order.customerId() == null
                ? CompletableFuture.completedFuture(TagOutcome.notNeeded())
                : tagging.tagLater(order.customerId(), owner.passId(), order.id());
        return new OrderOutcome.Credited(
                order.id(),
                owner.passId(),
                owner.rule().wire(),
                lines,
                ignored,
                total(lines, false),
                total(lines, true),
                balance,
                customer.expiresAt(),
                owner.notes(),
                tag);
    }

    private static long total(List<CreditedLine> lines, boolean newlyOnly) {
        return lines.stream()
                .filter(l -> !newlyOnly || l.newlyApplied())
                .mapToLong(CreditedLine::matcha)
                .sum();
    }

    private static Matcha packValue(ShopifyOrder order, LineItem item, Matcha unit) {
        try {
            return unit.times(item.quantity());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("order " + order.id() + " line item " + item.id() + ": " + e.getMessage());
        }
    }

    private static String describe(ShopifyOrder order, PackLine line) {
        return line.item().sku() + " × " + line.item().quantity() + " (Shopify order " + order.id() + ")";
    }

    private static Map<String, Object> meta(
            ShopifyOrder order, Delivery delivery, OrderOwner.Owner owner, PackLine line, Instant purchasedAt) {
        return Json.obj(
                "order_id",
                order.id(),
                "line_item_id",
                line.item().id(),
                "sku",
                line.item().sku(),
                "quantity",
                line.item().quantity(),
                "unit_matcha",
                line.unit().amount(),
                "test",
                order.test(),
                "purchased_at",
                purchasedAt.toString(),
                "owner_rule",
                owner.rule().wire(),
                "topic",
                delivery.topic(),
                "webhook_id",
                delivery.webhookId(),
                "event_id",
                delivery.eventId(),
                "via",
                delivery.via());
    }

    private OrderOutcome nothing(
            ShopifyOrder order, Delivery delivery, Reason reason, String detail, List<String> notes) {
        var outcome = new OrderOutcome.NothingCredited(order.id(), reason, detail, notes);
        var entry = Json.obj(
                "order_id",
                order.id(),
                "outcome",
                reason.wire(),
                "detail",
                detail,
                "line_items",
                order.lineItems().stream()
                        .map(i -> Json.obj("line_item_id", i.id(), "sku", i.sku(), "quantity", i.quantity()))
                        .toList(),
                "financial_status",
                order.financialStatus(),
                "test",
                order.test(),
                "notes",
                notes);
        // Re-deliveries of an order that credits nothing write one row, not one per delivery.
        write("admin_audit:shopify.order:" + order.id() + ":" + reason.wire(), delivery, 202, entry);
        log.info(
                "shopify_order_acknowledged order_id={} outcome={} topic={} via={}",
                order.id(),
                reason.wire(),
                delivery.topic(),
                delivery.via());
        return outcome;
    }

    /**
     * A signed delivery whose body is not an order (Shopify sent it, so a retry sends the same bytes): credits
     * nothing and writes one {@code shopify.order} audit row per distinct body ({@code not_an_order}), so the
     * delivery can be acknowledged instead of failing until Shopify removes the subscription.
     *
     * @param bodySha256 the hex SHA-256 of the raw body, which names the row
     */
    public void acknowledgeNotAnOrder(Delivery delivery, String reason, String bodySha256, int bodyBytes) {
        var entry = Json.obj(
                "outcome", "not_an_order", "detail", reason, "body_sha256", bodySha256, "body_bytes", bodyBytes);
        write("admin_audit:shopify.order:not_an_order:" + bodySha256, delivery, 200, entry);
        log.warn(
                "shopify_webhook_not_an_order topic={} webhook_id={} body_sha256={} error=\"{}\"",
                delivery.topic(),
                delivery.webhookId(),
                bodySha256,
                reason);
    }

    private void record(
            ShopifyOrder order,
            Delivery delivery,
            OrderOwner.Owner owner,
            List<CreditedLine> lines,
            List<LineItem> ignored,
            long balance) {
        boolean again = lines.stream().noneMatch(CreditedLine::newlyApplied);
        var entry = Json.obj(
                "order_id",
                order.id(),
                "outcome",
                again ? "already_credited" : "credited",
                "pass_id",
                owner.passId().value(),
                "owner_rule",
                owner.rule().wire(),
                "shopify_customer_id",
                order.customerId(),
                "lines",
                lines.stream()
                        .map(l -> Json.obj(
                                "line_item_id",
                                l.lineItemId(),
                                "sku",
                                l.sku(),
                                "quantity",
                                l.quantity(),
                                "matcha",
                                l.matcha(),
                                "credit_id",
                                l.creditId().value(),
                                "newly_applied",
                                l.newlyApplied()))
                        .toList(),
                "ignored_line_items",
                ignored.stream().map(LineItem::id).toList(),
                "total",
                total(lines, false),
                "newly_credited",
                total(lines, true),
                "balance",
                balance,
                "test",
                order.test(),
                "notes",
                owner.notes());
        // A delivery that moved matcha has its own row; replays of a credited order share one.
        write(
                again ? "admin_audit:shopify.order:" + order.id() + ":already_credited" : "admin_audit:" + ids.newId(),
                delivery,
                again ? 208 : 200,
                entry);
        log.info(
                "shopify_order_credited order_id={} pass_id={} rule={} newly_credited={} total={} topic={} via={}",
                order.id(),
                owner.passId().value(),
                owner.rule().wire(),
                total(lines, true),
                total(lines, false),
                delivery.topic(),
                delivery.via());
    }

    private void write(String id, Delivery delivery, int status, Map<String, Object> detail) {
        detail.put("topic", delivery.topic());
        detail.put("webhook_id", delivery.webhookId());
        detail.put("event_id", delivery.eventId());
        detail.put("via", delivery.via());
        audit.record(new AuditEntry(
                id,
                delivery.actor().id(),
                "shopify.order",
                delivery.actor().route(),
                delivery.actor().method(),
                status,
                detail,
                clock.now()));
    }
}
