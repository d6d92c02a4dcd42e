package me.minav3.http.shopify;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import me.minav3.mma.common.Json;
import me.minav3.mma.shopify.OrderOutcome;
import me.minav3.mma.shopify.RefundOutcome;
import me.minav3.mma.shopify.TagOutcome;

/** The JSON shapes of an applied order, shared by the webhook's answer and {@code mina shopify replay --json}. */
final class ShopifyViews {

    private ShopifyViews() {}

    static Map<String, Object> outcome(OrderOutcome outcome) {
        return switch (outcome) {
            case OrderOutcome.Credited c ->
                Json.obj(
                        "status", c.alreadyCredited() ? "already_credited" : "credited",
                        "order_id", c.orderId(),
                        "pass_id", c.passId().value(),
                        "owner_rule", c.rule(),
                        "lines",
                                c.lines().stream()
                                        .map(l -> Json.obj(
                                                "line_item_id",
                                                l.lineItemId(),
                                                "sku",
                                                l.sku(),
                                                "quantity",
                                                l.quantity(),
                                                "unit_matcha",
                                                l.unitMatcha(),
                                                "matcha",
                                                l.matcha(),
                                                "credit_id",
                                                l.creditId().value(),
                                                "newly_credited",
                                                l.newlyApplied()))
                                        .toList(),
                        "ignored_lines",
                                c.ignoredLines().stream()
                                        .map(i -> Json.obj(
                                                "line_item_id", i.id(), "sku", i.sku(), "quantity", i.quantity()))
                                        .toList(),
                        "total", c.total(),
                        "newly_credited", c.newlyCredited(),
                        "balance", c.balance(),
                        "expires_at",
                                c.expiresAt() == null ? null : c.expiresAt().toString(),
                        "notes", c.notes(),
                        "tagging", tagging(c.tagging()));
            case OrderOutcome.NothingCredited n ->
                Json.obj(
                        "status", n.reason().wire(),
                        "order_id", n.orderId(),
                        "detail", n.detail(),
                        "notes", n.notes());
        };
    }

    /** A finished tagging as it ended; one still running as {@code {"status": "pending"}}. */
    static Map<String, Object> tagging(CompletableFuture<TagOutcome> tagging) {
        if (tagging == null || !tagging.isDone()) {
            return Json.obj("status", "pending");
        }
        TagOutcome t = tagging.join();
        return Json.obj(
                "status",
                t.status().wire(),
                "customer_id",
                t.customerId(),
                "tag",
                t.tag(),
                "provider",
                t.provider(),
                "attempts",
                t.attempts(),
                "error",
                t.error());
    }

    /** The webhook's answer to a refund: per line what was owed, taken back and not taken back. */
    static Map<String, Object> refund(RefundOutcome outcome) {
        return Json.obj(
                "status",
                outcome.status().wire(),
                "refund_id",
                outcome.refundId(),
                "order_id",
                outcome.orderId(),
                "pass_id",
                outcome.passId() == null ? null : outcome.passId().value(),
                "owed",
                outcome.owed(),
                "taken",
                outcome.taken(),
                "not_taken_back",
                outcome.notTakenBack(),
                "balance",
                outcome.balance(),
                "lines",
                outcome.lines().stream()
                        .map(l -> Json.obj(
                                "refund_line_id",
                                l.line().id(),
                                "line_item_id",
                                l.line().lineItemId(),
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
                                "newly_applied",
                                l.newlyApplied()))
                        .toList());
    }

    static Map<String, Object> problem(int status, String title, String detail) {
        return Json.obj("type", "about:blank", "title", title, "status", status, "detail", detail);
    }
}
