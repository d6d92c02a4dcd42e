package me.minav3.adapters.r2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import me.minav3.mma.error.ConfigurationError;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static final Map<String, String> R2_ENV = Map.of(
            "R2_ACCOUNT_ID", "0123456789abcdef0123456789abcdef",
            "R2_ACCESS_KEY_ID", "AKID",
            "R2_SECRET_ACCESS_KEY", "super-secret",
            "R2_BUCKET", "mina",
            "R2_PUBLIC_BASE_URL", "https://assets.minav3.me/");

    @Test
    void anAccountIdMakesTheCloudflareEndpoint() {
        R2Settings settings = R2Settings.fromEnvironment(R2_ENV::get).orElseThrow();

        assertThat(settings.endpointUri())
                .isEqualTo(URI.create("https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com"));
        assertThat(settings.publicBaseUrl()).isEqualTo("https://assets.minav3.me");
        assertThat(settings.multipartThresholdBytes()).isEqualTo(16L * 1024 * 1024);
    }

    @Test
    void anEndpointWinsForOtherS3Servers() {
        R2Settings settings =
                R2Settings.of(null, "http://127.0.0.1:9000", "a", "b", "bucket", "https://cdn.example.com");

        assertThat(settings.endpointUri()).isEqualTo(URI.create("http://127.0.0.1:9000"));
    }

    @Test
    void noR2VariablesMeansNoR2() {
        assertThat(R2Settings.fromEnvironment(name -> null)).isEmpty();
    }

    @Test
    void aPartialConfigurationSaysWhatIsMissing() {
        assertThatThrownBy(() -> R2Settings.fromEnvironment(Map.of("R2_BUCKET", "mina")::get))
                .isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("R2_ACCOUNT_ID or R2_ENDPOINT");
        assertThatThrownBy(() -> R2Settings.of("acct", null, "a", "", "bucket", "https://cdn.example.com"))
                .isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("R2_SECRET_ACCESS_KEY");
    }

    @Test
    void refusesAPresignedOrOddPublicBaseAndUnsafeAccountIds() {
        assertThatThrownBy(() -> R2Settings.of(
                        "acct", null, "a", "b", "bucket", "https://x.r2.cloudflarestorage.com/b?X-Amz-Signature=1"))
                .isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("R2_PUBLIC_BASE_URL");
        assertThatThrownBy(() -> R2Settings.of("evil.com/x?", null, "a", "b", "bucket", "https://cdn.example.com"))
                .isInstanceOf(ConfigurationError.class);
        assertThatThrownBy(() -> R2Settings.of(null, "http://host/path", "a", "b", "bucket", "https://cdn.example.com"))
                .isInstanceOf(ConfigurationError.class);
    }

    @Test
    void refusesPartsSmallerThanTheS3Minimum() {
        assertThatThrownBy(() -> new R2Settings(
                        "acct", null, "a", "b", "bucket", "https://cdn.example.com", 16L * 1024 * 1024, 1024 * 1024))
                .isInstanceOf(ConfigurationError.class);
    }

    @Test
    void neverPrintsTheSecret() {
        R2Settings settings = R2Settings.fromEnvironment(R2_ENV::get).orElseThrow();

        assertThat(settings.toString()).doesNotContain("super-secret").contains("secretAccessKey=***");
    }

    @Test
    void loopbackFetchingIsOffUnlessExplicitlyTurnedOn() {
        assertThat(FetcherSettings.defaults().allowLoopback()).isFalse();
        assertThat(FetcherSettings.fromEnvironment(name -> null).allowLoopback())
                .isFalse();
        assertThat(FetcherSettings.fromEnvironment(Map.of("MINA_ALLOW_LOOPBACK_FETCH", "1")::get)
                        .allowLoopback())
                .isFalse();
        assertThat(FetcherSettings.fromEnvironment(Map.of("MINA_ALLOW_LOOPBACK_FETCH", "true")::get)
                        .allowLoopback())
                .isTrue();
    }
}
