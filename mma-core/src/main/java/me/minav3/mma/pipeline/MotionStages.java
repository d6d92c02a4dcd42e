package me.minav3.mma.pipeline;

import java.util.List;
import java.util.Map;
import me.minav3.mma.domain.AspectRatio;
import me.minav3.mma.domain.Json;
import me.minav3.mma.domain.MmaMode;
import me.minav3.mma.domain.MmaStatus;
import me.minav3.mma.domain.StoredAsset;
import me.minav3.mma.port.VideoGenerator;
import me.minav3.mma.provider.GeneratedMedia;
import me.minav3.mma.provider.GptReply;
import me.minav3.mma.provider.GptTask;
import me.minav3.mma.provider.VideoJob;

/** The stages of the motion pipeline (spec §8): animate a still, and regenerate a video from feedback. */
final class MotionStages {

    /** Where the motion prompt came from ({@code prompts.motion_source}). */
    static final String WRITTEN_BY_MMA = "written_by_mma";
    static final String USER_TEXT_CLEANED = "user_text_cleaned";
    static final String USER_TEXT_AS_IS = "user_text_as_is";
    static final String FEEDBACK = "feedback";

    private MotionStages() {
    }

    /** {@code scan_input_still}: a caption of the image being animated. */
    record ScanStill() implements Stage {

        @Override
        public String type() {
            return "scan_input_still";
        }

        @Override
        public MmaStatus status() {
            return MmaStatus.SCANNING;
        }

        @Override
        public String intro() {
            return "Looking at your image…";
        }

        @Override
        public void run(StageContext ctx) {
            String url = Json.string(ctx.section("assets"), "start_image_url", null);
            GptReply reply = GptStep.ask(ctx, GptTask.SCAN, Json.obj("role", "input_still"), List.of(url));
            ctx.section("scans").put("input_still_crt", reply.field("crt"));
            ctx.list("userMessages", "scan_lines").add(reply.field("userMessage"));
            ctx.userLine(reply.field("userMessage"));
        }
    }

    /**
     * {@code gpt_reader_motion}: the Kling prompt from the still's caption and the user's motion text. With
     * {@code passThrough} (config {@code mma.video.pass_through_user_text}, fixed when the job was created) the
     * user's own text is the prompt: no model is asked and the step records that.
     */
    record ReaderMotion(boolean passThrough) implements Stage {

        @Override
        public String type() {
            return "gpt_reader_motion";
        }

        @Override
        public MmaStatus status() {
            return MmaStatus.PROMPTING;
        }

        @Override
        public String intro() {
            return passThrough ? null : "Writing the motion…";
        }

        @Override
        public boolean local() {
            return passThrough;
        }

        @Override
        public void run(StageContext ctx) {
            String userText = Json.string(ctx.section("inputs"), "motion_text", "");
            var prompts = ctx.section("prompts");
            if (passThrough) {
                ctx.input(Json.obj("user_text", userText, "pass_through", true,
                        "reason", "config mma.video.pass_through_user_text is true"));
                ctx.output(Json.obj("motion_prompt", userText, "pass_through", true));
                prompts.put("clean_prompt", userText);
                prompts.put("motion_source", USER_TEXT_AS_IS);
                ctx.userLine("Using your motion text as you wrote it.");
                return;
            }
            var settings = ctx.section("settings");
            var input = Json.obj("caption", Json.string(ctx.section("scans"), "input_still_crt", ""),
                    "user_text", userText,
                    "duration_seconds", Json.number(settings, "duration", 5),
                    "aspect_ratio", Json.string(settings, "aspect_ratio", "1:1"),
                    "has_end_image", ctx.section("assets").get("end_image_url") != null);
            GptReply reply = GptStep.ask(ctx, GptTask.READ_MOTION, input, List.of());
            prompts.put("clean_prompt", reply.field("motion_prompt"));
            prompts.put("motion_source", userText.isEmpty() ? WRITTEN_BY_MMA : USER_TEXT_CLEANED);
            ctx.section("userMessages").put("final", reply.field("userMessage"));
            ctx.userLine(reply.field("userMessage"));
        }
    }

    /** {@code gpt_feedback_motion}: the previous motion prompt adapted to the user's feedback on the video. */
    record FeedbackMotion() implements Stage {

        @Override
        public String type() {
            return "gpt_feedback_motion";
        }

        @Override
        public MmaStatus status() {
            return MmaStatus.PROMPTING;
        }

        @Override
        public String intro() {
            return "Reading your feedback on the video…";
        }

        @Override
        public void run(StageContext ctx) {
            var inputs = ctx.section("inputs");
            var input = Json.obj("previous_prompt", Json.string(inputs, "previous_prompt", ""),
                    "feedback", Json.string(inputs, "feedback", ""),
                    "caption", Json.string(ctx.section("scans"), "input_still_crt", ""));
            GptReply reply = GptStep.ask(ctx, GptTask.FEEDBACK_MOTION, input, List.of());
            ctx.section("prompts").put("clean_prompt", reply.field("motion_prompt"));
            ctx.section("prompts").put("motion_source", FEEDBACK);
            ctx.userLine("Got it — same image, new motion.");
        }
    }

    /** {@code <provider>_generate} (or {@code <provider>_generate_feedback}): the video, stored permanently. */
    record GenerateVideo(VideoGenerator generator, boolean fromFeedback) implements Stage {

        @Override
        public String type() {
            return generator.family() + (fromFeedback ? "_generate_feedback" : "_generate");
        }

        @Override
        public MmaStatus status() {
            return MmaStatus.GENERATING;
        }

        @Override
        public String intro() {
            return "Animating your image…";
        }

        @Override
        public void run(StageContext ctx) {
            var assets = ctx.section("assets");
            var settings = Json.copy(ctx.section("settings"));
            String prompt = Json.string(ctx.section("prompts"), "clean_prompt", "");
            String start = Json.string(assets, "start_image_url", null);
            String end = Json.string(assets, "end_image_url", null);
            int seconds = (int) Json.number(settings, "duration", 5);
            AspectRatio ratio = AspectRatio.parse(Json.string(settings, "aspect_ratio", "1:1"));
            Map<String, Object> defaults = ctx.services().providers().defaults(generator.name());
            String negative = Json.string(defaults, "negative_prompt", null);
            var media = ctx.services().media();
            VideoJob job = new VideoJob(ctx.generation().id(), prompt, negative, media.imageRef(start),
                    end == null ? null : media.imageRef(end), seconds, ratio, settings, defaults);
            ctx.input(Json.obj("provider", generator.name(), "model", model(defaults), "prompt", prompt,
                    "negative_prompt", negative, "start_image_url", start, "end_image_url", end,
                    "duration", seconds, "aspect_ratio", ratio.wire()));
            GeneratedMedia made = generator.generate(job);
            StoredAsset stored = media.storeOutput(ctx.generation().id(), MmaMode.VIDEO, made);
            ctx.section("outputs").putAll(Json.obj("video_url", stored.url(), "video_key", stored.key().value(),
                    "content_type", stored.type().contentType(), "bytes", stored.bytes(), "duration", seconds,
                    "provider", made.provider(), "model", made.model()));
            ctx.input().put("request", made.trace().request());
            ctx.output(Json.obj("output_url", stored.url(), "output_key", stored.key().value(), "bytes", stored.bytes(),
                    "provider", made.provider(), "model", made.model(), "response", made.trace().response(),
                    "attempts", made.trace().attempts()));
        }

        /** Kling's defaults name the model {@code model_name}; the others {@code model}. */
        private static Object model(Map<String, Object> defaults) {
            return defaults.containsKey("model") ? defaults.get("model") : defaults.get("model_name");
        }
    }
}
