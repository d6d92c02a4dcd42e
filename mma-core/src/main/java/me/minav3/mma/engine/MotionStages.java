package me.minav3.mma.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import me.minav3.mma.assets.StoredAsset;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.generation.GenerationDocument.MotionAssets;
import me.minav3.mma.generation.GenerationDocument.MotionSettings;
import me.minav3.mma.generation.GenerationDocument.MotionSource;
import me.minav3.mma.generation.GenerationDocument.Outputs;
import me.minav3.mma.generation.GenerationDocumentCodec;
import me.minav3.mma.generation.GenerationInputs;
import me.minav3.mma.pricing.StepCost;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.GptReply;
import me.minav3.mma.providers.GptTask;
import me.minav3.mma.providers.ProviderJob;
import me.minav3.mma.providers.VideoGenerator;
import me.minav3.mma.providers.VideoJob;
import org.jspecify.annotations.Nullable;

/** The stages of the motion pipeline (spec §8): animate a still, and regenerate a video from feedback. */
final class MotionStages {

    private MotionStages() {}

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
        public @Nullable String intro() {
            return "Looking at your image…";
        }

        @Override
        public void run(StageContext ctx) {
            String url = ((MotionAssets) ctx.document().requireAssets()).startImageUrl();
            GptReply reply = GptStep.ask(ctx, GptTask.SCAN, Json.obj("role", "input_still"), List.of(url));
            ctx.update(d -> d.withScans(d.requireScans().withInputStillCaption(reply.field("crt")))
                    .withUserMessages(d.messages().withScanLine(reply.field("userMessage"))));
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
        public @Nullable String intro() {
            return passThrough ? null : "Writing the motion…";
        }

        @Override
        public boolean local() {
            return passThrough;
        }

        @Override
        public void run(StageContext ctx) {
            var document = ctx.document();
            String userText = StillStages.orElse(document.requireInputs().motionText(), "");
            // The section exists from here on, even when the reader fails (as stored before).
            ctx.update(d -> d.withPrompts(d.promptsOrNone()));
            if (passThrough) {
                ctx.input(Json.obj(
                        "user_text",
                        userText,
                        "pass_through",
                        true,
                        "reason",
                        "config mma.video.pass_through_user_text is true"));
                ctx.output(Json.obj("motion_prompt", userText, "pass_through", true));
                ctx.update(d -> d.withPrompts(d.promptsOrNone().withMotion(userText, MotionSource.USER_TEXT_AS_IS)));
                ctx.userLine("Using your motion text as you wrote it.");
                return;
            }
            var settings = (MotionSettings) document.requireSettings();
            var input = Json.obj(
                    "caption",
                    StillStages.orElse(document.requireScans().inputStillCaption(), ""),
                    "user_text",
                    userText,
                    "duration_seconds",
                    (long) settings.duration(),
                    "aspect_ratio",
                    StillStages.orElse(settings.aspectRatio(), "1:1"),
                    "has_end_image",
                    ((MotionAssets) document.requireAssets()).endImageUrl() != null);
            GptReply reply = GptStep.ask(ctx, GptTask.READ_MOTION, input, List.of());
            MotionSource source = userText.isEmpty() ? MotionSource.WRITTEN_BY_MMA : MotionSource.USER_TEXT_CLEANED;
            ctx.update(d -> d.withPrompts(d.promptsOrNone().withMotion(reply.field("motion_prompt"), source))
                    .withUserMessages(d.messages().withFinal(reply.field("userMessage"))));
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
        public @Nullable String intro() {
            return "Reading your feedback on the video…";
        }

        @Override
        public void run(StageContext ctx) {
            var document = ctx.document();
            var inputs = (GenerationInputs.VideoFeedback) document.requireInputs();
            var input = Json.obj(
                    "previous_prompt",
                    StillStages.orElse(inputs.previousPrompt(), ""),
                    "feedback",
                    StillStages.orElse(inputs.feedback(), ""),
                    "caption",
                    StillStages.orElse(document.requireScans().inputStillCaption(), ""));
            GptReply reply = GptStep.ask(ctx, GptTask.FEEDBACK_MOTION, input, List.of());
            ctx.update(d ->
                    d.withPrompts(d.promptsOrNone().withMotion(reply.field("motion_prompt"), MotionSource.FEEDBACK)));
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
        public @Nullable String intro() {
            return "Animating your image…";
        }

        @Override
        public void run(StageContext ctx) {
            var document = ctx.document();
            var assets = (MotionAssets) document.requireAssets();
            var motion = (MotionSettings) document.requireSettings();
            var settings = Json.copy(GenerationDocumentCodec.settings(motion));
            String prompt = StillStages.orElse(document.cleanPrompt(), "");
            String start = Objects.requireNonNull(assets.startImageUrl(), "start image");
            String end = assets.endImageUrl();
            int seconds = motion.duration();
            AspectRatio ratio = AspectRatio.parse(StillStages.orElse(motion.aspectRatio(), "1:1"));
            Map<String, Object> defaults = ctx.services().providers().defaults(generator.name());
            String negative = Json.stringOrNull(defaults, "negative_prompt");
            var media = ctx.services().media();
            ProviderJob paid = ctx.providerJob(generator.name());
            VideoJob job = new VideoJob(
                    ctx.generation().id(),
                    prompt,
                    negative,
                    media.imageRef(start),
                    end == null ? null : media.imageRef(end),
                    seconds,
                    ratio,
                    settings,
                    defaults,
                    ctx.services()
                            .providers()
                            .capability(generator.name(), defaults)
                            .orElse(null),
                    paid,
                    motion.sound());
            ctx.input(Json.obj(
                    "provider",
                    generator.name(),
                    "model",
                    model(defaults),
                    "prompt",
                    prompt,
                    "negative_prompt",
                    negative,
                    "start_image_url",
                    start,
                    "end_image_url",
                    end,
                    "duration",
                    seconds,
                    "aspect_ratio",
                    ratio.wire()));
            if (motion.sound()) { // a silent video's step reads as it did before sound existed
                ctx.input().put("sound", true);
            }
            paid.startedId().ifPresent(id -> ctx.input().put("resumed_job_id", id));
            GeneratedMedia made = generator.generate(job);
            // Recorded before the download: when the video cannot be fetched or stored, the failed step still shows
            // what the provider was asked, what it answered, which job it ran and what it cost.
            ctx.recordCall(made.trace(), made.provider(), made.model(), paid);
            ctx.output().put(StepCost.KEY, PricedStep.video(ctx.services().config(), made, job));
            StoredAsset stored = media.storeOutput(ctx.generation().id(), MmaMode.VIDEO, made);
            ctx.update(d -> d.withOutputs(Outputs.video(stored, seconds, made.provider(), made.model())));
            ctx.output()
                    .putAll(Json.obj(
                            "output_url",
                            stored.url(),
                            "output_key",
                            stored.key().value(),
                            "bytes",
                            stored.bytes()));
        }

        /** Kling's defaults name the model {@code model_name}; the others {@code model}. */
        private static @Nullable Object model(Map<String, Object> defaults) {
            return defaults.containsKey("model") ? defaults.get("model") : defaults.get("model_name");
        }
    }
}
