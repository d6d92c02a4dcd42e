package me.minav3.adapters.providers.local;

import static me.minav3.adapters.providers.local.TestImages.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import me.minav3.mma.error.ConfigurationError;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.providers.GptReply;
import me.minav3.mma.providers.GptTask;
import org.junit.jupiter.api.Test;

class LocalProvidersTest {

    @Test
    void createsTheThreeProvidersUnderTheNameLocal() {
        LocalProviders.Bundle providers = LocalProviders.create(Duration.ZERO);

        assertThat(providers.vision().name()).isEqualTo(LocalProviders.NAME).isEqualTo("local");
        assertThat(providers.images().name()).isEqualTo("local");
        assertThat(providers.videos().family()).isEqualTo("local");
        assertThat(LocalProviders.MODEL).isEqualTo("local-v1");
    }

    @Test
    void parsesTheLatencySetting() {
        assertThat(LocalProviders.latencyFromMillis(null)).isEqualTo(Duration.ZERO);
        assertThat(LocalProviders.latencyFromMillis(" ")).isEqualTo(Duration.ZERO);
        assertThat(LocalProviders.latencyFromMillis("2000")).isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> LocalProviders.latencyFromMillis("-5"))
                .isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("MINA_LOCAL_LATENCY_MS");
        assertThatThrownBy(() -> LocalProviders.latencyFromMillis("2s"))
                .isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("MINA_LOCAL_LATENCY_MS");
    }

    @Test
    void refusesANegativeLatency() {
        assertThatThrownBy(() -> LocalProviders.vision(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordsTheConfiguredLatencyInTheTrace() {
        GptReply reply = LocalProviders.vision(Duration.ofMillis(5))
                .ask(request(GptTask.READ_STILL, Map.of("brief", "a candle")));

        assertThat(reply.trace().attempts())
                .singleElement()
                .satisfies(attempt -> assertThat(attempt).containsEntry("latency_ms", 5L));
    }

    @Test
    void anInterruptDuringTheLatencyBecomesAProviderFailureAndKeepsTheInterruptFlag() {
        var vision = LocalProviders.vision(Duration.ofMinutes(10));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> vision.ask(request(GptTask.READ_STILL, Map.of("brief", "a candle"))))
                    .isInstanceOfSatisfying(
                            ProviderFailure.class,
                            failure -> assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.TIMEOUT));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
