package me.minav3.cli;

import java.util.function.Supplier;
import me.minav3.mma.assets.AssetKind;
import me.minav3.mma.assets.IngestMedia;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.generation.FindGeneration;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.submit.AnimateStill;
import me.minav3.mma.submit.RequestId;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mina animate}: a video from a finished still (or an image), run to the end (spec §8). */
@Command(
        name = "animate",
        mixinStandardHelpOptions = true,
        description = {
            "Make a video from a finished still (or from --image) and wait until it is done.",
            "Without --prompt MMA writes the motion. Costs mma.costs.video_per_second per second (refunded if it fails)."
        })
final class AnimateCommand extends MinaCommand {

    @Mixin
    @SuppressWarnings("NullAway.Init")
    RunOptions run;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "GENERATION_ID",
            description = "The finished still to animate.")
    @Nullable
    String generationId;

    @Option(
            names = "--image",
            paramLabel = "F|URL",
            description = "Animate this image instead of a still: a file, - for stdin, or a URL (needs --pass-id).")
    @Nullable
    String image;

    @Option(names = "--pass-id", paramLabel = "PASS_ID", description = "Whose video it is (with --image).")
    @Nullable
    String passId;

    @Option(
            names = "--prompt",
            paramLabel = "TEXT",
            description = "How it should move (MMA still tidies it for the video model).")
    @Nullable
    String prompt;

    @Option(
            names = "--duration",
            paramLabel = "SECONDS",
            description = "Seconds of video, one the video model makes (default: its default length).")
    @Nullable
    Integer duration;

    @Option(
            names = "--sound",
            description = "Sound on (only a video model that makes sound takes it; otherwise refused).")
    boolean sound;

    @Option(
            names = "--end-image",
            paramLabel = "F|URL",
            description = "Where the video should end up: a file, - for stdin, or a URL (optional).")
    @Nullable
    String endImage;

    private final Supplier<FindGeneration> generations;
    private final Supplier<AnimateStill> animateStill;
    private final Supplier<IngestMedia> media;
    private final Supplier<GenerationWait> wait;

    AnimateCommand(
            Supplier<FindGeneration> generations,
            Supplier<AnimateStill> animateStill,
            Supplier<IngestMedia> media,
            Supplier<GenerationWait> wait) {
        this.generations = generations;
        this.animateStill = animateStill;
        this.media = media;
        this.wait = wait;
    }

    @Override
    @SuppressWarnings("NullAway") // nulls the called code does not yet declare @Nullable: listed in the issue 25 report
    public Integer call() {
        if ((generationId == null) == (image == null)) {
            throw new InvalidInput("give the GENERATION_ID of a still, or --image with --pass-id");
        }
        FindGeneration find = generations.get();
        GenerationId stillId = generationId == null ? null : TweakCommand.parse(generationId);
        PassId who = stillId == null ? requiredPassId() : ownerOf(find, stillId);
        var media = this.media.get();
        String start = MediaArgs.store(media, who, AssetKind.ANIMATION, "--image", image, stdin());
        String end = MediaArgs.store(media, who, AssetKind.ANIMATION, "--end-image", endImage, stdin());
        var request = new AnimateStill.Request(
                who, stillId, start, end, prompt, duration, RequestId.ofNullable(run.requestId), null, sound);
        return ExitCode.whenQueued(
                animateStill.get().submit(request),
                out(),
                run.json,
                video -> wait.get()
                        .follow(video, " (video" + (stillId == null ? "" : " of " + stillId.mgId()) + ")", run, out()));
    }

    private PassId requiredPassId() {
        if (passId == null) {
            throw new InvalidInput("--image needs --pass-id (whose video it is)");
        }
        return Inputs.passId(passId);
    }

    private PassId ownerOf(FindGeneration find, GenerationId stillId) {
        Generation still = find.get(stillId);
        if (passId != null && !Inputs.passId(passId).equals(still.passId())) {
            throw new NotFound("no generation " + stillId.mgId() + " of " + passId);
        }
        return still.passId();
    }
}
