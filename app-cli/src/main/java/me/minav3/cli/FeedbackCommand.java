package me.minav3.cli;

import java.util.function.Supplier;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.generation.FindGeneration;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.submit.RequestId;
import me.minav3.mma.submit.SendVideoFeedback;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mina feedback}: feedback on a finished video (spec §8.6). */
@Command(
        name = "feedback",
        mixinStandardHelpOptions = true,
        description = {
            "Send feedback on a finished video; it is recorded, free.",
            "Only when mma.video.regen_enabled is true does MMA make a new video from it, charged like an animate, "
                    + "and wait for it."
        })
final class FeedbackCommand extends MinaCommand {

    @Mixin
    @SuppressWarnings("NullAway.Init")
    RunOptions run;

    @Parameters(index = "0", paramLabel = "GENERATION_ID", description = "The finished video the feedback is about.")
    @SuppressWarnings("NullAway.Init")
    String generationId;

    @Option(names = "--text", required = true, paramLabel = "TEXT", description = "What to change, in your words.")
    @SuppressWarnings("NullAway.Init")
    String text;

    private final Supplier<FindGeneration> generations;
    private final Supplier<SendVideoFeedback> sendVideoFeedback;
    private final Supplier<GenerationWait> wait;

    FeedbackCommand(
            Supplier<FindGeneration> generations,
            Supplier<SendVideoFeedback> sendVideoFeedback,
            Supplier<GenerationWait> wait) {
        this.generations = generations;
        this.sendVideoFeedback = sendVideoFeedback;
        this.wait = wait;
    }

    @Override
    @SuppressWarnings("NullAway") // nulls the called code does not yet declare @Nullable: listed in the issue 25 report
    public Integer call() {
        FindGeneration find = generations.get();
        GenerationId id = TweakCommand.parse(generationId);
        Generation video = find.get(id);
        var outcome = sendVideoFeedback
                .get()
                .send(new SendVideoFeedback.Request(
                        video.passId(), id, text, RequestId.ofNullable(run.requestId), null));
        return switch (outcome) {
            case SendVideoFeedback.Outcome.Recorded recorded -> {
                if (run.json) {
                    out().json(Json.obj(
                            "generation_id",
                            id.mgId(),
                            "regenerated",
                            false,
                            "event_id",
                            recorded.event().mgId()));
                } else {
                    out().line("feedback recorded (" + recorded.event().mgId() + "); no new video, no matcha spent");
                }
                yield ExitCode.OK;
            }
            case SendVideoFeedback.Outcome.Regenerating regenerating ->
                ExitCode.whenQueued(
                        regenerating.creation(),
                        out(),
                        run.json,
                        again -> wait.get()
                                .follow(again, " (new video from feedback on " + id.mgId() + ")", run, out()));
        };
    }
}
