package me.minav3.mma.shopify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import me.minav3.mma.audit.AuditEntry;
import me.minav3.mma.credits.CreditBalance;
import me.minav3.mma.credits.ExpiryPolicy;
import me.minav3.mma.credits.GrantCredits;
import me.minav3.mma.testing.InMemoryMega;
import me.minav3.mma.testing.MutableClock;
import me.minav3.mma.testing.SequentialIds;

/** ApplyShopifyOrder on the in-memory MEGA tables, with a scripted shop; tagging runs on the caller's thread. */
final class ShopifyFixture {

    final InMemoryMega mega = new InMemoryMega();
    final MutableClock clock = new MutableClock();
    final SequentialIds ids = new SequentialIds();
    final ScriptedCommerce shop = new ScriptedCommerce();
    final List<Duration> waits = new ArrayList<>();
    ShopifyConfig config = ShopifyConfig.standard();
    PackPolicy packs = PackPolicy.standard();
    final CustomerTagging tagging =
            new CustomerTagging(() -> shop, mega, () -> config, Runnable::run, waits::add, clock, ids);
    final GrantCredits grants = new GrantCredits(mega, mega, mega, new ExpiryPolicy(), clock, ids);
    final CreditBalance balances = new CreditBalance(mega, mega, clock);
    final ApplyShopifyOrder apply =
            new ApplyShopifyOrder(mega, grants, mega, () -> packs, () -> config, tagging, clock, ids);

    final ApplyShopifyRefund refunds = new ApplyShopifyRefund(mega, mega, clock);

    RefundOutcome refunded(ShopifyRefund refund) {
        return refunds.apply(
                refund, Delivery.webhook(Delivery.REFUNDS_CREATE, "wh-r" + refund.id(), null, Delivery.REFUNDS_ROUTE));
    }

    OrderOutcome paid(ShopifyOrder order) {
        return apply.apply(order, Delivery.webhook("orders/paid", "wh-" + order.id(), null));
    }

    OrderOutcome.Credited credited(ShopifyOrder order) {
        return (OrderOutcome.Credited) paid(order);
    }

    List<AuditEntry> audits(String action) {
        return mega.recent(1000).stream().filter(a -> a.action().equals(action)).toList();
    }
}
