package me.minav3.mma.pipeline;

import me.minav3.mma.config.ConfigService;
import me.minav3.mma.domain.AssetKind;
import me.minav3.mma.domain.CreateOutcome;
import me.minav3.mma.domain.EventType;
import me.minav3.mma.domain.GenerationDocument;
import me.minav3.mma.domain.GenerationDocument.Scans;
import me.minav3.mma.domain.GenerationDocument.StillAssets;
import me.minav3.mma.domain.GenerationId;
import me.minav3.mma.domain.GenerationInputs;
import me.minav3.mma.domain.GenerationKind;
import me.minav3.mma.domain.MmaMode;
import me.minav3.mma.port.Clock;
import me.minav3.mma.port.IdGenerator;
import me.minav3.mma.port.Ledger;

/**
 * Spec §6: a user clicks Create. The request is checked, its images made permanent, and the queued generation
 * created and charged in one step; the workers take it from there. Not enough (or expired) matcha writes nothing.
 */
public final class CreateStill {

    private final ConfigService config;
    private final MediaInputs media;
    private final Clock clock;
    private final Submissions submissions;

    public CreateStill(Ledger ledger, ConfigService config, MediaInputs media, Clock clock, IdGenerator ids,
                       Runnable wakeWorkers) {
        this.config = config;
        this.media = media;
        this.clock = clock;
        this.submissions = new Submissions(ledger, ids, wakeWorkers);
    }

    /** The id a request will get: fixed for a request id, so a caller can look for an earlier run first. */
    public GenerationId idFor(me.minav3.mma.domain.PassId passId, String requestId) {
        return submissions.idFor(passId, requestId);
    }

    public CreateOutcome submit(StillRequest request) {
        GenerationId id = submissions.idFor(request.passId(), request.requestId());
        var assets = new StillAssets(
                media.resolve(request.passId(), AssetKind.PRODUCT, request.productUrl()),
                media.resolve(request.passId(), AssetKind.LOGO, request.logoUrl()),
                request.inspirationUrls().stream()
                        .map(url -> media.resolve(request.passId(), AssetKind.INSPIRATION, url)).toList());
        var document = GenerationDocument.submitted(GenerationKind.CREATE,
                new GenerationInputs.Create(request.brief(), request.style(), request.aspectRatio().wire(),
                        request.requestId()),
                assets, request.stillSettings(), Scans.STILL);
        var now = clock.now();
        return submissions.submit(id, request.passId(), request.sessionId(), null, MmaMode.STILL, document,
                Costs.from(config).still(), EventType.CREATE, id, request.brief(), now);
    }
}
