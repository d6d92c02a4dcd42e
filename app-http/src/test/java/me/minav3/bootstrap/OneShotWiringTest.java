package me.minav3.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import me.minav3.adapters.postgres.TestDatabase;
import me.minav3.http.MinaServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decision 050: a one-shot use of the product (a CLI call) does not build what only a server uses; the JVM's
 * meters, which only {@code /metrics} reads, are bound when a server starts.
 */
class OneShotWiringTest {

    @TempDir
    Path dataDir;

    private CompositionRoot root() {
        return CompositionRoot.start(MinaSettings.from(
                Map.of(
                        "DATABASE_URL",
                        TestDatabase.freshDatabaseUrlSetting(),
                        "MINA_AUTH_SECRET",
                        "test-secret-0123456789-0123456789-abcdef",
                        "MINA_WORKERS",
                        "1"),
                dataDir));
    }

    @Test
    void aRootWithoutAServerBindsNoJvmMeters() {
        try (CompositionRoot root = root()) {
            assertThat(root.telemetry().registry().find("jvm.memory.used").gauges())
                    .isEmpty();
            assertThat(root.telemetry().registry().find("jvm.threads.live").gauges())
                    .isEmpty();
        }
    }

    @Test
    void aServerBindsTheJvmMeters() {
        try (CompositionRoot root = root();
                MinaServer server = root.startServer(0)) {
            root.telemetry().jvm(); // again: bound once
            assertThat(root.telemetry().registry().find("jvm.threads.live").gauges())
                    .hasSize(1);
            assertThat(root.telemetry().registry().find("jvm.memory.used").gauges())
                    .isNotEmpty();
        }
    }
}
