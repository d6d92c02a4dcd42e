package me.minav3.mma.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.DefaultConfig;
import me.minav3.mma.testing.MutableClock;
import org.junit.jupiter.api.Test;

class ShopifyApiVersionTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-12-05");
    private static final Instant NOW = Instant.parse("2026-12-05T09:00:00Z");

    @Test
    void theDefaultAndTheSeededConfigAreSupportedToday() {
        assertThat(ShopifyApiVersion.DEFAULT.supportedOn(TODAY)).isTrue();
        String seeded = ShopifyConfig.from(DefaultConfig.values().get(ConfigKeys.SHOPIFY))
                .apiVersion();
        assertThat(new ShopifyApiVersion(seeded).supportedOn(TODAY))
                .as("seeded %s", seeded)
                .isTrue();
        assertThat(ShopifyApiVersion.choose(seeded, AdminApiVersion.CONFIG, NOW).warning())
                .isNull();
    }

    @Test
    void aVersionIsSupportedForTwelveMonthsAfterItsRelease() {
        ShopifyApiVersion july2025 = new ShopifyApiVersion("2025-07");

        assertThat(july2025.supportEnds()).isEqualTo(LocalDate.parse("2026-07-01"));
        assertThat(july2025.supportedOn(LocalDate.parse("2026-06-30"))).isTrue();
        assertThat(july2025.supportedOn(LocalDate.parse("2026-07-01"))).isFalse();
        assertThat(july2025.supportedOn(TODAY)).isFalse();
        assertThat(new ShopifyApiVersion("unstable").supportedOn(TODAY)).isTrue();
    }

    @Test
    void theOldStoredVersionFallsForwardToTheDefaultWithAWarning() {
        var choice = ShopifyApiVersion.choose("2025-07", AdminApiVersion.CONFIG, NOW);

        assertThat(choice.used()).isEqualTo(ShopifyApiVersion.DEFAULT);
        assertThat(choice.configured()).isEqualTo("2025-07");
        assertThat(choice.warning())
                .contains("2025-07")
                .contains("out of support")
                .contains("2026-07-01")
                .contains(ShopifyApiVersion.DEFAULT.value())
                .contains("mma.shopify api_version");
    }

    @Test
    void aSupportedConfiguredVersionIsUsedAsItIs() {
        var choice = ShopifyApiVersion.choose("2026-04", AdminApiVersion.CONFIG, NOW);

        assertThat(choice.used().value()).isEqualTo("2026-04");
        assertThat(choice.warning()).isNull();
        var unstable = ShopifyApiVersion.choose("unstable", AdminApiVersion.CONFIG, NOW);
        assertThat(unstable.used().value()).as("an explicit choice").isEqualTo("unstable");
        assertThat(unstable.warning())
                .contains("may change without notice")
                .contains(ShopifyApiVersion.DEFAULT.value());
    }

    @Test
    void theEnvironmentPinsTheVersionOverConfigAndIsCheckedTheSameWay() {
        MutableClock clock = new MutableClock(NOW);
        var fromConfig = new AdminApiVersion(null, () -> ShopifyConfig.from(Map.of("api_version", "2026-01")), clock);
        var pinned = new AdminApiVersion("2026-04", () -> ShopifyConfig.from(Map.of("api_version", "2026-01")), clock);
        var pinnedOld = new AdminApiVersion("2025-10", ShopifyConfig::standard, clock);
        var nothing = new AdminApiVersion(" ", ShopifyConfig::standard, clock);

        assertThat(fromConfig.get().value()).isEqualTo("2026-01");
        assertThat(pinned.get().value()).isEqualTo("2026-04");
        assertThat(pinnedOld.current().used()).isEqualTo(ShopifyApiVersion.DEFAULT);
        assertThat(pinnedOld.current().warning())
                .contains("SHOPIFY_API_VERSION")
                .contains("2025-10");
        assertThat(nothing.current().used()).isEqualTo(ShopifyApiVersion.DEFAULT);
        assertThat(nothing.current().warning()).isNull();
    }

    @Test
    void aVersionShopifyNeverReleasesIsRefusedWhenPublished() {
        assertThatThrownBy(() -> new ShopifyApiVersion("2026-11")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShopifyConfig.check(Map.of("api_version", "latest")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("api_version");
        ShopifyConfig.check(Map.of("api_version", "2026-10"));
    }

    @Test
    void unreadableConfigKeepsTheLastAnswer() {
        MutableClock clock = new MutableClock(NOW);
        boolean[] down = {false};
        var version = new AdminApiVersion(
                null,
                () -> {
                    if (down[0]) {
                        throw new IllegalStateException("the database cannot be reached");
                    }
                    return ShopifyConfig.from(Map.of("api_version", "2025-07"));
                },
                clock);
        var fresh = new AdminApiVersion(
                null,
                () -> {
                    throw new IllegalStateException("the database cannot be reached");
                },
                clock);

        var before = version.current();
        down[0] = true;

        assertThat(version.current()).isEqualTo(before);
        assertThat(before.warning()).contains("2025-07");
        assertThat(fresh.current().used()).isEqualTo(ShopifyApiVersion.DEFAULT);
    }
}
