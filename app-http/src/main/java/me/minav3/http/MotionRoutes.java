package me.minav3.http;

import io.javalin.http.Context;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.engine.SuggestMotion;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.submit.AnimateStill;
import me.minav3.mma.submit.RequestId;
import me.minav3.mma.submit.SendVideoFeedback;
import me.minav3.mma.submit.StudioSession;
import org.jspecify.annotations.Nullable;

/** Spec §8: animate a still (or an uploaded image), "Type for me", and feedback on a video. */
public final class MotionRoutes {

    private static final String MOTION = "motion";

    private final AnimateStill animateStill;
    private final SuggestMotion suggestMotion;
    private final SendVideoFeedback sendVideoFeedback;
    private final RequestLimits limits;

    /** @param limits the per-customer limits on creates and "Type for me" */
    public MotionRoutes(
            AnimateStill animateStill,
            SuggestMotion suggestMotion,
            SendVideoFeedback sendVideoFeedback,
            RequestLimits limits) {
        this.animateStill = animateStill;
        this.suggestMotion = suggestMotion;
        this.sendVideoFeedback = sendVideoFeedback;
        this.limits = limits;
    }

    static final BodySpec ANIMATE_STILL = BodySpec.named("AnimateStillRequest", "How to animate a still")
            .optional("prompt", BodySpec.Type.TEXT, "the motion (empty: MMA writes one)")
            .optional("end_image_url", BodySpec.Type.TEXT, "an image to end on")
            .optional(
                    "duration",
                    BodySpec.Type.INTEGER,
                    "seconds (one of the durations GET /api/me lists for the video model)",
                    "format",
                    "int32")
            .optional("sound", BodySpec.Type.BOOLEAN, "sound on (only where GET /api/me says the model makes sound)")
            .optional("request_id", BodySpec.Type.TEXT, "makes the call idempotent")
            .example("prompt", "slow pan across the cup", "duration", 5)
            .build();
    static final BodySpec ANIMATE_IMAGE = BodySpec.named("AnimateImageRequest", "How to animate an uploaded image")
            .required("image_url", BodySpec.Type.TEXT, "the uploaded image (kind animation)")
            .optional("prompt", BodySpec.Type.TEXT, "the motion (empty: MMA writes one)")
            .optional("end_image_url", BodySpec.Type.TEXT, "an image to end on")
            .optional(
                    "duration",
                    BodySpec.Type.INTEGER,
                    "seconds (one of the durations GET /api/me lists for the video model)",
                    "format",
                    "int32")
            .optional("sound", BodySpec.Type.BOOLEAN, "sound on (only where GET /api/me says the model makes sound)")
            .optional("request_id", BodySpec.Type.TEXT, "makes the call idempotent")
            .example("image_url", "/assets/uploads/a.png", "prompt", "steam rising", "duration", 5)
            .build();
    static final BodySpec SUGGEST = BodySpec.named(
                    "SuggestMotionRequest", "The image to suggest a motion for: an " + "uploaded one or a generation's")
            .optional("image_url", BodySpec.Type.TEXT, "an image")
            .optional("generation_id", BodySpec.Type.TEXT, "or one of my stills")
            .example("generation_id", "mg_gen_0")
            .build();
    static final BodySpec VIDEO_FEEDBACK = BodySpec.named("VideoFeedbackRequest", "Feedback on a video")
            .optional("text", BodySpec.Type.TEXT, "what to change")
            .optional("request_id", BodySpec.Type.TEXT, "makes the call idempotent")
            .example("text", "slower, please")
            .build();

    void register(Api api) {
        var user = Api.Access.USER;
        api.post(
                "/api/generations/{id}/animate",
                user,
                MOTION,
                "Animate one of my stills into a video (charged per second)",
                Api.Doc.of()
                        .id("animateStill")
                        .body(ANIMATE_STILL)
                        .json(202, "Accepted")
                        .problems(402, 404, 409, 422, 429),
                this::animateStill);
        api.post(
                "/api/animations",
                user,
                MOTION,
                "Animate an uploaded image into a video (charged per second)",
                Api.Doc.of()
                        .id("animateImage")
                        .body(ANIMATE_IMAGE)
                        .json(202, "Accepted")
                        .problems(402, 404, 422, 429),
                this::animateImage);
        api.post(
                "/api/motion/suggest",
                user,
                MOTION,
                "Type for me: a simple motion prompt for an image (free unless mma.limits sets a price)",
                Api.Doc.of()
                        .id("suggestMotion")
                        .body(SUGGEST)
                        .json(200, "MotionSuggestion")
                        .problems(402, 404, 422, 429),
                this::suggest);
        api.post(
                "/api/generations/{id}/feedback",
                user,
                MOTION,
                "Feedback on a video: recorded, or a new video when motion regeneration is on",
                Api.Doc.of()
                        .id("videoFeedback")
                        .body(VIDEO_FEEDBACK)
                        .json(201, "Event")
                        .json(202, "Accepted")
                        .problems(402, 404, 409, 422, 429),
                this::videoFeedback);
    }

    @SuppressWarnings("NullAway") // nulls the called code does not yet declare @Nullable: listed in the issue 25 report
    private void animateStill(Context ctx) {
        Bodies body = Bodies.of(ctx, ANIMATE_STILL);
        submit(
                ctx,
                AnimateStill.Request.ofStill(
                                Caller.of(ctx).passId(),
                                StudioRoutes.id(ctx),
                                body.text("prompt"),
                                body.text("end_image_url"),
                                body.integer("duration"))
                        .withSound(body.bool("sound")),
                body.text("request_id"));
    }

    @SuppressWarnings("NullAway") // nulls the called code does not yet declare @Nullable: listed in the issue 25 report
    private void animateImage(Context ctx) {
        Bodies body = Bodies.of(ctx, ANIMATE_IMAGE);
        submit(
                ctx,
                AnimateStill.Request.ofImage(
                                Caller.of(ctx).passId(),
                                body.requiredText("image_url"),
                                body.text("prompt"),
                                body.text("end_image_url"),
                                body.integer("duration"))
                        .withSound(body.bool("sound")),
                body.text("request_id"));
    }

    private void submit(Context ctx, AnimateStill.Request request, @Nullable String requestId) {
        limits.create(request.passId());
        StudioRoutes.accepted(
                ctx, animateStill.submit(request.in(RequestId.ofNullable(requestId), StudioSession.CURRENT)));
    }

    private void suggest(Context ctx) {
        Bodies body = Bodies.of(ctx, SUGGEST);
        GenerationId generation;
        try {
            generation = body.text("generation_id") == null ? null : GenerationId.parse(body.text("generation_id"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
        limits.suggest(Caller.of(ctx).passId());
        switch (suggestMotion.suggest(
                new SuggestMotion.Request(Caller.of(ctx).passId(), generation, body.text("image_url")))) {
            case SuggestMotion.Outcome.Suggested suggested ->
                ctx.json(Json.obj(
                        "prompt",
                        suggested.prompt(),
                        "user_message",
                        suggested.userMessage(),
                        "image_url",
                        suggested.imageUrl(),
                        "event_id",
                        suggested.eventId()));
            case SuggestMotion.Outcome.NeedImage need -> Problems.send(ctx, 422, "I need an image", need.message());
        }
    }

    @SuppressWarnings("NullAway") // nulls the called code does not yet declare @Nullable: listed in the issue 25 report
    private void videoFeedback(Context ctx) {
        Bodies body = Bodies.of(ctx, VIDEO_FEEDBACK);
        Caller caller = Caller.of(ctx);
        limits.create(caller.passId()); // feedback on a video may start one (motion regeneration)
        switch (sendVideoFeedback.send(new SendVideoFeedback.Request(
                caller.passId(),
                StudioRoutes.id(ctx),
                body.text("text"),
                RequestId.ofNullable(body.text("request_id")),
                StudioSession.CURRENT))) {
            case SendVideoFeedback.Outcome.Recorded recorded -> ctx.status(201).json(Views.event(recorded.event()));
            case SendVideoFeedback.Outcome.Regenerating regenerating ->
                StudioRoutes.accepted(ctx, regenerating.creation());
        }
    }
}
