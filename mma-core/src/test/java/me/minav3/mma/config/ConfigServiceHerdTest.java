package me.minav3.mma.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import me.minav3.mma.testing.InMemoryMega;
import me.minav3.mma.testing.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * When a cached key expires, the running pipeline's many threads must not each queue a read of it (decision 047: such
 * herds filled the request queue). One thread refreshes; the others keep answering from the version they had.
 */
class ConfigServiceHerdTest {

    private static final String KEY = ConfigKeys.PROVIDER_REGISTRY;

    /** The store of an in-memory database whose {@code latest} can be held open and counts its calls. */
    private static final class HeldStore implements ConfigStore {
        private final ConfigStore store = new InMemoryMega();
        final AtomicInteger reads = new AtomicInteger();
        volatile CountDownLatch hold = new CountDownLatch(0);
        final CountDownLatch entered = new CountDownLatch(1);

        @Override
        public Optional<ConfigVersion> latest(String key) {
            reads.incrementAndGet();
            entered.countDown();
            try {
                hold.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return store.latest(key);
        }

        @Override
        public Optional<ConfigVersion> version(String key, int version) {
            return store.version(key, version);
        }

        @Override
        public List<ConfigVersion> latestOfEach() {
            return store.latestOfEach();
        }

        @Override
        public List<ConfigVersion> history(String key) {
            return store.history(key);
        }

        @Override
        public ConfigVersion publish(String key, Map<String, Object> value, String actor, Instant at) {
            return store.publish(key, value, actor, at);
        }

        @Override
        public boolean seed(String key, Map<String, Object> value, Instant at) {
            return store.seed(key, value, at);
        }
    }

    @Test
    void anExpiredKeyIsReadOnceWhileTheOthersAnswerFromTheVersionTheyHad() throws Exception {
        var clock = new MutableClock();
        var store = new HeldStore();
        var config = new ConfigService(store, clock);
        config.seedDefaults();
        int first = config.require(KEY).version();
        assertThat(store.reads).hasValue(1);

        clock.advance(ConfigService.DEFAULT_TTL.plusMillis(1));
        store.hold = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            Future<Integer> refresher = pool.submit(() -> config.require(KEY).version());
            assertThat(store.entered.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<Integer>> others = new ArrayList<>();
            for (int i = 0; i < 31; i++) {
                others.add(pool.submit(() -> config.require(KEY).version()));
            }
            for (Future<Integer> other : others) {
                assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo(first);
            }
            assertThat(store.reads)
                    .as("one read for 32 callers of an expired key")
                    .hasValue(2);
            store.hold.countDown();
            assertThat(refresher.get(10, TimeUnit.SECONDS)).isEqualTo(first);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPublishedVersionIsSeenOnceTheTtlHasPassed() {
        var clock = new MutableClock();
        var store = new HeldStore();
        var config = new ConfigService(store, clock);
        config.seedDefaults();
        Map<String, Object> registry = config.value(KEY);
        int first = config.require(KEY).version();

        store.publish(KEY, registry, "test", clock.now());
        assertThat(config.require(KEY).version()).as("within the TTL").isEqualTo(first);
        clock.advance(Duration.ofSeconds(3));
        assertThat(config.require(KEY).version()).isEqualTo(first + 1);
    }
}
