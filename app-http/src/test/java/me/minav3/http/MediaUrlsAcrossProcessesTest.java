package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import me.minav3.adapters.postgres.TestDatabase;
import me.minav3.bootstrap.CompositionRoot;
import me.minav3.bootstrap.MinaSettings;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.PassId;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.submit.StillRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 24 item 8 (decision 033): a still the CLI made (its composition, default base http://localhost:8080, nothing
 * listening there) shows in a {@code serve} on another port sharing the data directory and database: answers give
 * loopback-stored local URLs under the origin the caller reached, and the local store recognizes them as its own.
 */
class MediaUrlsAcrossProcessesTest {

    private static final String SECRET = "test-secret-0123456789-0123456789-abcdef";

    @Test
    void aStillMadeByTheCliShowsInAServeOnAnotherPort(@TempDir Path data) throws Exception {
        String database = TestDatabase.freshDatabaseUrlSetting();
        try (TestServer serve = new TestServer(Map.of(), database, false, data);
                CompositionRoot cli = CompositionRoot.start(
                        MinaSettings.from(Map.of("DATABASE_URL", database, "MINA_AUTH_SECRET", SECRET), data))) {
            assertThat(cli.settings().publicBaseUrl()).isEqualTo("http://localhost:8080");
            String token = serve.token("cli@example.com");
            PassId who = serve.customer(token, 3);

            var outcome = cli.createStill()
                    .submit(new StillRequest(
                            who,
                            "a tin made from the terminal",
                            null,
                            null,
                            null,
                            null,
                            List.of(),
                            Map.of(),
                            null,
                            null));
            GenerationId id = ((CreateOutcome.Created) outcome).generation().id();
            cli.startWorkers();
            String stored = waitForOutput(cli, id);
            assertThat(stored).as("what the CLI stores").startsWith("http://localhost:8080/assets/mma/still/");

            var item = serve.get("/api/archive", token).json().get("items").get(0);
            assertThat(item.get("generation_id").asText()).isEqualTo(id.mgId());
            String generation = serve.get("/api/generations/" + id.mgId(), token)
                    .json()
                    .get("output_url")
                    .asText();
            for (String url : List.of(
                    item.get("preview_url").asText(), item.get("output_url").asText(), generation)) {
                assertThat(url).as("under the serve's own origin").startsWith(serve.base + "/assets/mma/still/");
                HttpResponse<byte[]> image = fetch(URI.create(url));
                assertThat(image.statusCode()).as(url).isEqualTo(200);
                assertThat(image.headers().firstValue("Content-Type")).contains("image/png");
                assertThat(image.body()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            }
        }
    }

    @Test
    void localUrlsOfAnyLoopbackPortAreOursAndAnswersGiveThemUnderTheCallersOrigin(@TempDir Path data) throws Exception {
        try (CompositionRoot root = CompositionRoot.start(MinaSettings.from(
                Map.of("DATABASE_URL", TestDatabase.freshDatabaseUrlSetting(), "MINA_AUTH_SECRET", SECRET), data))) {
            var key = new me.minav3.mma.assets.AssetKey("mma/still/old.png");
            assertThat(root.assets().keyOf("http://localhost:8080/assets/mma/still/old.png"))
                    .as("an absolute local URL from before is still ours (Animate, Recreate, inputs)")
                    .contains(key);
            assertThat(root.assets().keyOf("http://127.0.0.1:9090/assets/mma/still/old.png"))
                    .contains(key);
            assertThat(root.assets().keyOf("/assets/mma/still/old.png"))
                    .as("the path it is served at")
                    .contains(key);
            assertThat(root.assets().keyOf("https://shop.example.com/assets/mma/still/old.png"))
                    .as("a link to another site is not ours")
                    .isEmpty();
            assertThat(root.assets().keyOf("http://localhost:8080/assets/../secret.png"))
                    .isEmpty();
        }
        assertThat(Views.mediaUrl("http://localhost:8080/assets/mma/still/old.png", "http://localhost:9090"))
                .as("answers give it under the origin the caller reached, which serves the same files")
                .isEqualTo("http://localhost:9090/assets/mma/still/old.png");
        assertThat(Views.mediaUrl("https://media.example.com/mma/still/r2.png", "http://localhost:9090"))
                .as("R2 unchanged")
                .isEqualTo("https://media.example.com/mma/still/r2.png");
        assertThat(Views.mediaUrl("https://studio.example.com/assets/mma/still/a.png", "http://localhost:9090"))
                .as("a configured public base unchanged")
                .isEqualTo("https://studio.example.com/assets/mma/still/a.png");
    }

    private static String waitForOutput(CompositionRoot root, GenerationId id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            var g = root.findGeneration().find(id).orElseThrow();
            if (g.status().isTerminal()) {
                assertThat(g.error()).isNull();
                return g.outputUrl();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the still was not made within 60 s");
    }

    private static HttpResponse<byte[]> fetch(URI uri) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
    }
}
