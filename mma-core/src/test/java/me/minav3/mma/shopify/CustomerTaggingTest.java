package me.minav3.mma.shopify;

import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import me.minav3.mma.audit.AuditEntry;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.ProviderFailure.Kind;
import me.minav3.mma.testing.InMemoryMega;
import me.minav3.mma.testing.MutableClock;
import me.minav3.mma.testing.SequentialIds;
import org.junit.jupiter.api.Test;

class CustomerTaggingTest {

    private static final PassId PASS = PassId.shopify(555);
    private final InMemoryMega audit = new InMemoryMega();
    private final MutableClock clock = new MutableClock();
    private final ScriptedCommerce shop = new ScriptedCommerce();
    private final List<Duration> waits = new ArrayList<>();
    private final Queue<Runnable> queued = new ArrayDeque<>();
    private ShopifyConfig config = ShopifyConfig.standard();

    private CustomerTagging tagging(Executor executor) {
        return new CustomerTagging(() -> shop, audit, () -> config, executor, waits::add, clock, new SequentialIds());
    }

    private TagOutcome tagNow() {
        return tagging(Runnable::run).tagLater(555, PASS, 1001).join();
    }

    private AuditEntry onlyAudit() {
        assertThat(audit.recent(10)).hasSize(1);
        return audit.recent(1).get(0);
    }

    @Test
    void transientFailuresAreRetriedWithGrowingWaitsBeyondTheAdaptersOwn() {
        shop.failNext(Kind.SERVER_ERROR, Kind.RATE_LIMITED, Kind.CONNECTION);

        TagOutcome outcome = tagNow();

        assertThat(outcome.status()).isEqualTo(TagOutcome.Status.TAGGED);
        assertThat(outcome.attempts()).isEqualTo(4);
        assertThat(waits).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120));
        assertThat(onlyAudit().detail()).containsEntry("outcome", "tagged").containsEntry("attempts", 4);
    }

    @Test
    void givesUpWhenTheAttemptBudgetIsSpentAndSaysWhy() {
        config = ShopifyConfig.from(obj("tag_attempts", 3, "tag_first_backoff_ms", 1000, "tag_max_backoff_ms", 1500));
        shop.failNext(Kind.TIMEOUT, Kind.TIMEOUT, Kind.TIMEOUT, Kind.TIMEOUT);

        TagOutcome outcome = tagNow();

        assertThat(outcome.status()).isEqualTo(TagOutcome.Status.FAILED);
        assertThat(outcome.error()).startsWith("timeout: scripted TIMEOUT");
        assertThat(shop.calls).hasSize(3);
        assertThat(waits).containsExactly(Duration.ofMillis(1000), Duration.ofMillis(1500));
        assertThat(onlyAudit().status()).isEqualTo(502);
    }

    @Test
    void aRefusalIsNotRetried() {
        shop.failNext(Kind.CLIENT_ERROR);

        TagOutcome outcome = tagNow();

        assertThat(outcome.status()).isEqualTo(TagOutcome.Status.FAILED);
        assertThat(shop.calls).hasSize(1);
        assertThat(waits).isEmpty();
        assertThat(onlyAudit().detail())
                .containsEntry("outcome", "failed")
                .containsEntry("pass_id", "pass:shopify:555")
                .containsEntry("error", "client_error: scripted CLIENT_ERROR");
    }

    @Test
    void anUnexpectedExceptionBecomesAFailedTaggingNeverAnEscapingOne() {
        shop.failAlways(new IllegalStateException("boom"));

        assertThat(tagNow().status()).isEqualTo(TagOutcome.Status.FAILED);
        assertThat(onlyAudit().detail().get("error").toString()).contains("boom");
    }

    @Test
    void aRefusedTaskIsAFailedTagging() {
        TagOutcome outcome = tagging(task -> {
                    throw new java.util.concurrent.RejectedExecutionException("shutting down");
                })
                .tagLater(555, PASS, 1001)
                .join();

        assertThat(outcome.status()).isEqualTo(TagOutcome.Status.FAILED);
        assertThat(outcome.error()).contains("not started");
        assertThat(shop.calls).isEmpty();
    }

    @Test
    void itRunsOffTheCallersThreadAndDuplicatesShareOneCall() {
        CustomerTagging tagging = tagging(queued::add);

        CompletableFuture<TagOutcome> first = tagging.tagLater(555, PASS, 1001);
        CompletableFuture<TagOutcome> second = tagging.tagLater(555, PASS, 1001);

        assertThat(first).isNotDone();
        assertThat(second).isSameAs(first);
        assertThat(tagging.awaitIdle(Duration.ZERO)).isFalse();
        queued.forEach(Runnable::run);
        assertThat(first).isCompletedWithValueMatching(t -> t.status() == TagOutcome.Status.TAGGED);
        assertThat(shop.calls).hasSize(1);
        assertThat(tagging.awaitIdle(Duration.ZERO)).isTrue();
    }

    @Test
    void aCustomerTaggedMomentsAgoIsNotTaggedAgainButLaterIs() {
        CustomerTagging tagging = tagging(Runnable::run);
        tagging.tagLater(555, PASS, 1001).join();

        assertThat(tagging.tagLater(555, PASS, 1001).join().status()).isEqualTo(TagOutcome.Status.RECENTLY_TAGGED);
        clock.advance(Duration.ofMinutes(11));
        assertThat(tagging.tagLater(555, PASS, 1002).join().status()).isEqualTo(TagOutcome.Status.TAGGED);
        assertThat(shop.calls).hasSize(2);
    }

    @Test
    void aFailedTaggingIsTriedAgainOnTheNextDelivery() {
        CustomerTagging tagging = tagging(Runnable::run);
        shop.failNext(Kind.AUTH);
        assertThat(tagging.tagLater(555, PASS, 1001).join().status()).isEqualTo(TagOutcome.Status.FAILED);

        assertThat(tagging.tagLater(555, PASS, 1001).join().status()).isEqualTo(TagOutcome.Status.TAGGED);
    }
}
