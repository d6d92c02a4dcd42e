package me.minav3.mma.providers;

import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.ProviderTrace;
import me.minav3.mma.testing.PipelineFixture;
import me.minav3.mma.testing.SampleMedia;
import org.junit.jupiter.api.Test;

/** Each provider role runs at most {@code max_concurrency} calls at once; the rest wait their turn. */
class ProviderLimitsTest {

    private final PipelineFixture mma = new PipelineFixture();
    private final HeldImages slow = new HeldImages();
    private final ProviderRegistry registry = new ProviderRegistry(
            new ProviderRegistry.Available(
                    Map.of("local", mma.vision),
                    Map.of("local", mma.images, "slow", slow),
                    Map.of("local", mma.videos),
                    Map.of()),
            mma.config);

    ProviderLimitsTest() {
        publish(
                "mma.provider.registry",
                obj("vision", "local", "still", "slow", "video", "local", "fallback", "local"));
    }

    /**
     * Publishes as this process would: the store, then the cached version forgotten. Without the second step, a call
     * that overlaps another's read of the key answers from the version cached before (ConfigService reads a key once
     * at a time), and that version's limit resizes the bulkhead back for a moment.
     */
    private void publish(String key, Map<String, Object> value) {
        mma.stores.config().publish(key, value, "test", mma.clock.now());
        mma.config.invalidate(key);
    }

    @Test
    void aProviderNeverRunsMoreCallsAtOnceThanItsLimit() throws Exception {
        publish("mma.provider.slow.defaults", obj("max_concurrency", 3));
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            callers.add(Thread.ofVirtual().start(() -> registry.images().generate(job())));
        }

        awaitTrue(() ->
                usage("slow", "still").active() == 3 && usage("slow", "still").waiting() == 7);
        slow.open.countDown();
        for (Thread caller : callers) {
            caller.join(Duration.ofSeconds(30));
        }

        assertThat(slow.calls).hasValue(10);
        assertThat(slow.mostAtOnce).hasValue(3);
        assertThat(usage("slow", "still"))
                .extracting(ProviderRegistry.Usage::active, ProviderRegistry.Usage::waiting)
                .containsExactly(0, 0);
    }

    @Test
    void theLimitFollowsTheNewestConfigVersion() {
        slow.open.countDown();
        publish("mma.provider.slow.defaults", obj("max_concurrency", 5));
        registry.images().generate(job());
        assertThat(usage("slow", "still").limit()).isEqualTo(5);

        publish("mma.provider.slow.defaults", obj("max_concurrency", 2));
        registry.images().generate(job());
        assertThat(usage("slow", "still").limit()).isEqualTo(2);
    }

    @Test
    void aCallThatReadAnOlderConfigVersionNeverMovesTheLimitBack() {
        var gate = new ProviderLimits.Gate("slow", "still");
        gate.resize(16, 0); // the built-in value
        gate.resize(3, 2); // version 2 published
        gate.resize(16, 0); // a call that was answered from the version cached before
        gate.resize(5, 1);
        assertThat(gate.usage().limit()).isEqualTo(3);

        gate.resize(2, 3);
        assertThat(gate.usage().limit()).isEqualTo(2);
        gate.resize(2, 3); // the same version again changes nothing
        assertThat(gate.usage().limit()).isEqualTo(2);
    }

    @Test
    void withoutAConfiguredLimitTheBuiltInOneApplies() {
        assertThat(usage("local", "video").limit())
                .as("local video encoding is CPU-bound")
                .isEqualTo(2);
        assertThat(usage("local", "still").limit()).isEqualTo(4);
        assertThat(usage("slow", "still").limit())
                .as("a provider with no built-in value")
                .isEqualTo(16);
    }

    private ProviderRegistry.Usage usage(String provider, String role) {
        return registry.usage().stream()
                .filter(u -> u.provider().equals(provider) && u.role().equals(role))
                .findFirst()
                .orElseThrow();
    }

    private static ImageJob job() {
        return new ImageJob(new GenerationId("g1"), "a vase", AspectRatio.SQUARE, List.of(), Map.of(), Map.of());
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached");
            }
            Thread.sleep(5);
        }
    }

    /** An image provider that holds every call until the test opens it, counting how many are inside at once. */
    private static final class HeldImages implements ImageGenerator {
        final CountDownLatch open = new CountDownLatch(1);
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String name() {
            return "slow";
        }

        @Override
        public String family() {
            return "slow";
        }

        @Override
        public GeneratedMedia generate(ImageJob job) {
            calls.incrementAndGet();
            mostAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inside.decrementAndGet();
            }
            return new GeneratedMedia(
                    new MediaPayload.Bytes(SampleMedia.png(8, 8)), "slow", "held-1", ProviderTrace.EMPTY);
        }
    }
}
