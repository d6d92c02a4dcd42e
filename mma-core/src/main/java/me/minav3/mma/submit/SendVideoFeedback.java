package me.minav3.mma.submit;

import java.util.Objects;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.IdGenerator;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.error.Conflict;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.GenerationDocument;
import me.minav3.mma.generation.GenerationDocument.MotionSettings;
import me.minav3.mma.generation.GenerationInputs;
import me.minav3.mma.generation.GenerationKind;
import me.minav3.mma.generation.GenerationQueue;
import me.minav3.mma.generation.Generations;
import me.minav3.mma.studio.Sessions;
import me.minav3.mma.studio.StudioEvents;

/**
 * Spec §8.6: feedback on a finished video. By default it is only recorded (an {@code mma_event} of type
 * {@code feedback}: no new video, nothing charged). With {@code mma.video.regen_enabled} it makes a NEW video
 * generation whose parent is the video, charged like an animate of the same length:
 * {@code gpt_feedback_motion → <provider>_generate_feedback}.
 */
public final class SendVideoFeedback {

    /** Feedback on a video: whose, on which generation, and what they said. */
    public record Request(
            PassId passId, GenerationId videoId, String text, RequestId requestId, StudioSession session) {
        public Request {
            Objects.requireNonNull(passId, "pass id");
            Objects.requireNonNull(videoId, "generation id");
            text = Submissions.feedbackText(text);
        }
    }

    /** Which of the two things happened. */
    public sealed interface Outcome {

        /** Recorded as a {@code feedback} event only (motion regeneration is off): no new video, nothing charged. */
        record Recorded(MmaEvent event) implements Outcome {}

        /** Motion regeneration is on: the new video generation was created and charged (or refused: no matcha). */
        record Regenerating(CreateOutcome creation) implements Outcome {}
    }

    private final Generations generations;
    private final StudioEvents events;
    private final ConfigService config;
    private final Clock clock;
    private final Submissions submissions;

    public SendVideoFeedback(
            GenerationQueue queue,
            Sessions sessions,
            Generations generations,
            StudioEvents events,
            ConfigService config,
            Clock clock,
            IdGenerator ids,
            Runnable wakeWorkers) {
        this.generations = generations;
        this.events = events;
        this.config = config;
        this.clock = clock;
        this.submissions = new Submissions(queue, sessions, ids, clock, wakeWorkers);
    }

    public Outcome send(Request request) {
        Generation video = finishedVideo(request.passId(), request.videoId());
        if (!Json.bool(config.value(ConfigKeys.VIDEO), "regen_enabled", false)) {
            // The same request id records one event, however often it is retried.
            GenerationId id = submissions.idFor(request.passId(), request.requestId());
            String sessionId = submissions.sessionId(request.passId(), request.session());
            MmaEvent event = new MmaEvent(
                    "feedback-" + id.value(),
                    request.passId(),
                    EventType.FEEDBACK,
                    video.id(),
                    request.text(),
                    Json.obj("regenerated", false, "session_id", sessionId),
                    clock.now());
            events.record(event);
            return new Outcome.Recorded(event);
        }
        GenerationDocument was = video.document();
        int seconds = was.settings() instanceof MotionSettings settings ? settings.duration() : 5;
        boolean sound = was.settings() instanceof MotionSettings settings && settings.sound();
        boolean endFrame =
                was.assets() instanceof GenerationDocument.MotionAssets assets && assets.endImageUrl() != null;
        String motionText = was.inputs() == null || was.inputs().motionText() == null
                ? ""
                : was.inputs().motionText();
        var document = GenerationDocument.submitted(
                GenerationKind.VIDEO_FEEDBACK,
                new GenerationInputs.VideoFeedback(
                        request.text(),
                        video.prompt(),
                        video.id().mgId(),
                        motionText,
                        was.inputs() == null ? null : was.inputs().stillId(),
                        RequestId.valueOf(request.requestId())),
                was.assets(),
                was.settings(),
                was.scans());
        return new Outcome.Regenerating(submissions.submit(new Submission(
                request.passId(),
                request.requestId(),
                request.session(),
                video.id(),
                document,
                VideoOffer.of(config).price(seconds, endFrame, sound),
                new Submission.Event(EventType.FEEDBACK, video.id(), request.text()))));
    }

    private Generation finishedVideo(PassId passId, GenerationId id) {
        Generation video = generations.findOwned(id, passId);
        if (video.mode() != MmaMode.VIDEO) {
            throw new Conflict(id.mgId() + " is a still; feedback on a still is a tweak");
        }
        if (video.status() != MmaStatus.DONE) {
            throw new Conflict(
                    "this video is not finished yet (" + video.status().wire() + "); send feedback when it is done");
        }
        return video;
    }
}
