package me.minav3.mma.submit;

import java.util.Objects;
import me.minav3.mma.assets.AssetKind;
import me.minav3.mma.assets.IngestMedia;
import me.minav3.mma.assets.MediaSniffer;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.IdGenerator;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.error.Conflict;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.GenerationDocument;
import me.minav3.mma.generation.GenerationDocument.MotionAssets;
import me.minav3.mma.generation.GenerationDocument.MotionSettings;
import me.minav3.mma.generation.GenerationDocument.Scans;
import me.minav3.mma.generation.GenerationInputs;
import me.minav3.mma.generation.GenerationKind;
import me.minav3.mma.generation.GenerationQueue;
import me.minav3.mma.generation.Generations;
import me.minav3.mma.studio.Sessions;
import me.minav3.mma.studio.UserText;
import org.jspecify.annotations.Nullable;

/**
 * Spec §8: a user clicks Animate on a finished still (or on an uploaded image). A NEW video generation is created
 * and charged in one step ({@link VideoOffer#price}: per second × seconds × mode multiplier); the workers run
 * {@code scan_input_still → gpt_reader_motion → <provider>_generate}. Without motion text MMA writes the motion.
 */
public final class AnimateStill {

    /**
     * An animation: of the user's still {@code stillId}, or of the image at {@code imageUrl} (exactly one).
     *
     * @param endImageUrl     optional end state (Kling {@code image_tail})
     * @param motionText      the user's motion text; empty means MMA writes it
     * @param durationSeconds one of the configured model's lengths, or null for its default (decision 041)
     * @param requestId       optional idempotency key, as for stills
     * @param session         the studio session it is made in (null: none)
     * @param sound           whether the video should have sound (only a model that makes sound takes it)
     */
    public record Request(
            PassId passId,
            @Nullable GenerationId stillId,
            @Nullable String imageUrl,
            @Nullable String endImageUrl,
            String motionText,
            @Nullable Integer durationSeconds,
            @Nullable RequestId requestId,
            @Nullable StudioSession session,
            boolean sound) {

        public static final int MAX_MOTION_TEXT = 2000;

        /** A silent video. */
        public Request(
                PassId passId,
                @Nullable GenerationId stillId,
                @Nullable String imageUrl,
                @Nullable String endImageUrl,
                String motionText,
                @Nullable Integer durationSeconds,
                @Nullable RequestId requestId,
                @Nullable StudioSession session) {
            this(passId, stillId, imageUrl, endImageUrl, motionText, durationSeconds, requestId, session, false);
        }

        public Request {
            Objects.requireNonNull(passId, "pass id");
            imageUrl = blankToNull(imageUrl);
            endImageUrl = blankToNull(endImageUrl);
            motionText = motionText == null ? "" : motionText.strip();
            if ((stillId == null) == (imageUrl == null)) {
                throw new InvalidInput(
                        "animate either a generated still or an image, not " + (stillId == null ? "nothing" : "both"));
            }
            UserText.check("the motion text", motionText);
            if (motionText.length() > MAX_MOTION_TEXT) {
                throw new InvalidInput("the motion text is at most " + MAX_MOTION_TEXT + " characters");
            }
        }

        /** Animate one of the user's finished stills. */
        public static Request ofStill(
                PassId passId,
                GenerationId stillId,
                String motionText,
                @Nullable String endImageUrl,
                @Nullable Integer durationSeconds) {
            return new Request(passId, stillId, null, endImageUrl, motionText, durationSeconds, null, null);
        }

        /** Animate an uploaded image (our URL; any other link is imported first). */
        public static Request ofImage(
                PassId passId,
                String imageUrl,
                String motionText,
                @Nullable String endImageUrl,
                @Nullable Integer durationSeconds) {
            return new Request(passId, null, imageUrl, endImageUrl, motionText, durationSeconds, null, null);
        }

        /** The same request under an idempotency key and in a studio session. */
        public Request in(@Nullable RequestId newRequestId, @Nullable StudioSession newSession) {
            return new Request(
                    passId,
                    stillId,
                    imageUrl,
                    endImageUrl,
                    motionText,
                    durationSeconds,
                    newRequestId,
                    newSession,
                    sound);
        }

        /** The same request with sound on or off. */
        public Request withSound(boolean withSound) {
            return new Request(
                    passId, stillId, imageUrl, endImageUrl, motionText, durationSeconds, requestId, session, withSound);
        }

        private static @Nullable String blankToNull(@Nullable String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    /** What is animated: the image and its aspect ratio. */
    private record Start(String url, AspectRatio ratio) {}

    private final Generations generations;
    private final ConfigService config;
    private final MediaInputs inputs;
    private final IngestMedia media;
    private final Submissions submissions;

    public AnimateStill(
            GenerationQueue queue,
            Sessions sessions,
            Generations generations,
            ConfigService config,
            MediaInputs inputs,
            IngestMedia media,
            Clock clock,
            IdGenerator ids,
            Runnable wakeWorkers) {
        this.generations = generations;
        this.config = config;
        this.inputs = inputs;
        this.media = media;
        this.submissions = new Submissions(queue, sessions, ids, clock, wakeWorkers);
    }

    public CreateOutcome submit(Request request) {
        Generation still = request.stillId() == null ? null : finishedStill(request.passId(), request.stillId());
        VideoOffer offer = VideoOffer.of(config);
        int seconds = offer.seconds(request.durationSeconds());
        boolean endFrame = request.endImageUrl() != null;
        offer.check(seconds, endFrame, request.sound());
        // Checked before any image is imported, so a refused request stores nothing.
        Start start = still != null
                ? startOf(still)
                : startOf(Objects.requireNonNull(
                        inputs.resolve(request.passId(), AssetKind.ANIMATION, request.imageUrl()),
                        "image url")); // Request: a still or an image
        String end = inputs.resolve(request.passId(), AssetKind.ANIMATION, request.endImageUrl());
        String text = request.motionText();
        boolean passThrough =
                !text.isEmpty() && Json.bool(config.value(ConfigKeys.VIDEO), "pass_through_user_text", false);
        GenerationId parent = still == null ? null : still.id();
        String stillId = parent == null ? null : parent.mgId();
        String brief = still == null || still.document().inputs() == null
                ? null
                : still.document().inputs().brief();
        var document = GenerationDocument.submitted(
                GenerationKind.ANIMATE,
                new GenerationInputs.Animate(text, passThrough, stillId, brief, RequestId.valueOf(request.requestId())),
                new MotionAssets(start.url(), end, stillId),
                new MotionSettings(seconds, start.ratio().wire(), request.sound()),
                Scans.MOTION);
        return submissions.submit(new Submission(
                request.passId(),
                request.requestId(),
                request.session(),
                parent,
                document,
                offer.price(seconds, endFrame, request.sound()),
                new Submission.Event(EventType.ANIMATE, parent, text.isEmpty() ? null : text)));
    }

    /** The user's finished still: anyone else's is not found, an unfinished one or a video is a conflict. */
    private Generation finishedStill(PassId passId, GenerationId id) {
        Generation still = generations.findOwned(id, passId);
        if (still.mode() != MmaMode.STILL) {
            throw new Conflict("only a still can be animated; " + id.mgId() + " is a "
                    + still.mode().wire());
        }
        if (still.status() != MmaStatus.DONE || still.outputUrl() == null) {
            throw new Conflict(
                    "this still is not finished yet (" + still.status().wire() + "); animate it when it is done");
        }
        if (EditImage.isVector(still)) {
            throw new Conflict("a vectorized image (SVG) cannot be animated; animate the image it was traced from");
        }
        return still;
    }

    /** A still keeps the ratio it was made in; only when that is missing are its pixels measured. */
    private Start startOf(Generation still) {
        String url = Objects.requireNonNull(still.outputUrl(), "output url"); // a finished still has one
        try {
            var settings = still.document().settings();
            String ratio = settings == null || settings.aspectRatio() == null ? "" : settings.aspectRatio();
            return new Start(url, AspectRatio.parse(ratio));
        } catch (IllegalArgumentException unknown) {
            return new Start(url, measured(url));
        }
    }

    private Start startOf(String uploadedUrl) {
        return new Start(uploadedUrl, measured(uploadedUrl));
    }

    /** The closest offered ratio to the image's pixel size (read from its header, nothing decoded). */
    private AspectRatio measured(String url) {
        MediaSniffer.Sniffed sniffed = new MediaSniffer().sniff(media.readImage(url), Long.MAX_VALUE);
        return AspectRatio.closestTo((int) sniffed.width(), (int) sniffed.height());
    }
}
