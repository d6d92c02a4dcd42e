package me.minav3.mma.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import me.minav3.mma.common.Json;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.config.DefaultConfig;
import me.minav3.mma.testing.InMemoryMega;
import me.minav3.mma.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** The capability table is parsed once per config version, and a newer version is the one that answers. */
class ConfiguredModelsTest {

    private final MutableClock clock = new MutableClock();
    private final InMemoryMega mega = new InMemoryMega();
    private final ConfigService config = new ConfigService(mega, clock, Duration.ofMinutes(1));

    @Test
    void oneVersionIsParsedOnceAndANewerOneReplacesIt() {
        config.seedDefaults();
        var first = ConfiguredModels.table(config).orElseThrow();
        assertThat(ConfiguredModels.table(config).orElseThrow()).isSameAs(first);
        assertThat(ConfiguredModels.of(config, "seedream", "seedream-4-0-250828"))
                .hasValueSatisfying(m -> assertThat(m.maxImages()).isNotEqualTo(3));

        Map<String, Object> table = Json.mutableCopy(DefaultConfig.values().get(ConfigKeys.PROVIDER_MODELS));
        Map<String, Object> seedream = Json.mutableCopy(Json.object(table, "seedream"));
        Map<String, Object> model = Json.mutableCopy(Json.object(seedream, "seedream-4-0-250828"));
        model.put("max_images", 3);
        seedream.put("seedream-4-0-250828", model);
        table.put("seedream", seedream);
        mega.publish(ConfigKeys.PROVIDER_MODELS, table, "test", clock.now());
        config.invalidate(ConfigKeys.PROVIDER_MODELS);

        assertThat(ConfiguredModels.table(config).orElseThrow()).isNotSameAs(first);
        assertThat(ConfiguredModels.of(config, "seedream", "seedream-4-0-250828"))
                .hasValueSatisfying(m -> assertThat(m.maxImages()).isEqualTo(3));
    }
}
