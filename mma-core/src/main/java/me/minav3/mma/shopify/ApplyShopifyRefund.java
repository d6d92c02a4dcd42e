package me.minav3.mma.shopify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import me.minav3.mma.audit.AuditEntry;
import me.minav3.mma.audit.AuditLog;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTransaction;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.credits.Credits;
import me.minav3.mma.credits.TakeBack;
import me.minav3.mma.credits.TakeBackOutcome;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 20.2, decision 029: a Shopify refund takes back the matcha its refunded pack lines bought, exactly once and
 * never below zero. The owner and the value of a line come from the ledger, not from the refund: the line's purchase
 * {@code credit_transaction:shopify:<order>:<line item>} names the customer {@link ApplyShopifyOrder} credited and
 * what it bought, so a refund line is worth {@code purchase × refunded quantity / bought quantity}. Each refund line
 * is one {@link Credits#takeBack} ({@code credit_transaction:shopify_refund:<refund>:<refund line>}), which takes
 * {@code min(owed, balance)} and records what could not be taken back. A line the ledger never credited is recorded
 * (in the audit), not guessed; a refund none of whose lines was credited takes nothing.
 */
public final class ApplyShopifyRefund {

    private static final Logger log = LoggerFactory.getLogger(ApplyShopifyRefund.class);
    static final String ACTION = "shopify.refund";
    static final String REF_TYPE = "shopify_refund";

    private final Credits credits;
    private final AuditLog audit;
    private final Clock clock;

    public ApplyShopifyRefund(Credits credits, AuditLog audit, Clock clock) {
        this.credits = credits;
        this.audit = audit;
        this.clock = clock;
    }

    public RefundOutcome apply(ShopifyRefund refund, Delivery delivery) {
        Instant now = clock.now();
        List<RefundOutcome.Line> lines = new ArrayList<>();
        Set<PassId> expiredChecked = new HashSet<>();
        PassId owner = null;
        long balance = 0;
        boolean anyNew = false;
        for (ShopifyRefund.Line line : refund.lines()) {
            Optional<CreditTransaction> purchase = purchaseOf(refund, line);
            if (purchase.isEmpty()) {
                lines.add(new RefundOutcome.Line(line, null, false));
                continue;
            }
            PassId passId = purchase.get().passId();
            if (expiredChecked.add(passId)) {
                // Matcha past their expiry are gone already; zero them first (as a grant does) so none are taken twice.
                credits.expireIfDue(passId, now);
            }
            TakeBackOutcome outcome = credits.takeBack(new TakeBack(
                    CreditTxId.shopifyRefund(refund.id(), line.id()),
                    passId,
                    purchase.get().id(),
                    requested(purchase.get(), line),
                    ApplyShopifyOrder.SOURCE,
                    REF_TYPE,
                    Long.toString(refund.id()),
                    now,
                    detail(refund, line, delivery)));
            lines.add(new RefundOutcome.Line(line, outcome.record(), outcome.newlyApplied()));
            anyNew |= outcome.newlyApplied();
            owner = owner == null ? passId : owner;
            balance = outcome.balance();
        }
        RefundOutcome.Status status = owner == null
                ? RefundOutcome.Status.NOT_CREDITED
                : anyNew ? RefundOutcome.Status.APPLIED : RefundOutcome.Status.ALREADY_APPLIED;
        RefundOutcome outcome =
                new RefundOutcome(refund.id(), refund.orderId(), status, owner, lines, owner == null ? null : balance);
        record(refund, delivery, outcome);
        return outcome;
    }

    /**
     * The line's purchase, when the ledger credited it from a Shopify order ({@link ApplyShopifyOrder}). Anything
     * else (no row, or a row that is not a pack purchase) is not guessed at.
     */
    private Optional<CreditTransaction> purchaseOf(ShopifyRefund refund, ShopifyRefund.Line line) {
        return credits.find(CreditTxId.shopify(refund.orderId(), line.lineItemId()))
                .filter(t -> t.delta() > 0)
                .filter(t -> t.reason() == CreditReason.PURCHASE || t.reason() == CreditReason.GRANT)
                .filter(t -> ApplyShopifyOrder.REF_TYPE.equals(t.refType()))
                .filter(t -> boughtQuantity(t) > 0);
    }

    private static long boughtQuantity(CreditTransaction purchase) {
        return purchase.meta().get("quantity") instanceof Number n ? n.longValue() : 0;
    }

    /** What the refunded quantity bought: exact, since a pack line credits unit × quantity. */
    private static long requested(CreditTransaction purchase, ShopifyRefund.Line line) {
        long bought = boughtQuantity(purchase);
        long quantity = Math.min(line.quantity(), bought);
        return Math.multiplyExact(purchase.delta(), quantity) / bought;
    }

    private static Map<String, Object> detail(ShopifyRefund refund, ShopifyRefund.Line line, Delivery delivery) {
        return Json.obj(
                "refund_id",
                refund.id(),
                "order_id",
                refund.orderId(),
                "refund_line_id",
                line.id(),
                "line_item_id",
                line.lineItemId(),
                "sku",
                line.sku(),
                "quantity",
                line.quantity(),
                "refund_created_at",
                refund.createdAt() == null ? null : refund.createdAt().toString(),
                "topic",
                delivery.topic(),
                "webhook_id",
                delivery.webhookId(),
                "via",
                delivery.via());
    }

    /**
     * One audit row per refund ({@code admin_audit:shopify.refund:<refund>}): the first delivery that gets there
     * writes it, and every delivery would write the same lines (the records are stored once), so replays add none.
     */
    private void record(ShopifyRefund refund, Delivery delivery, RefundOutcome outcome) {
        var detail = Json.obj(
                "refund_id",
                refund.id(),
                "order_id",
                refund.orderId(),
                "outcome",
                outcome.status() == RefundOutcome.Status.NOT_CREDITED ? "not_credited" : "recorded",
                "pass_id",
                outcome.passId() == null ? null : outcome.passId().value(),
                "lines",
                outcome.lines().stream().map(ApplyShopifyRefund::auditLine).toList(),
                "owed",
                outcome.owed(),
                "taken",
                outcome.taken(),
                "not_taken_back",
                outcome.notTakenBack(),
                "topic",
                delivery.topic(),
                "webhook_id",
                delivery.webhookId(),
                "event_id",
                delivery.eventId(),
                "via",
                delivery.via());
        audit.record(new AuditEntry(
                "admin_audit:" + ACTION + ":" + refund.id(),
                delivery.actor().id(),
                ACTION,
                delivery.actor().route(),
                delivery.actor().method(),
                200,
                detail,
                clock.now()));
        log.info(
                "shopify_refund_applied refund_id={} order_id={} status={} pass_id={} owed={} taken={} not_taken_back={} via={}",
                refund.id(),
                refund.orderId(),
                outcome.status().wire(),
                outcome.passId() == null ? null : outcome.passId().value(),
                outcome.owed(),
                outcome.taken(),
                outcome.notTakenBack(),
                delivery.via());
    }

    private static Map<String, Object> auditLine(RefundOutcome.Line l) {
        return Json.obj(
                "refund_line_id",
                l.line().id(),
                "line_item_id",
                l.line().lineItemId(),
                "sku",
                l.line().sku(),
                "quantity",
                l.line().quantity(),
                "status",
                l.status(),
                "owed",
                l.owed(),
                "taken",
                l.taken(),
                "not_taken_back",
                l.notTakenBack(),
                "take_back_id",
                takeBackId(l));
    }

    private static @Nullable String takeBackId(RefundOutcome.Line l) {
        return l.record() == null ? null : l.record().id().value();
    }
}
