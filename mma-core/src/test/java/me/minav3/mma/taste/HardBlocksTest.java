package me.minav3.mma.taste;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.customers.Preferences;
import me.minav3.mma.studio.TasteSignal;
import org.junit.jupiter.api.Test;

class HardBlocksTest {

    @Test
    void removesEveryClauseThatMentionsABlockedTagEvenNegated() {
        var scrubbed = HardBlocks.scrub(
                "A matcha bowl on oak, no neon, soft light; Neon glow behind. Warm tones.", List.of("neon"));

        assertThat(scrubbed.prompt()).isEqualTo("A matcha bowl on oak, soft light; Warm tones.");
        assertThat(scrubbed.removed()).containsExactly("no neon,", "Neon glow behind.");
    }

    @Test
    void matchesWholeWordsAndSimplePlurals() {
        assertThat(HardBlocks.scrub("two people, a person, peoplesque mood.", List.of("people"))
                        .prompt())
                .isEqualTo("a person, peoplesque mood.");
        assertThat(HardBlocks.scrub("a red cup, centred.", List.of("red")).prompt())
                .isEqualTo("centred.");
        assertThat(HardBlocks.scrub("bright lights.", List.of("light")).prompt())
                .isEqualTo(HardBlocks.NEUTRAL_PROMPT);
    }

    @Test
    void tasteWeightsComeFromSignalsAndPreferencesWithoutBlockedTags() {
        var signals = List.of(
                new TasteSignal(
                        EventType.LIKE, new GenerationId("a"), "Pastel dream", "cups, soft light, marble", null, null),
                new TasteSignal(EventType.DISLIKE, new GenerationId("b"), null, "harsh light, neon", "neon bar", null),
                new TasteSignal(EventType.DOWNLOAD, new GenerationId("c"), null, null, "soft light on linen", null));

        var profile = TasteProfile.build(signals, new Preferences(List.of("neon"), Map.of("marble", 1.0)), 5);

        assertThat(profile.weights())
                .containsEntry("soft light", 2.0)
                .containsEntry("marble", 3.0)
                .containsEntry("harsh light", -1.0)
                .containsEntry("pastel dream", 1.0)
                .doesNotContainKey("neon");
        assertThat(profile.styleHistoryCsv()).startsWith("marble:+3.0,soft light:+2.0");
        assertThat(profile.signalsUsed()).isEqualTo(3);
        assertThat(TasteProfile.build(signals, Preferences.NONE, 1).signalsUsed())
                .isEqualTo(1);
    }

    @Test
    void theVocabularyPrefersTheLongerTag() {
        assertThat(StyleVocabulary.tagsIn("a matcha green cup in golden hour"))
                .containsExactly("golden hour", "matcha green");
    }
}
