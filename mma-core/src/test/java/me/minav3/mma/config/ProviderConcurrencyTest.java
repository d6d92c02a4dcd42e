package me.minav3.mma.config;

import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import me.minav3.mma.error.InvalidInput;
import org.junit.jupiter.api.Test;

/** {@code max_concurrency}: a number for every role, or one per role; what is left out keeps the built-in value. */
class ProviderConcurrencyTest {

    @Test
    void aNumberAppliesToEveryRoleAndAnObjectToEachRole() {
        assertThat(ProviderConcurrency.of("seedream", "still", obj("max_concurrency", 7)))
                .isEqualTo(7);
        assertThat(ProviderConcurrency.of("local", "video", obj("max_concurrency", obj("video", 1))))
                .isEqualTo(1);
        assertThat(ProviderConcurrency.of("local", "still", obj("max_concurrency", obj("video", 1))))
                .as("a role left out keeps the built-in value")
                .isEqualTo(4);
    }

    @Test
    void aRowWrittenBeforeTheKeyExistedKeepsTheBuiltInLimits() {
        assertThat(ProviderConcurrency.of("openai", "vision", obj("model", "gpt-4.1-mini")))
                .isEqualTo(64);
        assertThat(ProviderConcurrency.of("kling", "video", obj())).isEqualTo(8);
        assertThat(ProviderConcurrency.of("local", "video", obj())).isEqualTo(2);
        assertThat(ProviderConcurrency.of("unknown", "still", obj())).isEqualTo(ProviderConcurrency.FALLBACK);
    }

    @Test
    void publishingALimitThatIsNotAWholePositiveNumberIsRefused() {
        String key = ConfigKeys.providerDefaults("seedream");
        for (Object bad : new Object[] {0, -1, 2.5, "8", obj(), obj("still", 0), 10_001}) {
            assertThatThrownBy(() -> ConfigRules.check(key, obj("model", "m", "max_concurrency", bad)))
                    .as("max_concurrency %s", bad)
                    .isInstanceOf(InvalidInput.class)
                    .hasMessageContaining("max_concurrency");
        }
        ConfigRules.check(key, obj("model", "m", "max_concurrency", 200));
        ConfigRules.check(key, obj("model", "m", "max_concurrency", obj("still", 3)));
    }
}
