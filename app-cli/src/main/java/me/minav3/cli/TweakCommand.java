package me.minav3.cli;

import java.util.function.Supplier;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.generation.FindGeneration;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.submit.RequestId;
import me.minav3.mma.submit.TweakStill;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mina tweak}: a new still from feedback on a finished one (spec §7.2). */
@Command(
        name = "tweak",
        mixinStandardHelpOptions = true,
        description =
                "Make a new still from feedback on a finished one; same settings, new prompt. Costs like a create.")
final class TweakCommand extends MinaCommand {

    @Mixin
    @SuppressWarnings("NullAway.Init")
    RunOptions run;

    @Parameters(index = "0", paramLabel = "GENERATION_ID", description = "The finished still to change.")
    @SuppressWarnings("NullAway.Init")
    String generationId;

    @Option(
            names = "--feedback",
            required = true,
            paramLabel = "TEXT",
            description = "What to change, in your words (e.g. \"I hate the light you added\").")
    @SuppressWarnings("NullAway.Init")
    String feedback;

    @Option(
            names = "--engine",
            paramLabel = "NAME",
            description = "The still engine to make it on (main, niche…); the tweaked still's own when absent.")
    @org.jspecify.annotations.Nullable
    String engine;

    private final Supplier<FindGeneration> generations;
    private final Supplier<TweakStill> tweakStill;
    private final Supplier<GenerationWait> wait;

    TweakCommand(Supplier<FindGeneration> generations, Supplier<TweakStill> tweakStill, Supplier<GenerationWait> wait) {
        this.generations = generations;
        this.tweakStill = tweakStill;
        this.wait = wait;
    }

    @Override
    @SuppressWarnings("NullAway") // nulls the called code does not yet declare @Nullable: listed in the issue 25 report
    public Integer call() {
        FindGeneration find = generations.get();
        GenerationId parentId = parse(generationId);
        Generation parent = find.get(parentId);
        return ExitCode.whenQueued(
                tweakStill
                        .get()
                        .submit(new TweakStill.Request(
                                parent.passId(),
                                parentId,
                                feedback,
                                RequestId.ofNullable(run.requestId),
                                null,
                                engine)),
                out(),
                run.json,
                tweak -> wait.get().follow(tweak, " (tweak of " + parentId.mgId() + ")", run, out()));
    }

    static GenerationId parse(String text) {
        try {
            return GenerationId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
    }
}
