package me.minav3.cli;

import java.time.Duration;
import java.util.function.Supplier;
import me.minav3.http.LocalTokens;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.studio.RevokeTokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mina auth token}: a login token for scripts and development, signed with the local secret;
 * {@code mina auth revoke}: refuse every login token of a customer (decision 016).
 */
@Command(
        name = "auth",
        mixinStandardHelpOptions = true,
        description = "Issue local login tokens, and revoke a customer's tokens.",
        subcommands = {AuthCommand.Token.class, AuthCommand.Revoke.class})
final class AuthCommand extends MinaCommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(out().err());
        return ExitCode.USAGE;
    }

    @Command(
            name = "token",
            mixinStandardHelpOptions = true,
            description = "Print a bearer token for EMAIL (the same user as an email-code login).")
    static final class Token extends MinaCommand {

        @Parameters(index = "0", paramLabel = "EMAIL", description = "The email address the token signs in as.")
        @SuppressWarnings("NullAway.Init")
        String email;

        @Option(names = "--admin", description = "Grant the admin role.")
        boolean admin;

        @Option(
                names = "--days",
                defaultValue = "30",
                paramLabel = "N",
                description = "Valid for this many days, 1 to 365 (default ${DEFAULT-VALUE}).")
        int days;

        @Option(names = "--json", description = "Print one JSON document on stdout, for a failure too.")
        boolean json;

        private final Supplier<LocalTokens> tokens;

        Token(Supplier<LocalTokens> tokens) {
            this.tokens = tokens;
        }

        @Override
        public Integer call() {
            if (days < 1 || days > 365) {
                throw new me.minav3.mma.error.InvalidInput("--days must be between 1 and 365");
            }
            String token = tokens.get().issue(email, admin, Duration.ofDays(days));
            if (json) {
                out().json(Json.obj(
                        "access_token",
                        token,
                        "token_type",
                        "bearer",
                        "expires_in",
                        Duration.ofDays(days).toSeconds()));
            } else {
                out().line(token);
            }
            return ExitCode.OK;
        }
    }

    @Command(
            name = "revoke",
            mixinStandardHelpOptions = true,
            description = "Refuse every login token of PASS_ID issued until now, on every server (audited).")
    static final class Revoke extends MinaCommand {

        @Parameters(
                index = "0",
                paramLabel = "PASS_ID",
                description = "The customer: pass:user:<id>, pass:shopify:<id> or pass:anon:<uuid>.")
        @SuppressWarnings("NullAway.Init")
        String passId;

        @Option(names = "--json", description = "Print one JSON document on stdout, for a failure too.")
        boolean json;

        private final Supplier<RevokeTokens> revokeTokens;

        Revoke(Supplier<RevokeTokens> revokeTokens) {
            this.revokeTokens = revokeTokens;
        }

        @Override
        public Integer call() {
            PassId customer;
            try {
                customer = PassId.parse(passId);
            } catch (IllegalArgumentException e) {
                throw new InvalidInput(e.getMessage());
            }
            var notBefore = revokeTokens.get().revokeAll(customer, Actor.cli("auth revoke"));
            if (json) {
                out().json(Json.obj("pass_id", customer.value(), "tokens_not_before", notBefore));
            } else {
                out().line("revoked every login token of " + customer.value() + " issued until " + notBefore);
            }
            return ExitCode.OK;
        }
    }
}
