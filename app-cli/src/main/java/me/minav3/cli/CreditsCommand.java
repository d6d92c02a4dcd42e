package me.minav3.cli;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.AdjustCredits;
import me.minav3.mma.credits.CreditBalance;
import me.minav3.mma.credits.CreditOutcome;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTransaction;
import me.minav3.mma.credits.ExpireCredits;
import me.minav3.mma.credits.GrantCredits;
import me.minav3.mma.customers.CustomerProfile;
import me.minav3.mma.error.InvalidInput;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mina credits grant|adjust|balance|history|expire}. */
@Command(
        name = "credits",
        description = "Grant matcha credits, show balances and history, expire old ones.",
        mixinStandardHelpOptions = true,
        subcommands = {
            CreditsCommand.Grant.class,
            CreditsCommand.Adjust.class,
            CreditsCommand.Balance.class,
            CreditsCommand.History.class,
            CreditsCommand.Expire.class
        })
final class CreditsCommand extends MinaCommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(out().err());
        return ExitCode.USAGE;
    }

    static Map<String, Object> balanceJson(CreditBalance.Balance balance) {
        return Json.obj(
                "pass_id",
                balance.passId().value(),
                "credits",
                balance.credits(),
                "expires_at",
                balance.expiresAt(),
                "expired",
                balance.expired());
    }

    static String describe(CreditBalance.Balance balance) {
        String expiry = balance.expiresAt() == null
                ? "no expiry"
                : (balance.expired() ? "expired " : "expires ") + balance.expiresAt();
        return balance.passId().value() + ": " + balance.credits() + " matcha (" + expiry + ")";
    }

    @Command(
            name = "grant",
            mixinStandardHelpOptions = true,
            description = {
                "Add matcha to a customer (created if new).",
                "Free/test grants expire 30 days after the account was created; --purchase grants 30 days after now."
            })
    static final class Grant extends MinaCommand {

        @Parameters(
                index = "0",
                paramLabel = "PASS_ID",
                description = "The customer: pass:user:<id>, pass:shopify:<id> or pass:anon:<uuid>.")
        @SuppressWarnings("NullAway.Init")
        String passId;

        @Parameters(
                index = "1",
                paramLabel = "N",
                description = "How many matcha: a whole number from 1 to 1000000000.")
        @SuppressWarnings("NullAway.Init")
        String amount;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the ledger and the audit.")
        @Nullable
        String reason;

        @Option(names = "--purchase", description = "Treat as purchased matcha (they expire 30 days from now).")
        boolean purchase;

        @Option(
                names = "--request-id",
                paramLabel = "KEY",
                description = "An idempotency key: re-running with the same key never grants twice.")
        @Nullable
        String requestId;

        @Option(names = "--email", paramLabel = "EMAIL", description = "Record the customer's email.")
        @Nullable
        String email;

        @Option(names = "--json", description = "Print one JSON document on stdout, for a failure too.")
        boolean json;

        private final Supplier<GrantCredits> grantCredits;
        private final Supplier<CreditBalance> creditBalance;

        Grant(Supplier<GrantCredits> grantCredits, Supplier<CreditBalance> creditBalance) {
            this.grantCredits = grantCredits;
            this.creditBalance = creditBalance;
        }

        @Override
        public Integer call() {
            PassId who = Inputs.passId(passId);
            GrantCredits.Request request;
            try {
                request = new GrantCredits.Request(
                        who,
                        Inputs.positiveMatcha(amount),
                        purchase ? CreditReason.PURCHASE : CreditReason.GRANT,
                        "cli",
                        reason,
                        requestId,
                        email == null ? CustomerProfile.NONE : CustomerProfile.ofEmail(email));
            } catch (IllegalArgumentException e) {
                throw new InvalidInput(e.getMessage());
            }
            CreditOutcome outcome = grantCredits.get().grant(request, Actor.cli(commandName()));
            CreditBalance.Balance balance = creditBalance.get().of(who);
            boolean applied = outcome instanceof CreditOutcome.Applied;
            if (json) {
                var document = Json.obj(
                        "applied", applied, "already_applied", outcome instanceof CreditOutcome.AlreadyApplied);
                document.putAll(balanceJson(balance));
                out().json(document);
            } else {
                out().line((applied
                                ? "granted " + request.amount().amount() + " matcha. "
                                : "already applied, nothing changed. ")
                        + describe(balance));
            }
            return ExitCode.OK;
        }
    }

    @Command(
            name = "adjust",
            mixinStandardHelpOptions = true,
            description = {
                "Correct an existing customer's balance up or down, with a required reason.",
                "Never below zero: a decrease larger than the balance changes nothing (exit 6).",
                "Re-running with the same --request-id never applies twice."
            })
    static final class Adjust extends MinaCommand {

        @Parameters(
                index = "0",
                paramLabel = "PASS_ID",
                description = "The customer: pass:user:<id>, pass:shopify:<id> or pass:anon:<uuid>.")
        @SuppressWarnings("NullAway.Init")
        String passId;

        @Parameters(
                index = "1",
                paramLabel = "DELTA",
                description = "Matcha to add, or to take away when negative (e.g. -5).")
        @SuppressWarnings("NullAway.Init")
        String delta;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (required).")
        @SuppressWarnings("NullAway.Init")
        String reason;

        @Option(
                names = "--request-id",
                paramLabel = "KEY",
                description = "The adjustment's id: re-running with the same key never applies twice "
                        + "(default: a new one each run).")
        @Nullable
        String requestId;

        @Option(names = "--json", description = "Print one JSON document on stdout, for a failure too.")
        boolean json;

        private final Supplier<AdjustCredits> adjustCredits;

        Adjust(Supplier<AdjustCredits> adjustCredits) {
            this.adjustCredits = adjustCredits;
        }

        @Override
        public Integer call() {
            AdjustCredits.Request request;
            try {
                request = new AdjustCredits.Request(
                        Inputs.passId(passId),
                        Long.parseLong(delta.strip()),
                        reason,
                        requestId != null ? requestId : "cli-" + UUID.randomUUID());
            } catch (NumberFormatException e) {
                throw new InvalidInput("DELTA must be a whole number of matcha, like 5 or -5, not '" + delta + "'");
            } catch (IllegalArgumentException e) {
                throw new InvalidInput(e.getMessage());
            }
            AdjustCredits.Result result = adjustCredits.get().adjust(request, Actor.cli(commandName()));
            if (json) {
                out().json(Json.obj(
                        "pass_id",
                        request.passId().value(),
                        "credit_id",
                        result.id().value(),
                        "delta",
                        request.delta(),
                        "applied",
                        result.applied(),
                        "credits",
                        result.balance()));
            } else {
                out().line((result.applied()
                                ? "adjusted by %+d matcha".formatted(request.delta())
                                : "already applied, nothing changed")
                        + ". " + request.passId().value() + ": " + result.balance() + " matcha (" + result.id()
                        + ")");
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "balance", mixinStandardHelpOptions = true, description = "Show a customer's matcha and expiry.")
    static final class Balance extends MinaCommand {

        @Parameters(
                index = "0",
                paramLabel = "PASS_ID",
                description = "The customer: pass:user:<id>, pass:shopify:<id> or pass:anon:<uuid>.")
        @SuppressWarnings("NullAway.Init")
        String passId;

        @Option(names = "--json", description = "Print one JSON document on stdout, for a failure too.")
        boolean json;

        private final Supplier<CreditBalance> creditBalance;

        Balance(Supplier<CreditBalance> creditBalance) {
            this.creditBalance = creditBalance;
        }

        @Override
        public Integer call() {
            CreditBalance.Balance balance = creditBalance.get().of(Inputs.passId(passId));
            if (json) {
                out().json(balanceJson(balance));
            } else {
                out().line(describe(balance));
            }
            return ExitCode.OK;
        }
    }

    @Command(
            name = "history",
            mixinStandardHelpOptions = true,
            description = "List a customer's credit ledger, newest first.")
    static final class History extends MinaCommand {

        @Parameters(
                index = "0",
                paramLabel = "PASS_ID",
                description = "The customer: pass:user:<id>, pass:shopify:<id> or pass:anon:<uuid>.")
        @SuppressWarnings("NullAway.Init")
        String passId;

        @Option(
                names = "--limit",
                defaultValue = "50",
                paramLabel = "N",
                description = "Show at most this many rows (default ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--json", description = "Print one JSON document on stdout, for a failure too.")
        boolean json;

        private final Supplier<CreditBalance> creditBalance;

        History(Supplier<CreditBalance> creditBalance) {
            this.creditBalance = creditBalance;
        }

        @Override
        public Integer call() {
            List<CreditTransaction> rows = creditBalance.get().history(Inputs.passId(passId), limit);
            if (json) {
                out().json(Json.obj(
                        "pass_id",
                        passId,
                        "transactions",
                        rows.stream().map(History::row).toList()));
            } else {
                rows.forEach(t -> out().line("%s  %+6d  %-10s %-7s %s%s"
                        .formatted(
                                t.createdAt(),
                                t.delta(),
                                t.reason().wire(),
                                t.source(),
                                t.id().value(),
                                t.note() == null ? "" : "  (" + t.note() + ")")));
                if (rows.isEmpty()) {
                    out().line("no credit movements");
                }
            }
            return ExitCode.OK;
        }

        private static Map<String, Object> row(CreditTransaction t) {
            return Json.obj(
                    "id",
                    t.id().value(),
                    "delta",
                    t.delta(),
                    "reason",
                    t.reason().wire(),
                    "source",
                    t.source(),
                    "ref_type",
                    t.refType(),
                    "ref_id",
                    t.refId(),
                    "note",
                    t.note(),
                    "created_at",
                    t.createdAt());
        }
    }

    @Command(
            name = "expire",
            mixinStandardHelpOptions = true,
            description = "Zero every balance past its expiry (each by its own 'expired' ledger row).")
    static final class Expire extends MinaCommand {

        @Option(names = "--json", description = "Print one JSON document on stdout, for a failure too.")
        boolean json;

        private final Supplier<ExpireCredits> expireCredits;

        Expire(Supplier<ExpireCredits> expireCredits) {
            this.expireCredits = expireCredits;
        }

        @Override
        public Integer call() {
            int expired = expireCredits.get().run();
            if (json) {
                out().json(Json.obj("expired", expired, "at", Instant.now()));
            } else {
                out().line(expired == 0 ? "no balance was past its expiry" : "expired " + expired + " balance(s)");
            }
            return ExitCode.OK;
        }
    }
}
