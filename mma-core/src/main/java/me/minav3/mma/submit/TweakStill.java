package me.minav3.mma.submit;

import java.util.Objects;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.IdGenerator;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.error.Conflict;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.GenerationDocument;
import me.minav3.mma.generation.GenerationDocument.Scans;
import me.minav3.mma.generation.GenerationDocument.StillAssets;
import me.minav3.mma.generation.GenerationDocument.StillSettings;
import me.minav3.mma.generation.GenerationInputs;
import me.minav3.mma.generation.GenerationKind;
import me.minav3.mma.generation.GenerationQueue;
import me.minav3.mma.generation.Generations;
import me.minav3.mma.studio.Sessions;

/**
 * Spec §7.2: feedback on a finished still makes a NEW generation (its parent is the one tweaked) with the same
 * settings and references; only the prompt changes. Charged like a create.
 */
public final class TweakStill {

    /** A tweak: whose, of which generation, and what they said. */
    public record Request(
            PassId passId, GenerationId parentId, String feedback, RequestId requestId, StudioSession session) {
        public Request {
            Objects.requireNonNull(passId, "pass id");
            Objects.requireNonNull(parentId, "generation id");
            feedback = Submissions.feedbackText(feedback);
        }
    }

    private final Generations generations;
    private final ConfigService config;
    private final Submissions submissions;

    public TweakStill(
            GenerationQueue queue,
            Sessions sessions,
            Generations generations,
            ConfigService config,
            Clock clock,
            IdGenerator ids,
            Runnable wakeWorkers) {
        this.generations = generations;
        this.config = config;
        this.submissions = new Submissions(queue, sessions, ids, clock, wakeWorkers);
    }

    public CreateOutcome submit(Request request) {
        Generation parent = generations.findOwned(request.parentId(), request.passId());
        if (parent.mode() != MmaMode.STILL) {
            throw new Conflict("only stills can be tweaked this way; video feedback is sent as feedback");
        }
        if (parent.status() != MmaStatus.DONE) {
            throw new Conflict(
                    "this generation is not finished yet (" + parent.status().wire() + "); tweak it when it is done");
        }
        GenerationDocument was = parent.document();
        if (was.assets() instanceof StillAssets assets) {
            ModelChecks.still(
                    config,
                    (assets.productUrl() == null ? 0 : 1)
                            + (assets.logoUrl() == null ? 0 : 1)
                            + (assets.inspirationUrls() == null
                                    ? 0
                                    : assets.inspirationUrls().size()),
                    assets.styleReferenceUrls().size());
        }
        String style = was.settings() instanceof StillSettings settings ? settings.style() : null;
        var document = GenerationDocument.submitted(
                GenerationKind.TWEAK,
                new GenerationInputs.Tweak(
                        request.feedback(),
                        parent.prompt(),
                        parent.id().mgId(),
                        parent.outputUrl(),
                        was.scans() == null ? null : was.scans().outputStillCaption(),
                        was.inputs() == null || was.inputs().brief() == null
                                ? ""
                                : was.inputs().brief(),
                        style == null ? StillRequest.NO_STYLE : style,
                        RequestId.valueOf(request.requestId())),
                was.assets(),
                was.settings(),
                Scans.STILL);
        return submissions.submit(new Submission(
                request.passId(),
                request.requestId(),
                request.session(),
                parent.id(),
                document,
                Costs.from(config).tweak(),
                new Submission.Event(EventType.TWEAK, parent.id(), request.feedback())));
    }
}
