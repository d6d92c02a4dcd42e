package me.minav3.cli;

import java.time.Duration;
import java.util.function.Supplier;
import me.minav3.http.LocalTokens;
import me.minav3.mma.common.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mina auth token}: a login token for scripts and development, signed with the local secret. */
@Command(name = "auth", mixinStandardHelpOptions = true, description = "Local login tokens.",
        subcommands = AuthCommand.Token.class)
final class AuthCommand extends MinaCommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(out().err());
        return ExitCode.USAGE;
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Print a bearer token for EMAIL (the same user as an email-code login).")
    static final class Token extends MinaCommand {

        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;

        @Option(names = "--admin", description = "Grant the admin role")
        boolean admin;

        @Option(names = "--days", defaultValue = "30", description = "Valid for this many days (default ${DEFAULT-VALUE})")
        int days;

        @Option(names = "--json", description = "Print one JSON document")
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
                out().json(Json.obj("access_token", token, "token_type", "bearer", "expires_in", Duration.ofDays(days).toSeconds()));
            } else {
                out().line(token);
            }
            return ExitCode.OK;
        }
    }
}
