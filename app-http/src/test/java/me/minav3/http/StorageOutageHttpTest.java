package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: the server on R2 settings whose endpoint does not answer (storage stopped). Users are told it is storage,
 * in plain words, with nothing charged; the endpoint, bucket, keys and SDK text stay in the log and the step.
 */
class StorageOutageHttpTest {

    private static final String BUCKET = "mina-edge-bucket";
    private static final String ACCESS_KEY = "AKIAEDGE0123456789";
    private static final String SECRET_KEY = "edge-secret-key-0123456789-0123456789";
    private static TestServer server;
    private static int deadPort;

    @BeforeAll
    static void start() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        server = new TestServer(Map.of(
                "R2_ENDPOINT",
                "http://127.0.0.1:" + deadPort,
                "R2_ACCESS_KEY_ID",
                ACCESS_KEY,
                "R2_SECRET_ACCESS_KEY",
                SECRET_KEY,
                "R2_BUCKET",
                BUCKET,
                "R2_PUBLIC_BASE_URL",
                "https://pub-edge.r2.dev"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anUploadDuringAnOutageIs503ProblemJsonInPlainWordsAndChargesNothing() throws Exception {
        String token = server.token("uploader@example.com");
        server.customer(token, 3);
        long before = server.get("/api/me", token).json().get("credits").asLong();

        TestServer.Reply reply = server.uploadPng(token, "product");

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.json().get("title").asText()).isEqualTo("Storage unavailable");
        assertThat(reply.json().get("detail").asText())
                .isEqualTo("Storage is unavailable right now; nothing was charged. Please try again in a moment.");
        assertNoStorageDetails(reply.body());
        assertThat(server.get("/api/me", token).json().get("credits").asLong()).isEqualTo(before);
    }

    @Test
    void aStillWhoseStoredProductCannotBeReadIsRefundedWithAStorageLine() {
        String token = server.token("reuser@example.com");
        server.customer(token, 3);
        long before = server.get("/api/me", token).json().get("credits").asLong();
        String stored =
                "https://pub-edge.r2.dev/uploads/product/user-x/2026/12/0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.png";

        TestServer.Reply accepted =
                server.post("/api/stills", token, "{\"brief\":\"the same bottle\",\"product_url\":\"" + stored + "\"}");
        assertThat(accepted.status())
                .as("our own URLs are kept as they are, read by the scan")
                .isEqualTo(202);
        JsonNode failed =
                server.awaitFinished(accepted.json().get("generation_id").asText(), token);

        assertThat(failed.get("status").asText()).isEqualTo("error");
        assertThat(failed.get("error").asText())
                .isEqualTo("Our storage is not available right now. Your matcha was refunded.");
        assertNoStorageDetails(failed.toString().replace(stored, ""));
        assertThat(server.get("/api/me", token).json().get("credits").asLong())
                .as("refunded")
                .isEqualTo(before);
    }

    @Test
    void aStillWhoseOutputCannotBeStoredIsRefundedAndTheUserReadsItWasStorage() {
        String token = server.token("creator@example.com");
        server.customer(token, 3);
        long before = server.get("/api/me", token).json().get("credits").asLong();

        TestServer.Reply accepted = server.post("/api/stills", token, "{\"brief\":\"a teapot on linen\"}");
        assertThat(accepted.status()).isEqualTo(202);
        JsonNode failed =
                server.awaitFinished(accepted.json().get("generation_id").asText(), token);

        assertThat(failed.get("status").asText()).isEqualTo("error");
        assertThat(failed.get("error").asText())
                .startsWith("Our storage is not available right now")
                .endsWith("Your matcha was refunded.")
                .doesNotContain("image service");
        assertNoStorageDetails(failed.toString());
        assertThat(server.get("/api/me", token).json().get("credits").asLong())
                .as("refunded")
                .isEqualTo(before);
    }

    @Test
    void healthReportsStorageDownAndStaysInRotation() {
        TestServer.Reply health = server.get("/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("degraded");
        assertThat(health.json().get("database").asText()).isEqualTo("up");
        assertThat(health.json().get("storage").asText()).isEqualTo("down");
        assertNoStorageDetails(health.body());
    }

    private static void assertNoStorageDetails(String body) {
        assertThat(body)
                .doesNotContain("127.0.0.1")
                .doesNotContain(Integer.toString(deadPort))
                .doesNotContain(BUCKET)
                .doesNotContain(ACCESS_KEY)
                .doesNotContain(SECRET_KEY)
                .doesNotContainIgnoringCase("sdk")
                .doesNotContain("Unable to execute")
                .doesNotContain("Connect")
                .doesNotContain("amazon");
    }
}
