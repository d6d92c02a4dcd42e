package me.minav3.cli;

import me.minav3.app.Wiring;
import me.minav3.mma.domain.AssetKind;
import me.minav3.mma.domain.Generation;
import me.minav3.mma.domain.GenerationId;
import me.minav3.mma.domain.PassId;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.pipeline.AnimateStill;
import me.minav3.mma.pipeline.RequestId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mina animate}: a video from a finished still (or an image), run to the end (spec §8). */
@Command(name = "animate", mixinStandardHelpOptions = true,
        description = {"Make a video from a finished still (or from --image) and wait until it is done.",
                "Without --prompt MMA writes the motion. Costs mma.costs.video_per_second per second (refunded if it fails)."})
final class AnimateCommand extends MinaCommand {

    @Mixin
    RunOptions run;

    @Parameters(index = "0", arity = "0..1", paramLabel = "GENERATION_ID", description = "The still to animate")
    String generationId;

    @Option(names = "--image", paramLabel = "F|URL", description = "Animate this image instead of a still (needs --pass-id)")
    String image;

    @Option(names = "--pass-id", paramLabel = "PASS_ID", description = "Whose video (with --image)")
    String passId;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "How it should move (MMA still tidies it for the video model)")
    String prompt;

    @Option(names = "--duration", paramLabel = "5|10", description = "Seconds (default: mma.video.default_duration)")
    Integer duration;

    @Option(names = "--end-image", paramLabel = "F|URL", description = "Where the video should end up (optional)")
    String endImage;

    @Override
    public Integer call() {
        if ((generationId == null) == (image == null)) {
            throw new InvalidInput("give the GENERATION_ID of a still, or --image with --pass-id");
        }
        Wiring wiring = wiring();
        GenerationId stillId = generationId == null ? null : TweakCommand.parse(generationId);
        PassId who = stillId == null ? requiredPassId() : ownerOf(wiring, stillId);
        var media = wiring.media();
        String start = MediaArgs.store(media, who, AssetKind.ANIMATION, image);
        String end = MediaArgs.store(media, who, AssetKind.ANIMATION, endImage);
        var request = new AnimateStill.Request(who, stillId, start, end, prompt, duration,
                RequestId.ofNullable(run.requestId), null);
        Generation video = GenerateCommand.submitted(wiring.animateStill().submit(request));
        out().note("generation " + video.id().mgId() + " queued (video"
                + (stillId == null ? "" : " of " + stillId.mgId()) + ")");
        Generation finished = GenerationWait.until(wiring, video.id(), run.timeout(),
                line -> out().note("  " + line));
        return GenerateCommand.report(wiring, finished, run.json, out());
    }

    private PassId requiredPassId() {
        if (passId == null) {
            throw new InvalidInput("--image needs --pass-id (whose video it is)");
        }
        return Inputs.passId(passId);
    }

    private PassId ownerOf(Wiring wiring, GenerationId stillId) {
        Generation still = wiring.database().ledger().findGeneration(stillId)
                .orElseThrow(() -> new NotFound("no generation " + stillId.mgId()));
        if (passId != null && !Inputs.passId(passId).equals(still.passId())) {
            throw new NotFound("no generation " + stillId.mgId() + " of " + passId);
        }
        return still.passId();
    }
}
