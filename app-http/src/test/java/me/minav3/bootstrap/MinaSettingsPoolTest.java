package me.minav3.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import me.minav3.mma.error.ConfigurationError;
import org.junit.jupiter.api.Test;

/**
 * Operators size one pool; the share reserved for requests is optional and must leave workers a connection; requests
 * go before the pipeline's statements for a bounded time (decision 060).
 */
class MinaSettingsPoolTest {

    private static final Path DIR = Path.of("data");

    @Test
    void thePoolSizeStaysTheTotalAndTheRequestShareDefaults() {
        MinaSettings settings = MinaSettings.from(Map.of("MINA_DB_POOL_SIZE", "12"), DIR);
        assertThat(settings.databasePoolSize()).isEqualTo(12);
        assertThat(settings.databaseRequestConnections()).isNull();
        assertThat(MinaSettings.from(Map.of(), DIR).databasePoolSize()).isEqualTo(10);
    }

    @Test
    void anExplicitRequestShareIsRead() {
        MinaSettings settings =
                MinaSettings.from(Map.of("MINA_DB_POOL_SIZE", "12", "MINA_DB_REQUEST_CONNECTIONS", "5"), DIR);
        assertThat(settings.databaseRequestConnections()).isEqualTo(5);
        assertThat(settings.withPort(9000).databaseRequestConnections()).isEqualTo(5);
        assertThat(MinaSettings.from(Map.of("MINA_DB_REQUEST_CONNECTIONS", "0"), DIR)
                        .databaseRequestConnections())
                .as("0: no reserve, workers may use the whole pool")
                .isZero();
    }

    @Test
    void aShareThatLeavesWorkersNothingIsRefusedByName() {
        assertThatThrownBy(() -> MinaSettings.from(Map.of("MINA_DB_REQUEST_CONNECTIONS", "10"), DIR))
                .isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("MINA_DB_REQUEST_CONNECTIONS must be a whole number between 0 and 9");
        assertThatThrownBy(() -> MinaSettings.from(Map.of("MINA_DB_REQUEST_CONNECTIONS", "a third"), DIR))
                .isInstanceOf(ConfigurationError.class);
    }

    @Test
    void requestsGoFirstFor200MsUnlessToldAndABadValueIsRefusedByName() {
        assertThat(MinaSettings.from(Map.of(), DIR).requestsFirst()).isEqualTo(java.time.Duration.ofMillis(200));
        assertThat(MinaSettings.from(Map.of("MINA_REQUESTS_FIRST_MS", "0"), DIR).requestsFirst())
                .as("0: the pipeline never waits for requests")
                .isZero();
        assertThatThrownBy(() -> MinaSettings.from(Map.of("MINA_REQUESTS_FIRST_MS", "5000"), DIR))
                .isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("MINA_REQUESTS_FIRST_MS must be a whole number between 0 and 1000");
        assertThatThrownBy(() -> MinaSettings.from(Map.of("MINA_REQUESTS_FIRST_MS", "-1"), DIR))
                .isInstanceOf(ConfigurationError.class);
    }
}
