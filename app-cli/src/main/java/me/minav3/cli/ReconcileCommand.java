package me.minav3.cli;

import java.util.function.Supplier;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Json;
import me.minav3.mma.credits.BalanceDrift;
import me.minav3.mma.credits.PoolDrift;
import me.minav3.mma.credits.ReconcileCredits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mina reconcile [--fix]}: every balance against the sum of its ledger. */
@Command(
        name = "reconcile",
        mixinStandardHelpOptions = true,
        description = {
            "Compare every balance with the sum of its credit ledger.",
            "Exit 1 when a balance drifted, unless --fix wrote a correcting ledger row for each (history is never edited)."
        })
final class ReconcileCommand extends MinaCommand {

    @Option(names = "--fix", description = "Write a correcting ledger row for each drift (audited).")
    boolean fix;

    @Option(names = "--json", description = "Print one JSON document on stdout, for a failure too.")
    boolean json;

    private final Supplier<ReconcileCredits> reconcileCredits;

    ReconcileCommand(Supplier<ReconcileCredits> reconcileCredits) {
        this.reconcileCredits = reconcileCredits;
    }

    @Override
    public Integer call() {
        ReconcileCredits.Report report = reconcileCredits.get().run(fix, Actor.cli(commandName()));
        if (json) {
            out().json(Json.obj(
                    "clean",
                    report.drifts().isEmpty() && report.poolDrifts().isEmpty(),
                    "pool_drifts",
                    report.poolDrifts().stream()
                            .map(d ->
                                    Json.obj("pass_id", d.passId().value(), "pool", d.pool(), "expected", d.expected()))
                            .toList(),
                    "drifts",
                    report.drifts().stream()
                            .map(d -> Json.obj(
                                    "pass_id",
                                    d.passId().value(),
                                    "balance",
                                    d.balance(),
                                    "ledger_sum",
                                    d.ledgerSum(),
                                    "difference",
                                    d.difference(),
                                    "fixed",
                                    report.fixed().contains(d)))
                            .toList()));
        } else if (report.drifts().isEmpty() && report.poolDrifts().isEmpty()) {
            out().line("clean: every balance equals the sum of its ledger");
        } else {
            for (BalanceDrift d : report.drifts()) {
                out().line("%s balance %d, ledger sum %d (%+d)%s"
                        .formatted(
                                d.passId().value(),
                                d.balance(),
                                d.ledgerSum(),
                                d.difference(),
                                report.fixed().contains(d) ? " — fixed by a correcting ledger row" : ""));
            }
            for (PoolDrift d : report.poolDrifts()) {
                out().line("%s tool pool %d units, its ledger and tool runs say %d (not fixed automatically)"
                        .formatted(d.passId().value(), d.pool(), d.expected()));
            }
        }
        return report.clean() ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }
}
