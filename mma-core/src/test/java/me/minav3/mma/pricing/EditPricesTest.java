package me.minav3.mma.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EditPricesTest {

    private static Map<String, Object> with(String tool, String price) {
        Map<String, Object> prices = new HashMap<>();
        EditPrices.TOOLS.forEach(t -> prices.put(t, "1/2"));
        prices.put(tool, price);
        return Map.of("prices", prices);
    }

    @Test
    void versionOnePricesTheIssuesFractionsExactly() {
        EditPrices prices = EditPrices.parse(EditPrices.VERSION_1);

        assertThat(prices.unitsOf("eraser")).contains(1260L);
        assertThat(prices.unitsOf("remove-background")).contains(504L);
        assertThat(prices.unitsOf("upscale")).contains(252L);
        assertThat(prices.unitsOf("vectorize")).contains(1260L);
        assertThat(prices.unitsOf("teleport")).isEmpty();
    }

    @Test
    void thirdsAndSeventhsAreExactToo() {
        assertThat(EditPrices.parse(with("upscale", "1/3")).unitsOf("upscale")).contains(840L);
        assertThat(EditPrices.parse(with("upscale", "2/7")).unitsOf("upscale")).contains(720L);
        assertThat(EditPrices.parse(with("upscale", "1")).unitsOf("upscale")).contains(2520L);
    }

    @Test
    void aPriceThatWouldBeRoundedOrIsOutOfRangeIsRefused() {
        assertThatThrownBy(() -> EditPrices.parse(with("upscale", "1/11"))).hasMessageContaining("denominator");
        assertThatThrownBy(() -> EditPrices.parse(with("upscale", "3/2"))).hasMessageContaining("at most 1");
        assertThatThrownBy(() -> EditPrices.parse(with("upscale", "0/2"))).hasMessageContaining("more than 0");
        assertThatThrownBy(() -> EditPrices.parse(with("upscale", "0.5"))).hasMessageContaining("fraction");
        assertThatThrownBy(() -> EditPrices.parse(Map.of("prices", Map.of("eraser", "1/2"))))
                .hasMessageContaining("needs a price for");
    }
}
