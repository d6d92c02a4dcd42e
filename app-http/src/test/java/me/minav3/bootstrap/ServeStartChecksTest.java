package me.minav3.bootstrap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import me.minav3.adapters.postgres.TestDatabase;
import me.minav3.mma.common.Actor;
import me.minav3.mma.error.ConfigurationError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: {@code serve} checks the bucket before it serves. A local server speaks S3's {@code HeadBucket} replies
 * (404 for a bucket that does not exist, 403 for credentials it refuses; HEAD answers carry no body).
 */
class ServeStartChecksTest {

    private static final String SECRET = "r2-secret-0123456789-0123456789-abcdef";
    private static WireMockServer s3;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startS3() {
        s3 = new WireMockServer(wireMockConfig().dynamicPort());
        s3.start();
        s3.stubFor(head(urlPathEqualTo("/no-such-bucket"))
                .willReturn(aResponse().withStatus(404).withHeader("x-amz-request-id", "0A1B2C3D")));
        s3.stubFor(head(urlPathEqualTo("/locked-bucket"))
                .willReturn(aResponse().withStatus(403).withHeader("x-amz-request-id", "0A1B2C3E")));
    }

    @AfterAll
    static void stopS3() {
        s3.stop();
    }

    private CompositionRoot root(String endpoint, String bucket) throws IOException {
        Map<String, String> env = new HashMap<>(Map.of(
                "DATABASE_URL",
                TestDatabase.freshDatabaseUrlSetting(),
                "MINA_AUTH_SECRET",
                "test-secret-0123456789-0123456789-abcdef",
                "MINA_WORKERS",
                "1"));
        if (endpoint != null) {
            env.putAll(Map.of(
                    "R2_ENDPOINT",
                    endpoint,
                    "R2_ACCESS_KEY_ID",
                    "AKIASTART0123",
                    "R2_SECRET_ACCESS_KEY",
                    SECRET,
                    "R2_BUCKET",
                    bucket,
                    "R2_PUBLIC_BASE_URL",
                    "https://pub-start.r2.dev"));
        }
        return CompositionRoot.start(MinaSettings.from(env, dataDir).withPort(freePort()));
    }

    @Test
    void aBucketThatDoesNotExistStopsServeWithAClearMessage() throws IOException {
        try (CompositionRoot mina = root(s3.baseUrl(), "no-such-bucket")) {
            assertThatThrownBy(mina::serve)
                    .isInstanceOf(ConfigurationError.class)
                    .hasMessageContaining("storage (r2) is misconfigured")
                    .hasMessageContaining("the bucket no-such-bucket does not exist")
                    .hasMessageContaining("R2_BUCKET");
        }
        assertThat(s3.findAll(headRequestedFor(urlPathEqualTo("/no-such-bucket"))))
                .isNotEmpty();
    }

    @Test
    void refusedCredentialsStopServeAndTheMessageHoldsNoSecret() throws IOException {
        try (CompositionRoot mina = root(s3.baseUrl(), "locked-bucket")) {
            assertThatThrownBy(mina::serve)
                    .isInstanceOf(ConfigurationError.class)
                    .hasMessageContaining("R2_SECRET_ACCESS_KEY")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        }
    }

    @Test
    void storageThatDoesNotAnswerStartsWithALoudWarning() throws Exception {
        int deadPort = freePort();
        try (CompositionRoot mina = root("http://127.0.0.1:" + deadPort, "mina-assets")) {
            Serving serving = mina.serve();
            try {
                assertThat(serving.warnings())
                        .singleElement()
                        .asString()
                        .contains("storage (r2) does not answer")
                        .contains("uploads and generations fail");
                String health = get(serving.port(), "/health");
                assertThat(health)
                        .contains("\"storage\":\"down\"")
                        .contains("\"status\":\"degraded\"")
                        .doesNotContain(Integer.toString(deadPort));
            } finally {
                serving.stop(Duration.ZERO);
            }
        }
    }

    @Test
    void anOutOfSupportShopifyVersionInStoredConfigIsReportedAtStartAndInHealth() throws Exception {
        try (CompositionRoot mina = root(null, null)) {
            mina.publishConfig().publish("mma.shopify", Map.of("api_version", "2025-07"), Actor.SYSTEM);
            Serving serving = mina.serve();
            try {
                assertThat(serving.warnings())
                        .singleElement()
                        .asString()
                        .contains("2025-07")
                        .contains("out of support");
                String health = get(serving.port(), "/health");
                assertThat(health).contains("\"storage\":\"up\"").contains("2025-07");
            } finally {
                serving.stop(Duration.ZERO);
            }
        }
    }

    private static String get(int port, String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
