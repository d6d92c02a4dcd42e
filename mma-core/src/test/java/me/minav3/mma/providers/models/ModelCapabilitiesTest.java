package me.minav3.mma.providers.models;

import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.DefaultConfig;
import org.junit.jupiter.api.Test;

class ModelCapabilitiesTest {

    private final ModelCapabilities seeded =
            ModelCapabilities.parse(DefaultConfig.values().get(ConfigKeys.PROVIDER_MODELS));

    @Test
    void klingV21TakesAnEndFrameOnlyInPro() {
        ModelCapability v21 = seeded.find("kling", "kling-v2-1").orElseThrow();

        assertThat(v21.takesEndFrame()).isTrue();
        assertThat(v21.takesEndFrameIn("std")).isFalse();
        assertThat(v21.takesEndFrameIn("pro")).isTrue();
        assertThat(v21.takesImageType("image/webp")).isFalse();
        assertThat(v21.takesImageType("image/jpeg")).isTrue();
        assertThat(seeded.find("kling", "kling-v2-1-master").orElseThrow().takesEndFrame())
                .isFalse();
    }

    @Test
    void seedreamModelsCarryTheirPixelBoundsAndInputs() {
        ModelCapability t2i = seeded.find("seedream", "seedream-3-0-t2i-250415").orElseThrow();
        ModelCapability v45 = seeded.find("seedream", "seedream-4-5-251128").orElseThrow();

        assertThat(t2i.takesImages(0)).isTrue();
        assertThat(t2i.takesImages(1)).isFalse();
        assertThat(t2i.takes("image")).isFalse();
        assertThat(t2i.takes("sequential_image_generation")).isFalse();
        assertThat(t2i.pixels().allows(2048, 2048)).isTrue();
        assertThat(t2i.pixels().allows(2560, 1440)).isFalse();
        assertThat(v45.pixels().allows(2560, 1440)).isTrue();
        assertThat(v45.pixels().allows(1024, 1024)).isFalse();
        assertThat(v45.takesQuality("1K")).isFalse();
    }

    @Test
    void aPrefixKeyCoversAModelFamilyAndAnExactKeyWins() {
        ModelCapabilities table = ModelCapabilities.parse(obj(
                "openai",
                obj(
                        "gpt-5*", obj("params", List.of("max_completion_tokens")),
                        "gpt-5-chat-latest", obj("params", List.of("temperature", "max_completion_tokens")))));

        assertThat(table.find("openai", "gpt-5-mini").orElseThrow().takes("temperature"))
                .isFalse();
        assertThat(table.find("openai", "gpt-5-chat-latest").orElseThrow().takes("temperature"))
                .isTrue();
        assertThat(table.find("openai", "gpt-4.1-mini")).isEmpty();
        assertThat(seeded.find("openai", "o4-mini").orElseThrow().takes("max_tokens"))
                .isFalse();
        assertThat(seeded.find("openai", "gpt-4.1-mini").orElseThrow().takes("temperature"))
                .isTrue();
    }

    @Test
    void aValueOfTheWrongShapeIsRefusedWithWhereItIsWrong() {
        assertThatThrownBy(() ->
                        ModelCapabilities.parse(obj("kling", obj("kling-v2-1", obj("durations", List.of("5"))))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kling.kling-v2-1.durations");
        assertThatThrownBy(() -> ModelCapabilities.parse(obj("kling", List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"kling\"");
    }
}
