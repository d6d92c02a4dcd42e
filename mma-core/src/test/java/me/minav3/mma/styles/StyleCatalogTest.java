package me.minav3.mma.styles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Json;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.config.DefaultConfig;
import me.minav3.mma.config.PublishConfig;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.styles.catalog.StyleCatalog;
import me.minav3.mma.testing.InMemoryMega;
import me.minav3.mma.testing.MutableClock;
import me.minav3.mma.testing.SequentialIds;
import org.junit.jupiter.api.Test;

/** Config {@code mma.styles}: version 1 and the shape a published value must have (decision 032). */
class StyleCatalogTest {

    @Test
    void versionOneHasThreePresetsWhoseImagesShipWithTheAppAndALimitOfThree() {
        StyleCatalog catalog = StyleCatalog.parse(DefaultConfig.values().get(ConfigKeys.STYLES));
        assertThat(catalog.maxPerStill()).isEqualTo(3);
        assertThat(catalog.presets())
                .extracting(StyleCatalog.StylePreset::id)
                .containsExactly("noir", "pastel", "sunset");
        assertThat(catalog.presets())
                .allSatisfy(p -> assertThat(p.references())
                        .allSatisfy(r -> assertThat(StyleCatalogTest.class.getResource(
                                        "/me/minav3/mma/styles/" + r.substring("asset:styles/".length())))
                                .as(r + " ships")
                                .isNotNull()));
    }

    @Test
    void aPresetImageMustBeAPermanentPublicUrlOrAShippedAsset() {
        for (String bad : List.of(
                "ftp://example.com/a.png",
                "https://user:pw@example.com/a.png",
                "https://bucket.example.com/a.png?X-Amz-Signature=abc",
                "https://example.com/a.png?Expires=1",
                "/relative.png",
                "asset:uploads/x.png")) {
            assertThatThrownBy(() -> StyleCatalog.parse(withReference(bad)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("preset 'ink'");
        }
        assertThat(StyleCatalog.parse(withReference("https://media.example.com/styles/ink.png"))
                        .preset("ink")
                        .orElseThrow()
                        .hero())
                .isEqualTo("https://media.example.com/styles/ink.png");
    }

    @Test
    void publishingABadValueIsRefusedAndKeepsTheCurrentVersion() {
        InMemoryMega mega = new InMemoryMega();
        MutableClock clock = new MutableClock();
        ConfigService config = new ConfigService(mega, clock);
        config.seedDefaults();
        PublishConfig publish = new PublishConfig(mega, config, mega, clock, new SequentialIds());

        assertThatThrownBy(() -> publish.publish(ConfigKeys.STYLES, Json.obj("max_per_still", 0), Actor.SYSTEM))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("mma.styles")
                .hasMessageContaining("max_per_still");
        assertThatThrownBy(() -> publish.publish(
                        ConfigKeys.STYLES,
                        Json.obj("presets", List.of(preset("my-own", "https://e.com/a.png"))),
                        Actor.SYSTEM))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("my-");
        assertThat(config.require(ConfigKeys.STYLES).version()).isEqualTo(1);
        publish.publish(ConfigKeys.STYLES, withReference("https://media.example.com/ink.png"), Actor.SYSTEM);
        assertThat(config.require(ConfigKeys.STYLES).version()).isEqualTo(2);
    }

    private static Map<String, Object> withReference(String url) {
        return Json.obj("max_per_still", 2, "presets", List.of(preset("ink", url)));
    }

    private static Map<String, Object> preset(String id, String url) {
        return Json.obj("id", id, "name", "Ink", "cue", "ink wash, brush strokes", "references", List.of(url));
    }
}
