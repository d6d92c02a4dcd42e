package me.minav3.mma.submit;

import me.minav3.mma.assets.AssetKind;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.IdGenerator;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.GenerationDocument;
import me.minav3.mma.generation.GenerationDocument.Scans;
import me.minav3.mma.generation.GenerationDocument.StillAssets;
import me.minav3.mma.generation.GenerationInputs;
import me.minav3.mma.generation.GenerationKind;
import me.minav3.mma.generation.GenerationQueue;
import me.minav3.mma.studio.Sessions;

/**
 * Spec §6: a user clicks Create. The request is checked, its images made permanent, and the queued generation
 * created and charged in one step; the workers take it from there. Not enough (or expired) matcha writes nothing.
 */
public final class CreateStill {

    private final ConfigService config;
    private final MediaInputs media;
    private final Submissions submissions;

    public CreateStill(
            GenerationQueue queue,
            Sessions sessions,
            ConfigService config,
            MediaInputs media,
            Clock clock,
            IdGenerator ids,
            Runnable wakeWorkers) {
        this.config = config;
        this.media = media;
        this.submissions = new Submissions(queue, sessions, ids, clock, wakeWorkers);
    }

    /** The id a request will get: fixed for a request id, so a caller can look for an earlier run first. */
    public GenerationId idFor(me.minav3.mma.common.PassId passId, RequestId requestId) {
        return submissions.idFor(passId, requestId);
    }

    public CreateOutcome submit(StillRequest request) {
        ModelChecks.still(
                config,
                (request.productUrl() == null ? 0 : 1)
                        + (request.logoUrl() == null ? 0 : 1)
                        + request.inspirationUrls().size());
        var assets = new StillAssets(
                media.resolve(request.passId(), AssetKind.PRODUCT, request.productUrl()),
                media.resolve(request.passId(), AssetKind.LOGO, request.logoUrl()),
                request.inspirationUrls().stream()
                        .map(url -> media.resolve(request.passId(), AssetKind.INSPIRATION, url))
                        .toList());
        var document = GenerationDocument.submitted(
                GenerationKind.CREATE,
                new GenerationInputs.Create(
                        request.brief(),
                        request.style(),
                        request.aspectRatio().wire(),
                        RequestId.valueOf(request.requestId())),
                assets,
                request.stillSettings(),
                Scans.STILL);
        return submissions.submit(new Submission(
                request.passId(),
                request.requestId(),
                request.session(),
                null,
                document,
                Costs.from(config).still(),
                new Submission.Event(EventType.CREATE, null, request.brief())));
    }
}
