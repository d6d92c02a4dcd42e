package me.minav3.mma.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Json;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.config.DefaultConfig;
import me.minav3.mma.config.PublishConfig;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.limits.policy.LimitPolicy;
import me.minav3.mma.testing.InMemoryMega;
import me.minav3.mma.testing.MutableClock;
import me.minav3.mma.testing.SequentialIds;
import org.junit.jupiter.api.Test;

class LimitPolicyTest {

    @Test
    void versionOneIsSeededAndOnWithEveryLimit() {
        LimitPolicy policy = LimitPolicy.parse(DefaultConfig.values().get(ConfigKeys.LIMITS));
        assertThat(policy)
                .isEqualTo(new LimitPolicy(
                        true, 20L, 30L, 40L, 500L * 1024 * 1024, 40L, 10L, Duration.ofMinutes(15), null));
    }

    @Test
    void anAbsentFieldKeepsVersionOneAndNullMeansNoLimit() {
        LimitPolicy policy = LimitPolicy.parse(Json.obj("creates_per_minute", 3, "open_streams", null));
        assertThat(policy.createsPerMinute()).isEqualTo(3L);
        assertThat(policy.openStreams()).isNull();
        assertThat(policy.suggestionsPerHour()).isEqualTo(30L);
    }

    @Test
    void aWrongShapeIsRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> LimitPolicy.parse(Json.obj("creates_per_minute", 0)))
                .hasMessageContaining("creates_per_minute");
        assertThatThrownBy(() -> LimitPolicy.parse(Json.obj("uploads_per_hour", 1.5)))
                .hasMessageContaining("uploads_per_hour");
        assertThatThrownBy(() -> LimitPolicy.parse(Json.obj("enabled", "yes"))).hasMessageContaining("enabled");
        assertThatThrownBy(() -> LimitPolicy.parse(Json.obj("stream_slot_minutes", null)))
                .hasMessageContaining("stream_slot");
        assertThatThrownBy(() -> LimitPolicy.parse(Json.obj("creates_per_hour", 5)))
                .hasMessageContaining("unknown field");
        assertThatThrownBy(() -> LimitPolicy.parse(Map.of("open_streams", "ten")))
                .hasMessageContaining("open_streams");
        assertThatThrownBy(() -> LimitPolicy.parse(Json.obj("suggestion_price", Json.obj("matcha", 0, "every", 10))))
                .hasMessageContaining("suggestion_price");
        assertThatThrownBy(() -> LimitPolicy.parse(Json.obj("suggestion_price", 1)))
                .hasMessageContaining("suggestion_price");
    }

    @Test
    void theSuggestionPriceIsOffInVersionOneAndCountsBlocksOfUses() {
        assertThat(LimitPolicy.DEFAULTS.suggestionPrice()).isNull();
        LimitPolicy.Price price = LimitPolicy.parse(Json.obj("suggestion_price", Json.obj("matcha", 1, "every", 10)))
                .suggestionPrice();
        assertThat(price).isEqualTo(new LimitPolicy.Price(1, 10));
        assertThat(List.of(price.block(1), price.block(10), price.block(11), price.block(20), price.block(21)))
                .containsExactly(0L, 0L, 1L, 1L, 2L);
    }

    @Test
    void publishingAMalformedValueIsRefusedAndNothingIsStored() {
        InMemoryMega mega = new InMemoryMega();
        MutableClock clock = new MutableClock();
        ConfigService config = new ConfigService(mega, clock);
        config.seedDefaults();
        PublishConfig publish = new PublishConfig(mega, config, mega, clock, new SequentialIds());
        assertThatThrownBy(() -> publish.publish(ConfigKeys.LIMITS, Json.obj("open_streams", -3), Actor.SYSTEM))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("mma.limits")
                .hasMessageContaining("open_streams");
        assertThat(config.require(ConfigKeys.LIMITS).version()).isEqualTo(1);
        publish.publish(ConfigKeys.LIMITS, Json.obj("open_streams", 3), Actor.SYSTEM);
        assertThat(LimitPolicy.fromConfig(config.value(ConfigKeys.LIMITS)).openStreams())
                .isEqualTo(3L);
    }

    @Test
    void aStoredValueThatNoLongerParsesFallsBackToVersionOne() {
        assertThat(LimitPolicy.fromConfig(Json.obj("creates_per_minute", -1))).isEqualTo(LimitPolicy.DEFAULTS);
    }
}
