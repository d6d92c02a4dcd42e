package me.minav3.mma.pipeline;

import java.util.List;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.domain.AssetKind;
import me.minav3.mma.domain.CreateOutcome;
import me.minav3.mma.domain.EventType;
import me.minav3.mma.domain.GenerationId;
import me.minav3.mma.domain.Json;
import me.minav3.mma.domain.MmaMode;
import me.minav3.mma.port.Clock;
import me.minav3.mma.port.GenerationQueue;
import me.minav3.mma.port.IdGenerator;

/**
 * Spec §6: a user clicks Create. The request is checked, its images made permanent, and the queued generation
 * created and charged in one step; the workers take it from there. Not enough (or expired) matcha writes nothing.
 */
public final class CreateStill {

    private final ConfigService config;
    private final MediaInputs media;
    private final Clock clock;
    private final Submissions submissions;

    public CreateStill(GenerationQueue queue, ConfigService config, MediaInputs media, Clock clock, IdGenerator ids,
                       Runnable wakeWorkers) {
        this.config = config;
        this.media = media;
        this.clock = clock;
        this.submissions = new Submissions(queue, ids, wakeWorkers);
    }

    /** The id a request will get: fixed for a request id, so a caller can look for an earlier run first. */
    public GenerationId idFor(me.minav3.mma.domain.PassId passId, String requestId) {
        return submissions.idFor(passId, requestId);
    }

    public CreateOutcome submit(StillRequest request) {
        GenerationId id = submissions.idFor(request.passId(), request.requestId());
        var assets = Json.obj(
                "product_url", media.resolve(request.passId(), AssetKind.PRODUCT, request.productUrl()),
                "logo_url", media.resolve(request.passId(), AssetKind.LOGO, request.logoUrl()),
                "inspiration_urls", request.inspirationUrls().stream()
                        .map(url -> media.resolve(request.passId(), AssetKind.INSPIRATION, url)).toList());
        var vars = Json.obj(
                "kind", PipelinePlan.KIND_CREATE,
                "inputs", Json.obj("brief", request.brief(), "style", request.style(),
                        "aspect_ratio", request.aspectRatio().wire(), "request_id", request.requestId()),
                "assets", assets,
                "settings", request.settingsVars(),
                "scans", Json.obj("inspiration_crt", List.of()),
                "userMessages", Submissions.emptyUserMessages());
        var now = clock.now();
        return submissions.submit(id, request.passId(), request.sessionId(), null, MmaMode.STILL, vars,
                Costs.from(config).still(), EventType.CREATE, id, request.brief(), now);
    }
}
