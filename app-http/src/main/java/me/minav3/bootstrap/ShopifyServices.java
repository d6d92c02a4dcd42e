package me.minav3.bootstrap;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import me.minav3.http.shopify.ShopifyWebhook;
import me.minav3.mma.audit.AuditLog;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.IdGenerator;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.credits.Credits;
import me.minav3.mma.credits.GrantCredits;
import me.minav3.mma.customers.CustomerStore;
import me.minav3.mma.providers.ProviderRegistry;
import me.minav3.mma.shopify.ApplyShopifyOrder;
import me.minav3.mma.shopify.ApplyShopifyRefund;
import me.minav3.mma.shopify.CheckoutLinks;
import me.minav3.mma.shopify.CustomerTagging;
import me.minav3.mma.shopify.ListRefunds;
import me.minav3.mma.shopify.PackPolicy;
import me.minav3.mma.shopify.ShopifyConfig;
import me.minav3.mma.shopify.WebhookSignature;
import org.jspecify.annotations.Nullable;

/**
 * The Shopify side of the product, assembled once by the composition root: the order and refund use cases, the tagging that
 * follows it (virtual threads, off the request thread), the checkout links and the webhook handler. Config rows
 * ({@code mma.packs}, {@code mma.shopify}) are read on each use, so a published version applies within seconds.
 */
public final class ShopifyServices implements AutoCloseable {

    /** How long shutdown waits for tagging under way before interrupting it (the credit is never affected). */
    static final Duration DRAIN = Duration.ofSeconds(10);

    private final ExecutorService taggingThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final CustomerTagging tagging;
    private final ApplyShopifyOrder orders;
    private final ApplyShopifyRefund refunds;
    private final ListRefunds refundList;
    private final CheckoutLinks checkout;
    private final ShopifyWebhook webhook;

    /**
     * @param webhookSecret {@code SHOPIFY_WEBHOOK_SECRET}; null refuses every webhook delivery
     * @param storeDomain   {@code SHOPIFY_STORE_DOMAIN}; null leaves checkout links off unless config names a shop
     */
    public ShopifyServices(
            CustomerStore customers,
            AuditLog audit,
            GrantCredits credits,
            Credits ledger,
            ConfigService config,
            ProviderRegistry providers,
            Clock clock,
            IdGenerator ids,
            @Nullable String webhookSecret,
            @Nullable String storeDomain) {
        this.tagging = new CustomerTagging(
                providers::commerce,
                audit,
                () -> settings(config),
                taggingThreads,
                CustomerTagging.Pause.real(),
                clock,
                ids);
        this.orders = new ApplyShopifyOrder(
                customers,
                credits,
                audit,
                () -> PackPolicy.fromConfig(config.value(ConfigKeys.PACKS)),
                () -> settings(config),
                tagging,
                clock,
                ids);
        this.refunds = new ApplyShopifyRefund(ledger, audit, clock);
        this.refundList = new ListRefunds(ledger, customers);
        this.checkout = new CheckoutLinks(storeDomain, () -> settings(config));
        this.webhook = new ShopifyWebhook(new WebhookSignature(webhookSecret), orders, refunds);
    }

    private static ShopifyConfig settings(ConfigService config) {
        return ShopifyConfig.from(config.value(ConfigKeys.SHOPIFY));
    }

    public ApplyShopifyOrder orders() {
        return orders;
    }

    public ApplyShopifyRefund refunds() {
        return refunds;
    }

    /** The console's read of refund lines ({@code GET /api/admin/refunds}). */
    public ListRefunds refundList() {
        return refundList;
    }

    public CustomerTagging tagging() {
        return tagging;
    }

    public CheckoutLinks checkout() {
        return checkout;
    }

    public ShopifyWebhook webhook() {
        return webhook;
    }

    /** Lets tagging under way finish (up to {@link #DRAIN}), then interrupts what is left (it is audited as failed). */
    @Override
    public void close() {
        tagging.awaitIdle(DRAIN);
        taggingThreads.shutdownNow();
        try {
            // Interrupted taggings still write their audit row; the database closes after this.
            taggingThreads.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
