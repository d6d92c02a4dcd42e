package me.minav3.adapters.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import me.minav3.mma.error.ConfigurationError;
import me.minav3.mma.providers.ImageGenerator;
import me.minav3.mma.providers.VideoGenerator;
import org.junit.jupiter.api.Test;

class RealProvidersTest {

    @Test
    void withoutKeysThereIsNoRealProvider() {
        RealProviders providers = RealProviders.create(ProviderSettings.NONE);

        assertThat(providers.names()).isEmpty();
        assertThat(providers.visionLanguageModels()).isEmpty();
        assertThat(providers.imageGenerators()).isEmpty();
        assertThat(providers.videoGenerators()).isEmpty();
        assertThat(providers.commerceGateways()).isEmpty();
    }

    @Test
    void eachKeyTurnsOnItsProviders() {
        RealProviders providers = RealProviders.create(ProviderSettings.fromEnvironment(
                Map.of("OPENAI_API_KEY", "sk-1234567", "REPLICATE_API_TOKEN", "r8_1234567")));

        assertThat(providers.names())
                .containsExactly("openai", "seedream_replicate", "nano_banana_replicate", "kling_replicate");
        assertThat(providers.visionLanguageModels().get("openai").name()).isEqualTo("openai");
    }

    @Test
    void everyKeyGivesEveryProviderWithItsFamily() {
        RealProviders providers = RealProviders.create(ProviderSettings.fromEnvironment(Map.of(
                "OPENAI_API_KEY",
                "sk-1234567",
                "ARK_API_KEY",
                "ark-1234567",
                "REPLICATE_API_TOKEN",
                "r8_1234567",
                "KLING_ACCESS_KEY",
                "ak-1234567",
                "KLING_SECRET_KEY",
                "0123456789abcdef0123456789abcdef",
                "SHOPIFY_STORE_DOMAIN",
                "mina.myshopify.com",
                "SHOPIFY_ADMIN_TOKEN",
                "shpat_1234567",
                "GEMINI_API_KEY",
                "AIza1234567")));

        assertThat(providers.names())
                .containsExactly(
                        "openai",
                        "seedream",
                        "seedream_replicate",
                        "nano_banana_replicate",
                        "gemini",
                        "kling_replicate",
                        "kling",
                        "shopify");
        assertThat(providers.imageGenerators().values())
                .extracting(ImageGenerator::family)
                .containsOnly("seedream", "nano_banana", "gemini");
        assertThat(providers.videoGenerators().values())
                .extracting(VideoGenerator::family)
                .containsOnly("kling");
        assertThat(providers.commerceGateways()).containsOnlyKeys("shopify");
    }

    @Test
    void aKlingSecretTooShortForHs256IsAConfigurationError() {
        ProviderSettings settings = ProviderSettings.fromEnvironment(
                Map.of("KLING_ACCESS_KEY", "ak-1234567", "KLING_SECRET_KEY", "short-secret"));

        assertThatThrownBy(() -> RealProviders.create(settings))
                .isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining("short-secret");
    }
}
