package me.minav3.mma.submit;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.IdGenerator;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.GenerationQueue;
import me.minav3.mma.generation.NewGeneration;
import me.minav3.mma.studio.SessionInfo;
import me.minav3.mma.studio.Sessions;
import me.minav3.mma.studio.UserText;
import org.jspecify.annotations.Nullable;

/**
 * What every way of starting a generation shares: the id (deterministic for a request id), the session, the
 * atomic create-and-charge, the event, and waking the workers.
 */
final class Submissions {

    private final GenerationQueue queue;
    private final Sessions sessions;
    private final IdGenerator ids;
    private final Clock clock;
    private final Runnable wakeWorkers;

    Submissions(GenerationQueue queue, Sessions sessions, IdGenerator ids, Clock clock, Runnable wakeWorkers) {
        this.queue = queue;
        this.sessions = sessions;
        this.ids = ids;
        this.clock = clock;
        this.wakeWorkers = wakeWorkers;
    }

    /** A new id, or the same id every time for the same user and request id (so a retry is recognised). */
    GenerationId idFor(PassId passId, @Nullable RequestId requestId) {
        if (requestId == null) {
            return new GenerationId(ids.newId());
        }
        return new GenerationId(
                UUID.nameUUIDFromBytes((passId.value() + "\n" + requestId.value()).getBytes(StandardCharsets.UTF_8))
                        .toString());
    }

    /**
     * The id of the session a request is made in, or null: none for a null session (a request that says nothing),
     * the current one read from the sessions.
     */
    @Nullable
    String sessionId(PassId passId, @Nullable StudioSession session) {
        return switch (session) {
            case null -> null;
            case StudioSession.Given given -> given.id();
            case StudioSession.Current current ->
                sessions.latest(passId).map(SessionInfo::id).orElse(null);
        };
    }

    /** Feedback text (a tweak, video feedback) stripped; refused when empty or longer than a brief may be. */
    static String feedbackText(String text) {
        String stripped = text == null ? "" : text.strip();
        if (stripped.isEmpty()) {
            throw new InvalidInput("say what to change (feedback is empty)");
        }
        if (stripped.length() > StillRequest.MAX_BRIEF) {
            throw new InvalidInput("feedback is at most " + StillRequest.MAX_BRIEF + " characters");
        }
        UserText.check("feedback", stripped);
        return stripped;
    }

    /** Creates and charges the generation (its cost is kept in {@code mg_meta.cost} for the refund). */
    CreateOutcome submit(Submission submission) {
        GenerationId id = idFor(submission.passId(), submission.requestId());
        String sessionId = sessionId(submission.passId(), submission.session());
        var at = clock.now();
        var event = submission.event();
        NewGeneration generation = new NewGeneration(
                id,
                submission.passId(),
                sessionId,
                submission.parentId(),
                Objects.requireNonNull(submission.document().kind(), "kind").mode(),
                submission.document(),
                Json.obj("cost", submission.cost().amount()),
                submission.cost(),
                at,
                new MmaEvent(
                        ids.newId(),
                        submission.passId(),
                        event.type(),
                        event.about() == null ? id : event.about(),
                        event.text(),
                        Json.obj("generation_id", id.mgId()),
                        at),
                submission.poolShare());
        CreateOutcome outcome = queue.create(generation);
        if (outcome instanceof CreateOutcome.Created) {
            wakeWorkers.run();
        }
        return outcome;
    }
}
