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
import me.minav3.mma.providers.ConfiguredEngines;
import me.minav3.mma.providers.models.StillEngines;
import me.minav3.mma.providers.models.StillEngines.StillEngine;
import me.minav3.mma.studio.Sessions;
import org.jspecify.annotations.Nullable;

/**
 * Spec §7.2: feedback on a finished still makes a NEW generation (its parent is the one tweaked) with the same
 * settings and references; only the prompt changes. Charged like a create.
 */
public final class TweakStill {

    /**
     * A tweak: whose, of which generation, and what they said.
     *
     * @param engine the still engine to make it on (issue 22); null: the parent's engine
     */
    public record Request(
            PassId passId,
            GenerationId parentId,
            String feedback,
            RequestId requestId,
            StudioSession session,
            @Nullable String engine) {
        public Request {
            Objects.requireNonNull(passId, "pass id");
            Objects.requireNonNull(parentId, "generation id");
            feedback = Submissions.feedbackText(feedback);
            engine = engine == null || engine.isBlank() ? null : engine.strip();
        }

        /** A tweak on the parent's engine. */
        public Request(
                PassId passId, GenerationId parentId, String feedback, RequestId requestId, StudioSession session) {
            this(passId, parentId, feedback, requestId, session, null);
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
        if (parent.kind() == GenerationKind.EDIT) {
            // A tweak rewrites the parent's prompt from feedback and makes the still again; an edit result has no
            // prompt of its own, and making its source again would drop the edit (decision 045).
            throw new Conflict(
                    "an edited image cannot be tweaked: tweak the still it was made from, or edit this one" + " again");
        }
        GenerationDocument was = parent.document();
        String parentEngine = was.settings() instanceof StillSettings settings ? settings.engine() : null;
        StillEngines engines = ConfiguredEngines.of(config);
        StillEngine engine = request.engine() != null
                ? ConfiguredEngines.require(config, request.engine())
                : ConfiguredEngines.stored(config, parentEngine);
        if (was.assets() instanceof StillAssets assets) {
            ModelChecks.still(
                    config,
                    engine.role(),
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
                request.engine() != null && was.settings() instanceof StillSettings settings
                        ? settings.withEngine(engine.name())
                        : was.settings(),
                Scans.STILL);
        Costs costs = Costs.from(config);
        CreateOutcome outcome = submissions.submit(new Submission(
                request.passId(),
                request.requestId(),
                request.session(),
                parent.id(),
                document,
                costs.tweak(engine),
                new Submission.Event(EventType.TWEAK, parent.id(), request.feedback())));
        return outcome instanceof CreateOutcome.Refused refused
                ? costs.withOffer(refused, engines, engine, true)
                : outcome;
    }
}
