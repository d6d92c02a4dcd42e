package me.minav3.mma.pipeline;

import java.util.Objects;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.domain.CreateOutcome;
import me.minav3.mma.domain.EventType;
import me.minav3.mma.domain.Generation;
import me.minav3.mma.domain.GenerationId;
import me.minav3.mma.domain.Json;
import me.minav3.mma.domain.MmaMode;
import me.minav3.mma.domain.MmaStatus;
import me.minav3.mma.domain.PassId;
import me.minav3.mma.error.Conflict;
import me.minav3.mma.port.Clock;
import me.minav3.mma.port.GenerationQueue;
import me.minav3.mma.port.Generations;
import me.minav3.mma.port.IdGenerator;

/**
 * Spec §7.2: feedback on a finished still makes a NEW generation (its parent is the one tweaked) with the same
 * settings and references; only the prompt changes. Charged like a create.
 */
public final class TweakStill {

    /** A tweak: whose, of which generation, and what they said. */
    public record Request(PassId passId, GenerationId parentId, String feedback, String requestId, String sessionId) {
        public Request {
            Objects.requireNonNull(passId, "pass id");
            Objects.requireNonNull(parentId, "generation id");
            feedback = Submissions.feedbackText(feedback);
        }
    }

    private final Generations generations;
    private final ConfigService config;
    private final Clock clock;
    private final Submissions submissions;

    public TweakStill(GenerationQueue queue, Generations generations, ConfigService config, Clock clock, IdGenerator ids,
                      Runnable wakeWorkers) {
        this.generations = generations;
        this.config = config;
        this.clock = clock;
        this.submissions = new Submissions(queue, ids, wakeWorkers);
    }

    public CreateOutcome submit(Request request) {
        Generation parent = generations.findOwned(request.parentId(), request.passId());
        if (parent.mode() != MmaMode.STILL) {
            throw new Conflict("only stills can be tweaked this way; video feedback is sent as feedback");
        }
        if (parent.status() != MmaStatus.DONE) {
            throw new Conflict("this generation is not finished yet (" + parent.status().wire() + "); tweak it when it is done");
        }
        GenerationId id = submissions.idFor(request.passId(), request.requestId());
        var vars = Json.obj(
                "kind", PipelinePlan.KIND_TWEAK,
                "inputs", Json.obj("feedback", request.feedback(), "previous_prompt", parent.prompt(),
                        "parent_id", parent.id().mgId(), "parent_output_url", parent.outputUrl(),
                        "parent_caption", Json.string(parent.section("scans"), "output_still_crt", null),
                        "brief", Json.string(parent.section("inputs"), "brief", ""),
                        "style", Json.string(parent.section("settings"), "style", StillRequest.NO_STYLE),
                        "request_id", request.requestId()),
                "assets", parent.section("assets"),
                "settings", parent.section("settings"),
                "scans", Json.obj("inspiration_crt", java.util.List.of()),
                "userMessages", Submissions.emptyUserMessages());
        var now = clock.now();
        return submissions.submit(id, request.passId(), request.sessionId(), parent.id(), MmaMode.STILL, vars,
                Costs.from(config).tweak(), EventType.TWEAK, parent.id(), request.feedback(), now);
    }
}
