package me.minav3.cli;

import me.minav3.app.Wiring;
import me.minav3.mma.domain.Generation;
import me.minav3.mma.domain.GenerationId;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.pipeline.TweakStill;
import me.minav3.mma.pipeline.RequestId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mina tweak}: a new still from feedback on a finished one (spec §7.2). */
@Command(name = "tweak", mixinStandardHelpOptions = true,
        description = "Make a new still from feedback on a finished one; same settings, new prompt. Costs like a create.")
final class TweakCommand extends MinaCommand {

    @Mixin
    RunOptions run;

    @Parameters(index = "0", paramLabel = "GENERATION_ID")
    String generationId;

    @Option(names = "--feedback", required = true, paramLabel = "TEXT")
    String feedback;

    @Override
    public Integer call() {
        Wiring wiring = wiring();
        GenerationId parentId = parse(generationId);
        Generation parent = wiring.database().ledger().findGeneration(parentId)
                .orElseThrow(() -> new NotFound("no generation " + parentId.mgId()));
        Generation tweak = GenerateCommand.submitted(wiring.tweakStill().submit(
                new TweakStill.Request(parent.passId(), parentId, feedback, RequestId.ofNullable(run.requestId),
                        null)));
        out().note("generation " + tweak.id().mgId() + " queued (tweak of " + parentId.mgId() + ")");
        Generation finished = GenerationWait.until(wiring, tweak.id(), run.timeout(),
                line -> out().note("  " + line));
        return GenerateCommand.report(wiring, finished, run.json, out());
    }

    static GenerationId parse(String text) {
        try {
            return GenerationId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
    }
}
