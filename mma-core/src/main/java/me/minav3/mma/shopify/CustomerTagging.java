package me.minav3.mma.shopify;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import me.minav3.mma.audit.AuditEntry;
import me.minav3.mma.audit.AuditLog;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.IdGenerator;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.ProviderFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spec §5.3: tags a buyer {@code Mina-users} in Shopify after their credit committed. It runs off the caller's
 * thread, never throws, never touches credits, and writes one {@code admin_audit} row ({@code shopify.tag}) with
 * how it ended. On top of the adapter's own retries it retries transient failures with a longer backoff
 * ({@code mma.shopify.tag_*}). Tagging is idempotent in Shopify, so a replayed order simply tags again; a
 * process that dies mid-way loses only the tag, which {@code mina shopify replay} restores.
 */
public final class CustomerTagging {

    private static final Logger log = LoggerFactory.getLogger(CustomerTagging.class);
    private static final Set<ProviderFailure.Kind> TRANSIENT = EnumSet.of(
            ProviderFailure.Kind.TIMEOUT,
            ProviderFailure.Kind.RATE_LIMITED,
            ProviderFailure.Kind.SERVER_ERROR,
            ProviderFailure.Kind.CONNECTION);
    /** Duplicate deliveries within this window tag once. */
    private static final Duration RECENT = Duration.ofMinutes(10);

    /** Waits between attempts; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;

        static Pause real() {
            return duration -> Thread.sleep(duration);
        }
    }

    private final Supplier<CommerceGateway> gateway;
    private final AuditLog audit;
    private final Supplier<ShopifyConfig> config;
    private final Executor executor;
    private final Pause pause;
    private final Clock clock;
    private final IdGenerator ids;
    private final Map<Long, CompletableFuture<TagOutcome>> inFlight = new ConcurrentHashMap<>();
    private final Map<Long, Instant> recentlyTagged = new ConcurrentHashMap<>();

    /** @param executor where tagging runs; production passes a virtual thread per task */
    public CustomerTagging(
            Supplier<CommerceGateway> gateway,
            AuditLog audit,
            Supplier<ShopifyConfig> config,
            Executor executor,
            Pause pause,
            Clock clock,
            IdGenerator ids) {
        this.gateway = gateway;
        this.audit = audit;
        this.config = config;
        this.executor = executor;
        this.pause = pause;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Starts tagging the customer unless it is already under way or done moments ago; returns at once. The
     * future completes with how it ended and never completes exceptionally.
     */
    public CompletableFuture<TagOutcome> tagLater(long shopifyCustomerId, PassId passId, long orderId) {
        CompletableFuture<TagOutcome> mine = new CompletableFuture<>();
        CompletableFuture<TagOutcome> running = inFlight.putIfAbsent(shopifyCustomerId, mine);
        if (running != null) {
            return running;
        }
        // Checked after taking the slot: a tagging that just finished recorded itself before it gave the slot up.
        Instant tagged = recentlyTagged.get(shopifyCustomerId);
        if (tagged != null && tagged.plus(RECENT).isAfter(clock.now())) {
            finish(
                    shopifyCustomerId,
                    mine,
                    new TagOutcome(
                            TagOutcome.Status.RECENTLY_TAGGED,
                            shopifyCustomerId,
                            config.get().customerTag(),
                            null,
                            0,
                            null));
            return mine;
        }
        try {
            executor.execute(() -> finish(shopifyCustomerId, mine, tag(shopifyCustomerId, passId, orderId)));
        } catch (RuntimeException e) {
            // A rejected task (shutting down) is a failed tagging, never a failed order.
            finish(
                    shopifyCustomerId,
                    mine,
                    failed(
                            shopifyCustomerId,
                            passId,
                            orderId,
                            config.get().customerTag(),
                            "?",
                            0,
                            "not started: " + e));
        }
        return mine;
    }

    /** Waits until no tagging is running (graceful shutdown, the CLI); false when time ran out. */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!inFlight.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                CompletableFuture.allOf(inFlight.values().toArray(CompletableFuture[]::new))
                        .get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                // Futures never fail; keep waiting for the rest.
            }
        }
        return true;
    }

    private void finish(long customerId, CompletableFuture<TagOutcome> future, TagOutcome outcome) {
        if (outcome.status() == TagOutcome.Status.TAGGED) {
            Instant now = clock.now();
            recentlyTagged.put(customerId, now);
            if (recentlyTagged.size() > 10_000) {
                recentlyTagged.values().removeIf(at -> !at.plus(RECENT).isAfter(now));
            }
        }
        inFlight.remove(customerId, future);
        future.complete(outcome);
    }

    private TagOutcome tag(long customerId, PassId passId, long orderId) {
        ShopifyConfig settings = config.get();
        String tag = settings.customerTag();
        String provider = "?";
        for (int attempt = 1; ; attempt++) {
            try {
                CommerceGateway shop = gateway.get();
                provider = shop.name();
                shop.addCustomerTags(customerId, List.of(tag));
                TagOutcome outcome = new TagOutcome(TagOutcome.Status.TAGGED, customerId, tag, provider, attempt, null);
                record(outcome, passId, orderId);
                log.info(
                        "shopify_tagged customer_id={} pass_id={} order_id={} tag={} provider={} attempts={}",
                        customerId,
                        passId.value(),
                        orderId,
                        tag,
                        provider,
                        attempt);
                return outcome;
            } catch (ProviderFailure failure) {
                String error = failure.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + failure.getMessage();
                if (!TRANSIENT.contains(failure.kind()) || attempt >= settings.tagAttempts()) {
                    return failed(customerId, passId, orderId, tag, provider, attempt, error);
                }
                Duration wait = settings.tagBackoff(attempt);
                log.info(
                        "shopify_tag_retry customer_id={} attempt={} wait_ms={} error=\"{}\"",
                        customerId,
                        attempt,
                        wait.toMillis(),
                        error);
                try {
                    pause.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return failed(customerId, passId, orderId, tag, provider, attempt, error + " (interrupted)");
                }
            } catch (RuntimeException e) {
                return failed(customerId, passId, orderId, tag, provider, attempt, "unexpected: " + e);
            }
        }
    }

    private TagOutcome failed(
            long customerId, PassId passId, long orderId, String tag, String provider, int attempts, String error) {
        TagOutcome outcome = new TagOutcome(TagOutcome.Status.FAILED, customerId, tag, provider, attempts, error);
        log.warn(
                "shopify_tag_failed customer_id={} pass_id={} order_id={} tag={} provider={} attempts={} error=\"{}\"",
                customerId,
                passId.value(),
                orderId,
                tag,
                provider,
                attempts,
                error);
        record(outcome, passId, orderId);
        return outcome;
    }

    private void record(TagOutcome outcome, PassId passId, long orderId) {
        try {
            audit.record(new AuditEntry(
                    "admin_audit:" + ids.newId(),
                    Actor.SYSTEM.id(),
                    "shopify.tag",
                    Actor.SYSTEM.route(),
                    Actor.SYSTEM.method(),
                    outcome.status() == TagOutcome.Status.TAGGED ? 200 : 502,
                    Json.obj(
                            "outcome",
                            outcome.status().wire(),
                            "customer_id",
                            outcome.customerId(),
                            "pass_id",
                            passId.value(),
                            "order_id",
                            orderId,
                            "tag",
                            outcome.tag(),
                            "provider",
                            outcome.provider(),
                            "attempts",
                            outcome.attempts(),
                            "error",
                            outcome.error()),
                    clock.now()));
        } catch (RuntimeException e) {
            log.warn(
                    "shopify_tag_audit_failed customer_id={} outcome={} error=\"{}\"",
                    outcome.customerId(),
                    outcome.status().wire(),
                    e.toString());
        }
    }
}
