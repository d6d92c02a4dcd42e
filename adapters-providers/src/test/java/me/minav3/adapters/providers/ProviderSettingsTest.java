package me.minav3.adapters.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import me.minav3.mma.error.ConfigurationError;
import me.minav3.mma.shopify.ShopifyApiVersion;
import org.junit.jupiter.api.Test;

class ProviderSettingsTest {

    private static final Map<String, String> ENV = Map.ofEntries(
            Map.entry("OPENAI_API_KEY", "sk-env-openai-000111"),
            Map.entry("OPENAI_BASE_URL", "http://localhost:9999/v1/"),
            Map.entry("ARK_API_KEY", "ark-env-000111"),
            Map.entry("ARK_BASE_URL", "https://ark.example.com"),
            Map.entry("REPLICATE_API_TOKEN", "r8_env_000111"),
            Map.entry("REPLICATE_BASE_URL", "https://replicate.example.com"),
            Map.entry("KLING_ACCESS_KEY", "ak-env-000111"),
            Map.entry("KLING_SECRET_KEY", "sk-env-kling-000111-000111-000111-0001"),
            Map.entry("KLING_BASE_URL", "https://kling.example.com"),
            Map.entry("SHOPIFY_STORE_DOMAIN", "mina-studio.myshopify.com"),
            Map.entry("SHOPIFY_ADMIN_TOKEN", "shpat_env_000111"),
            Map.entry("SHOPIFY_API_VERSION", "2025-10"));

    @Test
    void readsEveryDocumentedEnvironmentVariable() {
        ProviderSettings settings = ProviderSettings.fromEnvironment(ENV);

        assertThat(settings)
                .isEqualTo(new ProviderSettings(
                        "sk-env-openai-000111",
                        "http://localhost:9999/v1",
                        "ark-env-000111",
                        "https://ark.example.com",
                        "r8_env_000111",
                        "https://replicate.example.com",
                        "ak-env-000111",
                        "sk-env-kling-000111-000111-000111-0001",
                        "https://kling.example.com",
                        "mina-studio.myshopify.com",
                        "shpat_env_000111",
                        "2025-10"));
        assertThat(settings.shopifyGraphqlUrl(new ShopifyApiVersion(settings.shopifyApiVersion())))
                .isEqualTo(URI.create("https://mina-studio.myshopify.com/admin/api/2025-10/graphql.json"));
    }

    @Test
    void blankValuesAreAbsentAndBaseUrlsDefaultToThePublicApis() {
        Map<String, String> env = new HashMap<>();
        env.put("OPENAI_API_KEY", "  ");
        env.put("KLING_ACCESS_KEY", "ak-only");

        ProviderSettings settings = ProviderSettings.fromEnvironment(env);

        assertThat(settings.hasOpenAi()).isFalse();
        assertThat(settings.hasKling()).as("Kling needs both keys").isFalse();
        assertThat(settings.openAiBaseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(settings.arkBaseUrl()).isEqualTo("https://ark.ap-southeast.bytepluses.com");
        assertThat(settings.replicateBaseUrl()).isEqualTo("https://api.replicate.com");
        assertThat(settings.klingBaseUrl()).isEqualTo("https://api-singapore.klingai.com");
        assertThat(settings.shopifyApiVersion())
                .as("not pinned: config decides")
                .isNull();
        assertThat(ProviderSettings.NONE.secrets()).isEmpty();
    }

    @Test
    void toStringNeverShowsASecret() {
        ProviderSettings settings = ProviderSettings.fromEnvironment(ENV);

        assertThat(settings.secrets()).hasSize(6);
        assertThat(settings.toString()).contains("openai=on").contains("http://localhost:9999/v1");
        settings.secrets().forEach(secret -> assertThat(settings.toString()).doesNotContain(secret));
    }

    @Test
    void refusesBaseUrlsThatAreNotPlainHttpUrls() {
        assertThatThrownBy(() -> ProviderSettings.fromEnvironment(Map.of("OPENAI_BASE_URL", "ftp://host/v1")))
                .isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("OPENAI_BASE_URL");
        assertThatThrownBy(() -> ProviderSettings.fromEnvironment(Map.of("ARK_BASE_URL", "https://h/?key=1")))
                .isInstanceOf(ConfigurationError.class);
        assertThatThrownBy(() -> ProviderSettings.fromEnvironment(Map.of("SHOPIFY_STORE_DOMAIN", "shop/../admin")))
                .isInstanceOf(ConfigurationError.class);
        assertThatThrownBy(() -> ProviderSettings.fromEnvironment(Map.of("SHOPIFY_API_VERSION", "latest")))
                .isInstanceOf(ConfigurationError.class);
        assertThatThrownBy(() -> ProviderSettings.fromEnvironment(Map.of("SHOPIFY_API_VERSION", "2026-11")))
                .as("Shopify releases in January, April, July and October")
                .isInstanceOf(ConfigurationError.class);
    }

    @Test
    void aStoreDomainWithASchemeIsUsedAsTheBase() {
        ProviderSettings settings = ProviderSettings.fromEnvironment(
                Map.of("SHOPIFY_STORE_DOMAIN", "http://localhost:8089", "SHOPIFY_ADMIN_TOKEN", "shpat_x"));

        assertThat(settings.shopifyGraphqlUrl(ShopifyApiVersion.DEFAULT))
                .isEqualTo(URI.create("http://localhost:8089/admin/api/2026-10/graphql.json"));
    }
}
