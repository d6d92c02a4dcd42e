package me.minav3.mma.shopify;

import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.error.ConfigurationError;
import org.junit.jupiter.api.Test;

class PackPolicyTest {

    private final PackPolicy standard = PackPolicy.standard();

    @Test
    void aPackIsWorthItsNumberTimesTheQuantity() {
        assertThat(standard.valueOf("MINA-50", 4)).contains(Matcha.of(200));
        assertThat(standard.valueOf("MINA-100", 1)).contains(Matcha.of(100));
        assertThat(standard.unitValue("MINA-7")).contains(Matcha.of(7));
    }

    @Test
    void skuCaseAndSurroundingSpacesDoNotMatter() {
        assertThat(standard.valueOf(" mina-50 ", 2)).contains(Matcha.of(100));
    }

    @Test
    void otherSkusBuyNothing() {
        for (String sku : new String[] {
            null,
            "",
            "  ",
            "TSHIRT-M",
            "MINA-",
            "MINA-0",
            "MINA-050",
            "MINA-50X",
            "XMINA-50",
            "MINA-50-GIFT",
            "MINA--5",
            "MINA-1000001",
            "MINA-99999999999"
        }) {
            assertThat(standard.unitValue(sku)).as(String.valueOf(sku)).isEmpty();
        }
    }

    @Test
    void aQuantityOfZeroBuysNothing() {
        assertThat(standard.valueOf("MINA-50", 0)).isEmpty();
    }

    @Test
    void overridesNameOtherSkusCorrectPatternedOnesAndCanTakeOneOut() {
        PackPolicy policy = PackPolicy.fromConfig(
                obj("sku_pattern", "MINA-<n>", "overrides", obj("MINA-STARTER", 30, "mina-50", 55, "MINA-10", 0)));

        assertThat(policy.valueOf("MINA-STARTER", 2)).contains(Matcha.of(60));
        assertThat(policy.valueOf("MINA-50", 1)).contains(Matcha.of(55));
        assertThat(policy.unitValue("MINA-10")).isEmpty();
        assertThat(policy.unitValue("MINA-20")).contains(Matcha.of(20));
    }

    @Test
    void thePatternComesFromConfig() {
        PackPolicy policy = PackPolicy.fromConfig(obj("sku_pattern", "MATCHA.<n>.PACK"));

        assertThat(policy.unitValue("MATCHA.25.PACK")).contains(Matcha.of(25));
        assertThat(policy.unitValue("MATCHAx25.PACK"))
                .as("the dot is literal, not a regex")
                .isEmpty();
        assertThat(policy.unitValue("MINA-25")).isEmpty();
    }

    @Test
    void theNumberMayOpenThePatternAndAnOverrideMayReachTheLargestUnit() {
        PackPolicy policy = PackPolicy.fromConfig(
                obj("sku_pattern", "<n>-MATCHA", "overrides", obj("MINA-MAX", PackPolicy.MAX_UNIT)));

        assertThat(policy.unitValue("25-MATCHA")).contains(Matcha.of(25));
        assertThat(policy.unitValue("MINA-MAX")).contains(Matcha.of(PackPolicy.MAX_UNIT));
    }

    @Test
    void aConfigThatCannotBeReadIsRefused() {
        for (var bad : new java.util.Map[] {
            obj("sku_pattern", "MINA-50"),
            obj("sku_pattern", "<n>-MINA-<n>"),
            obj("overrides", obj("MINA-X", -1)),
            obj("overrides", obj("MINA-X", 2.5)),
            obj("overrides", obj("MINA-X", "30")),
            obj("overrides", obj("MINA-X", 2_000_000))
        }) {
            @SuppressWarnings("unchecked")
            var value = (java.util.Map<String, Object>) bad;
            assertThatThrownBy(() -> PackPolicy.fromConfig(value))
                    .as(value.toString())
                    .isInstanceOf(ConfigurationError.class)
                    .hasMessageContaining("mma.packs");
        }
    }

    @Test
    void theBiggestPackTimesAnAbsurdQuantityIsRefusedNotWrapped() {
        Optional<Matcha> fine = standard.valueOf("MINA-1000000", 1000);
        assertThat(fine).contains(Matcha.of(1_000_000_000L));
        assertThatThrownBy(() -> standard.valueOf("MINA-1000000", 1001)).isInstanceOf(IllegalArgumentException.class);
    }
}
