package me.minav3.cli;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Supplier;
import me.minav3.http.Views;
import me.minav3.mma.common.Json;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.pricing.CostGrouping;
import me.minav3.mma.pricing.CostReport;
import me.minav3.mma.pricing.CostTotal;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mina costs}: what provider steps cost in USD, grouped by provider, model or day. */
@Command(
        name = "costs",
        mixinStandardHelpOptions = true,
        description = {
            "Show what the provider steps cost in USD, grouped by provider, model or day.",
            "Prices come from the config row mma.provider.prices.",
            "Steps whose model has no price are counted as unpriced: their group's sum is then a lower bound."
        })
final class CostsCommand extends MinaCommand {

    @Option(
            names = "--since",
            paramLabel = "DATE",
            description = "Count only steps recorded from this UTC day on (YYYY-MM-DD).")
    @Nullable
    String since;

    @Option(
            names = "--by",
            paramLabel = "GROUP",
            defaultValue = "provider",
            description = "Group by provider, model or day (default: ${DEFAULT-VALUE}).")
    @SuppressWarnings("NullAway.Init")
    String by;

    @Option(names = "--json", description = "Print one JSON document on stdout, for a failure too.")
    boolean json;

    private final Supplier<CostReport> costs;

    CostsCommand(Supplier<CostReport> costs) {
        this.costs = costs;
    }

    @Override
    public Integer call() {
        LocalDate from = since();
        CostGrouping grouping = grouping();
        List<CostTotal> totals = costs.get().totals(from, grouping);
        CostTotal all = sum(totals);
        if (json) {
            out().json(Json.obj(
                    "since",
                    from == null ? null : from.toString(),
                    "by",
                    grouping.wire(),
                    "total",
                    Views.cost(all),
                    "groups",
                    totals.stream()
                            .map(t -> {
                                var row = Json.obj(grouping.wire(), t.group());
                                row.putAll(Views.cost(t));
                                return row;
                            })
                            .toList()));
            return ExitCode.OK;
        }
        int width = Math.max(
                grouping.wire().length(),
                totals.stream().mapToInt(t -> t.group().length()).max().orElse(0));
        String format = "%-" + width + "s  %14s  %6s  %8s";
        out().line(format.formatted(grouping.wire(), "usd", "steps", "unpriced"));
        totals.forEach(t -> out().line(format.formatted(
                t.group().isEmpty() ? "-" : t.group(),
                t.usdText(),
                t.pricedSteps() + t.unpricedSteps(),
                t.unpricedSteps())));
        out().line(format.formatted(
                "total", all.usdText(), all.pricedSteps() + all.unpricedSteps(), all.unpricedSteps()));
        if (!all.complete()) {
            out().note("mina: " + all.unpricedSteps() + " step(s) used a model without a price in mma.provider.prices;"
                    + " their cost is unknown (see `mina audit <generation>`), so the totals are lower bounds");
        }
        return ExitCode.OK;
    }

    private @Nullable LocalDate since() {
        if (since == null) {
            return null;
        }
        try {
            return LocalDate.parse(since.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput("--since needs a date as YYYY-MM-DD (UTC), not '" + since + "'");
        }
    }

    private CostGrouping grouping() {
        try {
            return CostGrouping.parse(by.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("--by: " + e.getMessage());
        }
    }

    private static CostTotal sum(List<CostTotal> totals) {
        return new CostTotal(
                "total",
                totals.stream().map(CostTotal::usd).reduce(BigDecimal.ZERO, BigDecimal::add),
                totals.stream().mapToLong(CostTotal::pricedSteps).sum(),
                totals.stream().mapToLong(CostTotal::unpricedSteps).sum());
    }
}
