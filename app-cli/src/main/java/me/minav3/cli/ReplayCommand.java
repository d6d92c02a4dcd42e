package me.minav3.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.minav3.http.ReplayViews;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.replay.Replay;
import me.minav3.mma.replay.ReplayGeneration;
import me.minav3.mma.replay.ReplaySample;
import me.minav3.mma.replay.ReplayedStep;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mina replay}: a generation's GPT steps run again, each prompt beside the original (decision 030). */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Run a generation's GPT steps again under the context versions they recorded, or the ones given with"
                    + " --config, and show each prompt beside the original with a word diff.",
            "With --sample N, replay the last N finished generations and count how many prompts changed:"
                    + " a regression check before publishing a GPT context.",
            "Nothing is charged and nothing is stored; the configured vision provider is asked (a real one costs"
                    + " its provider fee)."
        })
final class ReplayCommand extends MinaCommand {

    private static final Pattern KEY_AT_VERSION = Pattern.compile("([^@\\s]+)@v?([0-9]{1,9})");

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "GENERATION",
            description = "The generation to replay (leave out with --sample).")
    @Nullable
    String generationId;

    @Option(
            names = "--config",
            paramLabel = "KEY@VERSION",
            description = "Replay under this version of a GPT context, e.g. mma.ctx.gpt_reader@2 (repeatable).")
    List<String> config = new ArrayList<>();

    @Option(
            names = "--sample",
            paramLabel = "N",
            description = "Replay the last N finished generations instead of one, and summarise.")
    @Nullable
    Integer sample;

    @Option(names = "--json", description = "Print one JSON document on stdout, for a failure too.")
    boolean json;

    private final Supplier<ReplayGeneration> replays;

    ReplayCommand(Supplier<ReplayGeneration> replays) {
        this.replays = replays;
    }

    @Override
    public Integer call() {
        Map<String, Integer> versions = versions(config);
        String id = generationId;
        if ((id == null) == (sample == null)) {
            throw new InvalidInput("give a GENERATION to replay, or --sample N (not both)");
        }
        if (id == null) {
            ReplaySample result = replays.get().sample(sample == null ? 0 : sample, versions);
            if (json) {
                out().json(ReplayViews.sample(result));
            } else {
                print(result);
            }
            return ExitCode.OK;
        }
        Replay replay = replays.get().replay(TweakCommand.parse(id), versions);
        if (json) {
            out().json(ReplayViews.replay(replay));
        } else {
            print(replay);
        }
        return ExitCode.OK;
    }

    /** {@code KEY@VERSION} options as key → version; a key given twice is refused. */
    static Map<String, Integer> versions(List<String> options) {
        Map<String, Integer> versions = new LinkedHashMap<>();
        for (String option : options) {
            Matcher matcher = KEY_AT_VERSION.matcher(option.strip());
            if (!matcher.matches()) {
                throw new InvalidInput("--config needs KEY@VERSION, e.g. mma.ctx.gpt_reader@2, not '" + option + "'");
            }
            int version = Integer.parseInt(matcher.group(2));
            if (versions.put(matcher.group(1), version) != null) {
                throw new InvalidInput("--config names " + matcher.group(1) + " twice");
            }
        }
        return versions;
    }

    private void print(Replay replay) {
        out().line(replay.generationId().mgId() + "  " + replay.mode().wire() + "  " + replay.kind()
                + "  replayed with " + replay.provider());
        if (replay.steps().isEmpty()) {
            out().line("no GPT steps to replay");
        }
        for (ReplayedStep step : replay.steps()) {
            out().line("");
            out().line("step %d  %s  %s v%d%s  %s"
                    .formatted(
                            step.stepNo(),
                            step.stepType(),
                            step.contextKey(),
                            step.recordedVersion(),
                            step.replayedVersion() == step.recordedVersion() ? "" : " → v" + step.replayedVersion(),
                            step.changed() ? "CHANGED" : "same"));
            out().line("  original  " + step.original());
            out().line("  replayed  " + step.replayed());
            if (step.changed()) {
                out().line("  diff      " + step.diff().text());
            }
        }
        out().line("");
        out().line(replay.promptChanged() ? "prompt changed" : "prompt unchanged");
    }

    private void print(ReplaySample sample) {
        String under = sample.versions().isEmpty()
                ? "the recorded versions"
                : String.join(
                        ", ",
                        sample.versions().entrySet().stream()
                                .sorted(Map.Entry.comparingByKey())
                                .map(e -> e.getKey() + " v" + e.getValue())
                                .toList());
        for (Replay replay : sample.replays()) {
            out().line("%s  %-5s  %-14s  %s"
                    .formatted(
                            replay.generationId().mgId(),
                            replay.mode().wire(),
                            replay.kind(),
                            replay.promptChanged() ? "CHANGED" : "same"));
        }
        sample.skipped().forEach(s -> out().line(s.generationId().mgId() + "  skipped: " + s.reason()));
        out().line("replayed %d generation(s) under %s: %d prompt(s) changed, %d unchanged, %d skipped"
                .formatted(
                        sample.replays().size(),
                        under,
                        sample.promptsChanged(),
                        sample.promptsUnchanged(),
                        sample.skipped().size()));
    }
}
