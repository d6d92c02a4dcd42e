package me.minav3.adapters.providers.local;

import static me.minav3.adapters.providers.local.TestImages.png;
import static me.minav3.adapters.providers.local.TestImages.ref;
import static me.minav3.adapters.providers.local.TestImages.request;
import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.time.Duration;
import java.util.Map;
import me.minav3.mma.providers.GptReply;
import me.minav3.mma.providers.GptTask;
import me.minav3.mma.providers.VisionLanguageModel;
import org.junit.jupiter.api.Test;

class LocalMotionWriterTest {

    private final VisionLanguageModel vision = LocalProviders.vision(Duration.ZERO);

    private GptReply suggest(int width, int height, Color colour) {
        return vision.ask(request(
                GptTask.MOTION_SUGGESTION,
                obj("caption", ""),
                ref("still.png", png(TestImages.solid(width, height, colour)))));
    }

    @Test
    void suggestsAPushInForAPortraitAPanForALandscapeAndAZoomOutForASquare() {
        GptReply portrait = suggest(400, 500, new Color(240, 235, 225));
        GptReply landscape = suggest(640, 360, new Color(120, 120, 120));
        GptReply square = suggest(300, 300, new Color(20, 20, 25));

        assertThat(portrait.field("sugg_prompt"))
                .startsWith("Slow push-in towards the subject.")
                .contains("Soft light shimmers gently");
        assertThat(portrait.field("userMessage")).isEqualTo("How about a slow push-in? Edit it as you like.");
        assertThat(landscape.field("sugg_prompt")).startsWith("Gentle pan from left to right across the scene.");
        assertThat(square.field("sugg_prompt")).startsWith("Slow zoom out").contains("A soft glow pulses slowly");
        assertThat(MotionPlan.of(portrait.field("sugg_prompt")).move()).isEqualTo(MotionPlan.Move.ZOOM_IN);
        assertThat(MotionPlan.of(landscape.field("sugg_prompt")).move()).isEqualTo(MotionPlan.Move.PAN_RIGHT);
        assertThat(MotionPlan.of(square.field("sugg_prompt")).move()).isEqualTo(MotionPlan.Move.ZOOM_OUT);
    }

    @Test
    void namesTheObjectTheCaptionMentionsButNotAColourWord() {
        GptReply reply = vision.ask(request(
                GptTask.MOTION_SUGGESTION,
                obj("caption", "A cream-coloured glass perfume bottle on stone"),
                ref("still.png", png(TestImages.solid(400, 600, Color.LIGHT_GRAY)))));

        assertThat(reply.field("sugg_prompt")).contains("towards the bottle").contains("The bottle stays still");
    }

    @Test
    void worksFromTheWebpHeaderAlone() {
        GptReply reply = vision.ask(
                request(GptTask.MOTION_SUGGESTION, Map.of(), ref("still.webp", TestImages.webpLossless(1280, 720))));

        assertThat(reply.field("sugg_prompt")).startsWith("Gentle pan").contains("Tiny specks of dust");
    }

    @Test
    void readMotionWithoutUserTextWritesAMotionFromTheCaption() {
        GptReply reply = vision.ask(request(
                GptTask.READ_MOTION,
                obj(
                        "caption",
                                "Start image for the animation: 1920x1080 px, landscape (about 16:9). Dark and moody.",
                        "user_text", "")));

        assertThat(reply.field("motion_prompt"))
                .startsWith("Gentle pan from left to right")
                .contains("A soft glow pulses slowly");
        assertThat(reply.field("userMessage")).isEqualTo("No motion text, so I picked a gentle pan.");
    }

    @Test
    void readMotionKeepsTheUsersWordsAndAddsCameraPaceAndTheProduct() {
        GptReply reply = vision.ask(request(
                GptTask.READ_MOTION,
                obj(
                        "caption", "Generated still: 800x1000 px, portrait. A matcha latte in a cup.",
                        "user_text", "  steam rises from the latte  ")));

        assertThat(reply.field("motion_prompt"))
                .isEqualTo("Steam rises from the latte. Slow push-in towards the cup. "
                        + "Smooth, slow pace. Keep the cup unchanged and legible.");
        assertThat(reply.field("userMessage")).isEqualTo("Animating: steam rises from the latte");
    }

    @Test
    void readMotionKeepsAHyphenatedWordWhole() {
        GptReply reply = vision.ask(request(
                GptTask.READ_MOTION,
                obj("caption", "Generated still: 800x1000 px, portrait.", "user_text", "slow push-in")));

        assertThat(reply.field("motion_prompt")).startsWith("Slow push-in.");
        assertThat(reply.field("userMessage")).isEqualTo("Animating: slow push-in");
    }

    @Test
    void readMotionDoesNotAddACameraMoveTheUserAlreadyGave() {
        String prompt = vision.ask(request(
                        GptTask.READ_MOTION,
                        obj("caption", "portrait", "user_text", "camera pans left quickly over the bottles")))
                .field("motion_prompt");

        assertThat(prompt)
                .startsWith("Camera pans left quickly over the bottles.")
                .doesNotContain("push-in")
                .doesNotContain("Smooth, slow pace");
        assertThat(MotionPlan.of(prompt)).isEqualTo(new MotionPlan(MotionPlan.Move.PAN_LEFT, 0.25));
    }
}
