package me.minav3.adapters.providers.local;

import static me.minav3.adapters.providers.local.TestImages.request;
import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import me.minav3.mma.providers.GptReply;
import me.minav3.mma.providers.GptTask;
import me.minav3.mma.providers.VisionLanguageModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalReaderTest {

    private static final String RED_PRODUCT =
            "Product image: 800x1000 px, portrait (about 4:5), PNG. Dominant colours: "
                    + "red (70%), white (20%). Bright and high contrast; vivid, warm colour.";
    private static final String BLUE_INSPIRATION = "Inspiration image: 1200x800 px, landscape (about 3:2), JPEG. "
            + "Dominant colours: navy blue (60%), sky blue (30%). Dark and moderate contrast; muted, cool colour.";

    private final VisionLanguageModel vision = LocalProviders.vision(Duration.ZERO);

    private GptReply read(Map<String, Object> input) {
        return vision.ask(request(GptTask.READ_STILL, input));
    }

    @Test
    void hardBlocksNeverAppearEvenWhenTheBriefHistoryAndWeightsAskForThem() {
        GptReply reply = read(obj(
                "brief", "Perfume bottle with neon-lit people dancing, Neon signs at night",
                "style", "neon noir",
                "captions", obj("inspiration", List.of("Neon tubes over a crowd of people.")),
                "style_history_csv", "neon:5, people:2, minimal:1",
                "preferences",
                        obj(
                                "hard_blocks",
                                List.of("Neon", "people"),
                                "tag_weights",
                                obj("neon glow", 3, "people", 2.5))));

        for (String field : List.of("clean_prompt", "userMessage")) {
            assertThat(reply.field(field)).doesNotContainIgnoringCase("neon").doesNotContainIgnoringCase("people");
        }
        assertThat(reply.field("clean_prompt")).startsWith("Perfume bottle").contains("leaning into minimal");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            bottle      | Bottles of wine and a bottle-green cap on a bottle
            neon        | NEON-lit street, neon's glow, neon
            gold accents| marble with gold  accents and Gold-Accents
            hero        | a hero shot of a jar
            light       | jar in soft morning light
            """)
    void aHardBlockNeverAppearsWhateverItsCaseHyphensOrPlural(String block, String brief) {
        GptReply reply = read(obj("brief", brief, "preferences", obj("hard_blocks", List.of(block))));

        for (String field : List.of("clean_prompt", "userMessage")) {
            assertThat(Taste.mentions(reply.field(field), block))
                    .as(field + ": " + reply.field(field))
                    .isFalse();
            assertThat(reply.field(field).toLowerCase(java.util.Locale.ROOT)).doesNotContain(block);
        }
        assertThat(reply.field("clean_prompt")).isNotBlank();
    }

    @Test
    void aBlockedColourFromACaptionIsLeftOutCleanly() {
        GptReply reply = read(obj(
                "brief", "serum on stone",
                "captions", obj("product", RED_PRODUCT),
                "preferences", obj("hard_blocks", List.of("red"))));

        assertThat(reply.field("clean_prompt"))
                .contains("the product exactly as in its reference in white,")
                .doesNotContainIgnoringCase("red");
    }

    @Test
    void positiveWeightsSteerStrongestFirstAndNegativeOnesAreLeftOut() {
        GptReply reply = read(obj(
                "brief", "perfume bottle at night",
                "style", "None",
                "style_history_csv", "soft shadows:2, minimal:3.5, neon:-2, pastel:0.5",
                "preferences", obj("hard_blocks", List.of(), "tag_weights", obj())));

        String prompt = reply.field("clean_prompt");
        assertThat(prompt)
                .contains("leaning into minimal, soft shadows and pastel")
                .doesNotContainIgnoringCase("neon");
        assertThat(reply.field("userMessage")).isEqualTo("Composing: perfume bottle at night, leaning into minimal.");
    }

    @Test
    void withoutTheDislikeTheSameNightBriefGetsNeonLight() {
        GptReply reply = read(obj("brief", "perfume bottle at night", "style", "None"));

        assertThat(reply.field("clean_prompt")).contains("neon glow");
    }

    @Test
    void anExplicitPreferenceWeightWinsOverHistory() {
        GptReply reply = read(obj(
                "brief", "serum bottle",
                "style_history_csv", "gold accents:4, marble:1",
                "preferences", obj("tag_weights", obj("gold accents", -1, "marble", "2"))));

        assertThat(reply.field("clean_prompt")).contains("leaning into marble").doesNotContain("gold accents");
    }

    @Test
    void anEmptyBriefWithImagesStillMakesAPrompt() {
        GptReply reply = read(obj(
                "brief", "",
                "style", "None",
                "captions",
                        obj(
                                "product",
                                RED_PRODUCT,
                                "logo",
                                "Logo: 200x100 px.",
                                "inspiration",
                                List.of(BLUE_INSPIRATION, BLUE_INSPIRATION))));

        assertThat(reply.field("clean_prompt"))
                .startsWith("A hero still of the product from the product reference")
                .contains("the product exactly as in its reference in red and white")
                .contains("the logo small and legible in a corner")
                .contains("palette of navy blue and sky blue with a dark, moody feel")
                .doesNotContain("None");
        assertThat(reply.field("userMessage")).isEqualTo("Composing: a hero still of the product from the…");
    }

    @Test
    void keepsTheChosenStyleAndAddsLightOnlyWhenTheBriefHasNone() {
        String withLight = read(obj("brief", "latte on marble, window light", "style", "Minimal editorial"))
                .field("clean_prompt");
        String withoutLight = read(obj("brief", "latte on marble at sunrise", "style", "Minimal editorial"))
                .field("clean_prompt");

        assertThat(withLight)
                .startsWith("Latte on marble, window light, Minimal editorial style,")
                .doesNotContain("daylight")
                .doesNotContain("morning light");
        assertThat(withoutLight).contains("soft morning light from the upper left");
    }

    @Test
    void writesTheSamePromptForTheSameInput() {
        Map<String, Object> input = obj("brief", "tea tin", "style_history_csv", "bold:1, airy:1, crisp:2");

        assertThat(read(input).fields()).isEqualTo(read(input).fields());
        assertThat(read(input).field("clean_prompt")).contains("leaning into crisp, airy and bold");
    }
}
