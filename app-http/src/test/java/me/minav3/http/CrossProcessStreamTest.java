package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import me.minav3.adapters.postgres.TestDatabase;
import me.minav3.bootstrap.CompositionRoot;
import me.minav3.bootstrap.MinaSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stream served by one process shows the lines of a generation another process runs (PostgreSQL NOTIFY). */
class CrossProcessStreamTest {

    @Test
    void linesTravelBetweenProcessesThroughTheDatabase(@TempDir Path workerData) throws Exception {
        String database = TestDatabase.freshDatabaseUrlSetting();
        try (TestServer front = new TestServer(Map.of(), database, false);
                CompositionRoot worker = CompositionRoot.start(MinaSettings.from(
                        Map.of(
                                "DATABASE_URL",
                                database,
                                "MINA_AUTH_SECRET",
                                "test-secret-0123456789-0123456789-abcdef",
                                "MINA_LOCAL_LATENCY_MS",
                                "300"),
                        workerData))) {
            worker.live().connect(worker.database().notifications());
            String token = front.token("split@example.com");
            front.customer(token, 2);

            String id = front.post("/api/stills", token, "{\"brief\":\"two processes\"}")
                    .json()
                    .get("generation_id")
                    .asText();
            var stream = SseReader.open(front, "/api/generations/" + id + "/stream", token, null);
            Thread.sleep(300); // the front process has no workers: nothing moves until the other one starts
            worker.startWorkers();

            List<SseReader.Event> events = SseReader.await(stream);
            assertThat(events)
                    .extracting(SseReader.Event::name)
                    .contains("message")
                    .endsWith("done");
            assertThat(events.get(events.size() - 1).data()).contains("\"status\":\"done\"");
            assertThat(events)
                    .filteredOn(e -> e.name().equals("message"))
                    .extracting(SseReader.Event::data)
                    .anySatisfy(data -> assertThat(data).contains("Your image is ready."));
            assertThat(front.wiring.workers().inFlight()).isZero();
        }
    }
}
