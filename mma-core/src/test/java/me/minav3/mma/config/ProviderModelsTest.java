package me.minav3.mma.config;

import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import me.minav3.mma.error.InvalidInput;
import org.junit.jupiter.api.Test;

class ProviderModelsTest {

    @Test
    void theSeededCapabilityTablePassesItsOwnRules() {
        assertThatCode(() -> ConfigRules.check(
                        ConfigKeys.PROVIDER_MODELS, DefaultConfig.values().get(ConfigKeys.PROVIDER_MODELS)))
                .doesNotThrowAnyException();
    }

    @Test
    void aCapabilityTableOfTheWrongShapeIsNotPublished() {
        assertThatThrownBy(() -> ConfigRules.check(
                        ConfigKeys.PROVIDER_MODELS,
                        obj(
                                "seedream",
                                obj("seedream-4-5-251128", obj("min_pixels", "lots", "qualities", List.of("2K"))))))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("seedream.seedream-4-5-251128.min_pixels");
    }
}
