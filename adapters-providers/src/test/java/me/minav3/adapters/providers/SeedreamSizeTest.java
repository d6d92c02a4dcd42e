package me.minav3.adapters.providers;

import static org.assertj.core.api.Assertions.assertThat;

import me.minav3.adapters.providers.SeedreamSize.Quality;
import me.minav3.mma.common.AspectRatio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SeedreamSizeTest {

    @ParameterizedTest
    @CsvSource({
        "1:1,2048x2048",
        "4:3,2304x1728",
        "3:4,1728x2304",
        "16:9,2560x1440",
        "9:16,1440x2560",
        "3:2,2496x1664",
        "2:3,1664x2496",
        "21:9,3024x1296",
        "4:5,1792x2240",
        "5:4,2240x1792"
    })
    void twoKIsThePublishedSizeTable(String ratio, String size) {
        assertThat(SeedreamSize.of(AspectRatio.parse(ratio), Quality.K2).wire()).isEqualTo(size);
    }

    @Test
    void oneKHalvesAndFourKDoubles() {
        assertThat(SeedreamSize.of(AspectRatio.LANDSCAPE_16_9, Quality.K1).wire())
                .isEqualTo("1280x720");
        assertThat(SeedreamSize.of(AspectRatio.LANDSCAPE_4_3, Quality.K4).wire())
                .isEqualTo("4608x3456");
    }

    @ParameterizedTest
    @EnumSource(AspectRatio.class)
    void everySizeKeepsItsRatioAndStaysInTheAcceptedPixelRange(AspectRatio ratio) {
        for (Quality quality : Quality.values()) {
            SeedreamSize size = SeedreamSize.of(ratio, quality);
            long pixels = (long) size.width() * size.height();
            assertThat(pixels).isBetween(1280L * 720, 4096L * 4096);
            assertThat((double) size.width() / size.height())
                    .isCloseTo(ratio.value(), org.assertj.core.data.Offset.offset(0.02));
        }
    }

    @ParameterizedTest
    @EnumSource(AspectRatio.class)
    void everySizeFitsEachSeededSeedreamModelKeepingItsRatio(AspectRatio ratio) {
        var table = me.minav3.mma.providers.models.ModelCapabilities.parse(
                me.minav3.mma.config.DefaultConfig.values().get(me.minav3.mma.config.ConfigKeys.PROVIDER_MODELS));
        for (String model :
                java.util.List.of("seedream-3-0-t2i-250415", "seedream-4-0-250828", "seedream-4-5-251128")) {
            var bounds = table.find("seedream", model).orElseThrow().pixels();
            for (Quality quality : Quality.values()) {
                SeedreamSize listed = SeedreamSize.of(ratio, quality);
                SeedreamSize size = listed.within(bounds);
                assertThat(bounds.allows(size.width(), size.height()))
                        .as(model + " " + quality + " " + size.wire())
                        .isTrue();
                if (!size.equals(listed)) {
                    assertThat(size.width() % 16 + size.height() % 16)
                            .as("a fitted size is in steps of 16")
                            .isZero();
                }
                assertThat((double) size.width() / size.height())
                        .as(model + " " + quality)
                        .isCloseTo(ratio.value(), org.assertj.core.data.Offset.offset(0.03));
            }
        }
    }

    @Test
    void qualityReadsOneTwoOrFourKAndFallsBackOtherwise() {
        assertThat(Quality.parse("4k", Quality.K2)).isEqualTo(Quality.K4);
        assertThat(Quality.parse(" 1K ", Quality.K2)).isEqualTo(Quality.K1);
        assertThat(Quality.parse("ultra", Quality.K2)).isEqualTo(Quality.K2);
        assertThat(Quality.K4.wire()).isEqualTo("4K");
    }
}
