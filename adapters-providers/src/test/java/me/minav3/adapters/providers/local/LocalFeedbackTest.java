package me.minav3.adapters.providers.local;

import static me.minav3.adapters.providers.local.TestImages.request;
import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import me.minav3.mma.providers.GptTask;
import me.minav3.mma.providers.VisionLanguageModel;
import org.junit.jupiter.api.Test;

class LocalFeedbackTest {

    private static final String PREVIOUS = "Matcha latte on marble, soft morning light from the upper left, palette of "
            + "matcha green and cream, editorial product photography, clean composition with the subject as the hero, "
            + "85mm lens, shallow depth of field.";
    private static final String CAPTION = "Generated still: 819x1024 px, portrait (about 4:5), PNG. Dominant colours: "
            + "cream (40%), matcha green (30%), navy blue (20%). Bright and high contrast.";
    private static final String MOTION = "Slow push-in towards the cup. Soft light shimmers gently over the cup. "
            + "The cup stays still, sharp and unchanged.";

    private final VisionLanguageModel vision = LocalProviders.vision(Duration.ZERO);

    private String still(String feedback) {
        return vision.ask(request(
                        GptTask.FEEDBACK_STILL,
                        obj("previous_prompt", PREVIOUS, "feedback", feedback, "output_caption", CAPTION)))
                .field("clean_prompt");
    }

    private String motion(String feedback) {
        return vision.ask(request(
                        GptTask.FEEDBACK_MOTION,
                        obj("previous_prompt", MOTION, "feedback", feedback, "caption", CAPTION)))
                .field("motion_prompt");
    }

    @Test
    void swapsTheLightWhenTheUserHatesIt() {
        String prompt = still("I hate the light you added");

        assertThat(prompt)
                .doesNotContain("morning light")
                .contains("soft even studio light")
                .startsWith("Matcha latte on marble, soft even studio light,")
                .contains("palette of matcha green and cream");
    }

    @Test
    void brightensWhenTooDarkAndDarkensWhenTooBright() {
        assertThat(still("it's too dark")).contains("bright, airy daylight").doesNotContain("morning light");
        assertThat(still("too bright, make it moodier")).contains("low-key moody light");
    }

    @Test
    void removesWhatTheUserWantsGoneAndAddsWhatTheyAskFor() {
        String prompt = vision.ask(request(
                        GptTask.FEEDBACK_STILL,
                        obj(
                                "previous_prompt",
                                        "Tea tin with dried flowers and a linen cloth, soft natural daylight.",
                                "feedback", "remove the flowers and add some steam",
                                "output_caption", "")))
                .field("clean_prompt");

        assertThat(prompt)
                .doesNotContain("flower")
                .contains("Tea tin")
                .contains("linen cloth")
                .contains("more steam");
    }

    @Test
    void recoloursTheBackgroundAndThePalette() {
        assertThat(still("make the background pink")).contains("a pink seamless backdrop");
        assertThat(still("I don't like the colours"))
                .contains("palette of sage and gold")
                .doesNotContain("palette of matcha green and cream");
    }

    @Test
    void movesTheCameraCloserOrFurther() {
        assertThat(still("get closer")).contains("tight close-up framing");
        assertThat(still("zoom out a bit")).contains("wider framing with more space around the subject");
    }

    @Test
    void unrecognisedFeedbackStillChangesThePrompt() {
        String prompt = still("meh, not quite what I pictured");

        assertThat(prompt)
                .startsWith(PREVIOUS.substring(0, PREVIOUS.length() - 1))
                .endsWith("reworked to address the note \"meh, not quite what I pictured\".");
    }

    @Test
    void respectsHardBlocksWhenGiven() {
        String prompt = vision.ask(request(
                        GptTask.FEEDBACK_STILL,
                        obj(
                                "previous_prompt",
                                PREVIOUS,
                                "feedback",
                                "add more marble veins",
                                "preferences",
                                obj("hard_blocks", List.of("marble")))))
                .field("clean_prompt");

        assertThat(prompt).doesNotContainIgnoringCase("marble").contains("Matcha latte");
    }

    @Test
    void slowsTheMotionDownWhenTooFast() {
        String prompt = motion("way too fast");

        assertThat(prompt)
                .contains("Everything moves very slowly and calmly.")
                .doesNotContain("Slow push-in")
                .contains("Push-in towards the cup.");
        assertThat(MotionPlan.of(prompt).amount())
                .isLessThan(MotionPlan.of(MOTION).amount());
    }

    @Test
    void replacesTheZoomWithAPanWhenTheUserDoesNotWantIt() {
        String prompt = motion("no zoom please");

        assertThat(prompt)
                .startsWith("Gentle pan from left to right across the scene.")
                .doesNotContain("push-in");
        assertThat(MotionPlan.of(prompt).move()).isEqualTo(MotionPlan.Move.PAN_RIGHT);
    }

    @Test
    void locksTheCameraWhenTheUserFindsItShaky() {
        String prompt = motion("the camera feels shaky");

        assertThat(prompt).contains("The camera stays locked off and steady.");
        assertThat(MotionPlan.of(prompt).move()).isEqualTo(MotionPlan.Move.STILL);
    }

    @Test
    void unrecognisedMotionFeedbackAddsANote() {
        assertThat(motion("make the steam curl"))
                .startsWith(MOTION)
                .endsWith("Adjusted for the note \"make the steam curl\".");
    }
}
