package me.minav3.mma.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import me.minav3.mma.common.Json;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.DefaultConfig;
import me.minav3.mma.limits.policy.LimitPolicy;
import org.junit.jupiter.api.Test;

class LimitPolicyTest {

    @Test
    void versionOneIsSeededAndOnWithEveryLimit() {
        LimitPolicy policy = LimitPolicy.parse(DefaultConfig.values().get(ConfigKeys.LIMITS));
        assertThat(policy).isEqualTo(new LimitPolicy(true, 20L, 30L, 40L, 500L * 1024 * 1024, 40L, 10L,
                Duration.ofMinutes(15)));
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
        assertThatThrownBy(() -> LimitPolicy.parse(Json.obj("creates_per_minute", 0))).hasMessageContaining("creates_per_minute");
        assertThatThrownBy(() -> LimitPolicy.parse(Json.obj("uploads_per_hour", 1.5))).hasMessageContaining("uploads_per_hour");
        assertThatThrownBy(() -> LimitPolicy.parse(Json.obj("enabled", "yes"))).hasMessageContaining("enabled");
        assertThatThrownBy(() -> LimitPolicy.parse(Json.obj("stream_slot_minutes", null))).hasMessageContaining("stream_slot");
        assertThatThrownBy(() -> LimitPolicy.parse(Json.obj("creates_per_hour", 5))).hasMessageContaining("unknown field");
        assertThatThrownBy(() -> LimitPolicy.parse(Map.of("open_streams", "ten"))).hasMessageContaining("open_streams");
    }

    @Test
    void aStoredValueThatNoLongerParsesFallsBackToVersionOne() {
        assertThat(LimitPolicy.fromConfig(Json.obj("creates_per_minute", -1))).isEqualTo(LimitPolicy.DEFAULTS);
    }
}
