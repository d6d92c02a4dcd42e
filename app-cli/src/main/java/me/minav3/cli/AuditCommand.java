package me.minav3.cli;

import java.util.Map;
import java.util.function.Supplier;
import me.minav3.http.Views;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.StepRecord;
import me.minav3.mma.pricing.CostTotal;
import me.minav3.mma.pricing.StepCost;
import me.minav3.mma.studio.GenerationTrail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mina audit}: a generation with every step payload and every event. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Show a generation, its MMA steps (input, output, timing, error) and its events.")
final class AuditCommand extends MinaCommand {

    @Parameters(index = "0", paramLabel = "GENERATION_ID", description = "The generation to show.")
    @SuppressWarnings("NullAway.Init")
    String generationId;

    @Option(
            names = "--json",
            description = "Print one JSON document on stdout (with full step payloads), for a failure too.")
    boolean json;

    private final Supplier<GenerationTrail> trails;

    AuditCommand(Supplier<GenerationTrail> trails) {
        this.trails = trails;
    }

    @Override
    public Integer call() {
        GenerationId id = TweakCommand.parse(generationId);
        var trail = trails.get().of(id);
        Generation g = trail.generation();
        var steps = trail.steps();
        var events = trail.events();
        if (json) {
            out().json(Views.audit(trail));
            return ExitCode.OK;
        }
        out().line(g.id().mgId() + "  " + g.mode().wire() + "  " + g.status().wire() + "  "
                + g.passId().value()
                + (g.parentId() == null ? "" : "  (from " + g.parentId().mgId() + ")"));
        out().line("created " + g.createdAt() + (g.latencyMs() == null ? "" : ", took " + g.latencyMs() + " ms")
                + ", attempts " + g.attempts());
        if (g.outputUrl() != null) {
            out().line("output  " + g.outputUrl());
        }
        if (g.prompt() != null) {
            out().line("prompt  " + g.prompt());
        }
        if (g.error() != null) {
            out().line("error   " + g.error());
        }
        out().line("cost    " + cost(trail.cost()));
        out().line("");
        out().line("steps:");
        for (StepRecord step : steps) {
            Map<String, Object> timing = Json.object(step.payload(), "timing");
            Object error = step.payload().get("error");
            out().line("  %2d %-24s %6d ms  %s%s"
                    .formatted(
                            step.stepNo(),
                            step.stepType(),
                            Json.number(timing, "duration_ms", 0),
                            summary(step),
                            error == null
                                    ? ""
                                    : "  ERROR " + Json.string(Json.object(step.payload(), "error"), "message", "")));
        }
        out().line("events:");
        for (MmaEvent event : events) {
            out().line("  " + event.at() + "  " + event.type().wire()
                    + (event.text() == null ? "" : "  \"" + event.text() + "\""));
        }
        out().line("userMessages:");
        Views.userMessages(g).forEach(line -> out().line("  " + line));
        return ExitCode.OK;
    }

    /** {@code USD 0.0312 (4 provider steps)}, and how many had no price. */
    private static String cost(CostTotal cost) {
        long steps = cost.pricedSteps() + cost.unpricedSteps();
        return "USD " + cost.usdText() + " (" + steps + " provider step" + (steps == 1 ? "" : "s")
                + (cost.complete() ? ")" : ", " + cost.unpricedSteps() + " without a price: at least this much)");
    }

    private static String summary(StepRecord step) {
        var input = step.input();
        String ctx = input.containsKey("ctx_id") ? input.get("ctx_id") + " " : "";
        String provider = input.containsKey("provider") ? "[" + input.get("provider") + "] " : "";
        Map<String, Object> cost = Json.object(step.output(), StepCost.KEY);
        String usd = cost.isEmpty()
                ? ""
                : cost.get(StepCost.USD) == null ? "USD unknown " : "USD " + cost.get(StepCost.USD) + " ";
        return provider + ctx + usd;
    }
}
