package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import me.minav3.adapters.postgres.TestDatabase;
import me.minav3.bootstrap.CompositionRoot;
import me.minav3.bootstrap.MinaSettings;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.generation.Generation;
import org.junit.jupiter.api.Test;

/** Graceful shutdown hands running generations back; CORS lets the configured studio origin in. */
class ShutdownTest {

    @Test
    void aStoppingServerHandsItsRunningGenerationBackAndAnotherProcessFinishesItOnce() throws Exception {
        String database = TestDatabase.freshDatabaseUrlSetting();
        GenerationId id;
        PassId passId;
        TestServer first = new TestServer(Map.of("MINA_LOCAL_LATENCY_MS", "1500"), database);
        try {
            String token = first.token("patient@example.com");
            passId = first.customer(token, 1);
            id = GenerationId.parse(first.post("/api/stills", token, "{\"brief\":\"slow\"}")
                    .json()
                    .get("generation_id")
                    .asText());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (first.wiring.workers().inFlight() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            first.server.close();
            first.wiring.workers().stop(Duration.ofMillis(50));
            // The job given back was interrupted and waited for: nothing of it runs on against the database the
            // wiring closes next (it used to end at its next write, on the closed database, and log that in whatever
            // test class this JVM ran next: StreamTeardownTest asserts nothing was logged).
            assertThat(first.wiring.workers().inFlight())
                    .as("jobs still running when stop returned")
                    .isZero();
            Generation handedBack =
                    first.wiring.database().generations().find(id).orElseThrow();
            assertThat(handedBack.status().isTerminal()).isFalse();
            assertThat(handedBack.leaseOwner()).isNull();
        } finally {
            first.wiring.close();
        }
        try (CompositionRoot second = CompositionRoot.start(
                MinaSettings.from(Map.of("DATABASE_URL", database), Files.createTempDirectory("second")))) {
            second.startWorkers();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            Generation g = second.database().generations().find(id).orElseThrow();
            while (!g.status().isTerminal() && System.nanoTime() < deadline) {
                Thread.sleep(50);
                g = second.database().generations().find(id).orElseThrow();
            }
            assertThat(g.status()).isEqualTo(MmaStatus.DONE);
            assertThat(second.database().credits().history(passId, 10))
                    .filteredOn(t -> t.delta() < 0)
                    .hasSize(1);
            assertThat(second.database().customers().find(passId).orElseThrow().credits())
                    .as("5 welcome + 1 - 1")
                    .isEqualTo(5);
        }
    }

    @Test
    void theConfiguredStudioOriginMayCallTheApi() throws Exception {
        try (TestServer server = new TestServer(Map.of("MINA_STUDIO_ORIGIN", "https://studio.minav3.me"))) {
            var allowed = server.send(server.request("/health", null)
                    .header("Origin", "https://studio.minav3.me")
                    .GET()
                    .build());
            assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://studio.minav3.me");
            var other = server.send(server.request("/health", null)
                    .header("Origin", "https://evil.example")
                    .GET()
                    .build());
            assertThat(other.header("Access-Control-Allow-Origin")).isNull();
        }
    }
}
