package me.minav3.cli;

import java.util.function.Supplier;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.engine.SuggestMotion;
import me.minav3.mma.generation.FindGeneration;
import me.minav3.mma.generation.Generation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mina suggest-motion}: "Type for me" — a simple motion prompt for a still (spec §8.2). Free. */
@Command(
        name = "suggest-motion",
        mixinStandardHelpOptions = true,
        description = {
            "Print a simple motion prompt for animate --prompt (\"Type for me\"): MMA reads the image.",
            "Free. Exits 6 when there is no finished image to read yet."
        })
final class SuggestMotionCommand extends MinaCommand {

    @Parameters(
            index = "0",
            paramLabel = "GENERATION_ID",
            description = "A finished still (or a video: its start image is read).")
    @SuppressWarnings("NullAway.Init")
    String generationId;

    @Option(names = "--json", description = "Print one JSON document on stdout, for a failure too.")
    boolean json;

    private final Supplier<FindGeneration> generations;
    private final Supplier<SuggestMotion> suggestMotion;

    SuggestMotionCommand(Supplier<FindGeneration> generations, Supplier<SuggestMotion> suggestMotion) {
        this.generations = generations;
        this.suggestMotion = suggestMotion;
    }

    @Override
    public Integer call() {
        GenerationId id = TweakCommand.parse(generationId);
        Generation generation = generations.get().get(id);
        var outcome = suggestMotion.get().suggest(new SuggestMotion.Request(generation.passId(), id, null));
        return switch (outcome) {
            case SuggestMotion.Outcome.Suggested suggested -> {
                if (json) {
                    out().json(Json.obj(
                            "generation_id",
                            id.mgId(),
                            "prompt",
                            suggested.prompt(),
                            "user_message",
                            suggested.userMessage(),
                            "image_url",
                            suggested.imageUrl(),
                            "event_id",
                            suggested.eventId()));
                } else {
                    out().note(suggested.userMessage());
                    out().line(suggested.prompt());
                }
                yield ExitCode.OK;
            }
            case SuggestMotion.Outcome.NeedImage needImage -> {
                yield out().failure(ExitCode.INVALID_INPUT, needImage.message(), json);
            }
        };
    }
}
