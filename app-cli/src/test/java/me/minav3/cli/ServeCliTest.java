package me.minav3.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18: {@code mina serve} against a bucket that does not exist stops at once, saying which setting to fix. */
class ServeCliTest {

    @Test
    @Timeout(
            value = 120,
            threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a serve that starts would run until stopped
    void serveAgainstAMissingBucketExitsUnavailableNamingTheBucket(@TempDir Path dir) {
        WireMockServer s3 = new WireMockServer(wireMockConfig().dynamicPort());
        s3.start();
        try {
            // S3's HeadBucket answer for a bucket that does not exist: 404, no body.
            s3.stubFor(head(urlPathEqualTo("/mina-typo")).willReturn(aResponse().withStatus(404)));
            Map<String, String> env = new HashMap<>(CliRun.freshEnvironment(dir));
            env.putAll(Map.of(
                    "R2_ENDPOINT",
                    s3.baseUrl(),
                    "R2_ACCESS_KEY_ID",
                    "AKIASERVE0123",
                    "R2_SECRET_ACCESS_KEY",
                    "serve-secret-0123456789-0123456789",
                    "R2_BUCKET",
                    "mina-typo",
                    "R2_PUBLIC_BASE_URL",
                    "https://pub-serve.r2.dev",
                    "MINA_LOG_LEVEL",
                    "ERROR"));

            CliRun run = CliRun.of(env, "serve", "--port", "0");

            assertThat(run.exitCode()).isEqualTo(ExitCode.UNAVAILABLE);
            assertThat(run.err())
                    .contains("storage (r2) is misconfigured")
                    .contains("the bucket mina-typo does not exist")
                    .contains("R2_BUCKET")
                    .doesNotContain("serve-secret");
            assertThat(run.out()).doesNotContain("MINAV3 studio: http://");
        } finally {
            s3.stop();
        }
    }
}
