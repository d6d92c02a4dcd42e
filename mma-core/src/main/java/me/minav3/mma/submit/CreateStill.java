package me.minav3.mma.submit;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import me.minav3.mma.assets.AssetKind;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.IdGenerator;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.GenerationDocument;
import me.minav3.mma.generation.GenerationDocument.ChosenStyle;
import me.minav3.mma.generation.GenerationDocument.Scans;
import me.minav3.mma.generation.GenerationDocument.StillAssets;
import me.minav3.mma.generation.GenerationInputs;
import me.minav3.mma.generation.GenerationKind;
import me.minav3.mma.generation.GenerationQueue;
import me.minav3.mma.providers.ConfiguredEngines;
import me.minav3.mma.providers.models.StillEngines;
import me.minav3.mma.providers.models.StillEngines.StillEngine;
import me.minav3.mma.studio.Sessions;
import me.minav3.mma.styles.Styles;

/**
 * Spec §6: a user clicks Create. The request is checked, its images made permanent, and the queued generation
 * created and charged in one step; the workers take it from there. Not enough (or expired) matcha writes nothing.
 * Chosen styles (issue 24.3) travel with the input images as references, their names as the style.
 */
public final class CreateStill {

    private final ConfigService config;
    private final MediaInputs media;
    private final Styles styles;
    private final Submissions submissions;

    public CreateStill(
            GenerationQueue queue,
            Sessions sessions,
            ConfigService config,
            MediaInputs media,
            Styles styles,
            Clock clock,
            IdGenerator ids,
            Runnable wakeWorkers) {
        this.config = config;
        this.media = media;
        this.styles = styles;
        this.submissions = new Submissions(queue, sessions, ids, clock, wakeWorkers);
    }

    /** The id a request will get: fixed for a request id, so a caller can look for an earlier run first. */
    public GenerationId idFor(me.minav3.mma.common.PassId passId, RequestId requestId) {
        return submissions.idFor(passId, requestId);
    }

    public CreateOutcome submit(StillRequest request) {
        // Styles first: an unknown id or one over the limit is refused before any image is imported.
        List<ChosenStyle> chosen = styles.choose(request.passId(), request.styleIds());
        StillEngines engines = ConfiguredEngines.of(config);
        StillEngine engine = ConfiguredEngines.require(config, request.engine());
        int styleImages =
                chosen.stream().mapToInt(s -> s.referenceUrls().size()).sum();
        ModelChecks.still(
                config,
                engine.role(),
                (request.productUrl() == null ? 0 : 1)
                        + (request.logoUrl() == null ? 0 : 1)
                        + request.inspirationUrls().size(),
                styleImages);
        var assets = new StillAssets(
                media.resolve(request.passId(), AssetKind.PRODUCT, request.productUrl()),
                media.resolve(request.passId(), AssetKind.LOGO, request.logoUrl()),
                request.inspirationUrls().stream()
                        .map(url -> media.resolve(request.passId(), AssetKind.INSPIRATION, url))
                        .toList(),
                chosen.stream()
                        .map(s -> new ChosenStyle(
                                s.id(),
                                s.name(),
                                s.cue(),
                                s.referenceUrls().stream()
                                        .map(url -> Objects.requireNonNull(
                                                media.resolve(request.passId(), AssetKind.INSPIRATION, url)))
                                        .toList()))
                        .toList(),
                Map.of());
        String style = chosen.isEmpty()
                ? request.style()
                : chosen.stream().map(ChosenStyle::name).collect(Collectors.joining(" + "));
        var document = GenerationDocument.submitted(
                GenerationKind.CREATE,
                new GenerationInputs.Create(
                        request.brief(), style, request.aspectRatio().wire(), RequestId.valueOf(request.requestId())),
                assets,
                // Recorded only when the request chose an engine: a request without one stores what it always did.
                request.stillSettings(style, request.engine() == null ? null : engine.name()),
                Scans.STILL);
        Costs costs = Costs.from(config);
        CreateOutcome outcome = submissions.submit(new Submission(
                request.passId(),
                request.requestId(),
                request.session(),
                null,
                document,
                costs.still(engine),
                new Submission.Event(EventType.CREATE, null, request.brief())));
        return outcome instanceof CreateOutcome.Refused refused
                ? costs.withOffer(refused, engines, engine, false)
                : outcome;
    }
}
