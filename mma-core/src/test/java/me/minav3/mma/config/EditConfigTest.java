package me.minav3.mma.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.pricing.EditPrices;
import org.junit.jupiter.api.Test;

class EditConfigTest {

    @Test
    void theEditPricesAreSeededAndARoundedPriceIsRefused() {
        assertThat(DefaultConfig.values()).containsEntry(ConfigKeys.EDIT, EditPrices.VERSION_1);
        ConfigRules.check(ConfigKeys.EDIT, EditPrices.VERSION_1);
        assertThatThrownBy(() -> ConfigRules.check(
                        ConfigKeys.EDIT,
                        Map.of(
                                "prices",
                                Map.of(
                                        "eraser", "1/11",
                                        "inpaint", "1/2",
                                        "expand", "1/2",
                                        "remove-background", "1/5",
                                        "upscale", "1/10",
                                        "vectorize", "1/2"))))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("mma.edit");
    }
}
