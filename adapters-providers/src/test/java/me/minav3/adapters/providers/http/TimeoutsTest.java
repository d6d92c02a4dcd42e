package me.minav3.adapters.providers.http;

import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeoutsTest {

    private static final Timeouts FALLBACK = Timeouts.ofMillis(5_000, 60_000, 120_000, 3);

    @Test
    void readsTheTimeoutsObjectOfTheDefaults() {
        Timeouts timeouts = Timeouts.from(
                obj(
                        "timeouts",
                        obj("connect_ms", 1_000, "request_ms", "30000", "total_ms", 600_000, "max_attempts", 5)),
                FALLBACK);

        assertThat(timeouts)
                .isEqualTo(new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(10), 5));
    }

    @Test
    void missingOrInvalidValuesFallBack() {
        assertThat(Timeouts.from(Map.of(), FALLBACK)).isEqualTo(FALLBACK);
        assertThat(Timeouts.from(
                        obj("timeouts", obj("request_ms", -1, "max_attempts", 0, "total_ms", "soon")), FALLBACK))
                .isEqualTo(FALLBACK);
    }

    @Test
    void refusesNonPositiveLimits() {
        assertThatThrownBy(() -> Timeouts.ofMillis(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Timeouts.ofMillis(1, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
