package me.minav3.mma.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.minav3.mma.testing.MegaContract;
import org.junit.jupiter.api.Test;

/** What every {@link ConfigStore} must do: immutable versions, newest wins. */
public abstract class ConfigStoreContract extends MegaContract {

    private static String newKey() {
        return "test.k" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    void publishingWritesTheNextVersionAndReadersGetTheNewest() {
        String key = newKey();
        ConfigVersion v1 = stores.config().publish(key, Map.of("cost", 1), "tester", T0);
        ConfigVersion v2 = stores.config().publish(key, Map.of("cost", 2), "tester", T0.plusSeconds(1));

        assertThat(v1.version()).isEqualTo(1);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.id()).isEqualTo("app_config:" + key + ":v2");
        assertThat(stores.config().latest(key))
                .get()
                .extracting(ConfigVersion::value)
                .isEqualTo(Map.of("cost", 2));
        assertThat(stores.config().version(key, 1))
                .get()
                .extracting(ConfigVersion::value)
                .isEqualTo(Map.of("cost", 1));
        assertThat(stores.config().history(key))
                .extracting(ConfigVersion::version)
                .containsExactly(2, 1);
        assertThat(stores.config().latestOfEach())
                .filteredOn(v -> v.key().equals(key))
                .singleElement()
                .extracting(ConfigVersion::version)
                .isEqualTo(2);
    }

    @Test
    void seedingWritesVersionOneOnlyWhenTheKeyHasNone() {
        String key = newKey();

        assertThat(stores.config().seed(key, Map.of("a", true), T0)).isTrue();
        assertThat(stores.config().seed(key, Map.of("a", false), T0)).isFalse();
        stores.config().publish(key, Map.of("a", "published"), "tester", T0);
        assertThat(stores.config().seed(key, Map.of("a", false), T0)).isFalse();

        assertThat(stores.config().history(key))
                .extracting(ConfigVersion::version)
                .containsExactly(2, 1);
        assertThat(stores.config().version(key, 1))
                .get()
                .extracting(v -> v.value().get("a"))
                .isEqualTo(true);
    }

    @Test
    void concurrentPublishersEachGetTheirOwnVersion() throws Exception {
        String key = newKey();
        // More publishers than a store that merely retries on a lost race can serve: each must still get a version.
        int publishers = 16;
        int publishes = 96;
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        try {
            List<Future<ConfigVersion>> results = new ArrayList<>();
            for (int i = 0; i < publishes; i++) {
                int n = i;
                results.add(pool.submit(() -> stores.config().publish(key, Map.of("n", n), "tester", T0)));
            }
            List<Integer> versions = new ArrayList<>();
            for (Future<ConfigVersion> result : results) {
                versions.add(result.get().version());
            }
            assertThat(versions)
                    .doesNotHaveDuplicates()
                    .hasSize(publishes)
                    .allSatisfy(v -> assertThat(v).isBetween(1, publishes));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nestedValuesSurviveTheRoundTrip() {
        String key = newKey();
        Map<String, Object> value = Map.of(
                "system_prompt",
                "Be kind.\nReply with JSON.",
                "options",
                Map.of("temperature", 0.4, "tags", List.of("a", "b")));
        stores.config().publish(key, value, "tester", T0);

        assertThat(stores.config().latest(key).orElseThrow().value()).isEqualTo(value);
    }
}
