package me.minav3.cli;

import me.minav3.bootstrap.EmbeddedDatabase;
import me.minav3.bootstrap.MinaSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mina db stop}: the embedded PostgreSQL that {@code mina} keeps warm between calls (decision 039). */
@Command(
        name = "db",
        mixinStandardHelpOptions = true,
        description = {
            "The embedded PostgreSQL (without DATABASE_URL). It stays up for $MINA_DB_IDLE_SECONDS (default 600) "
                    + "after its last use, so the next call starts fast, then stops cleanly by itself."
        },
        subcommands = {DbCommand.Stop.class})
final class DbCommand extends MinaCommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(out().err());
        return ExitCode.USAGE;
    }

    @Command(
            name = "stop",
            mixinStandardHelpOptions = true,
            description = {
                "Stop the data directory's embedded PostgreSQL now, cleanly (nothing is lost).",
                "Exit 1 when another mina process (a serve, a batch) still uses it, unless --force."
            })
    static final class Stop extends MinaCommand {

        @Option(
                names = "--force",
                description = "Stop it even while other mina processes use it (they lose their connections).")
        boolean force;

        @Override
        public Integer call() {
            MinaSettings settings = MinaSettings.from(root().env(), root().dataDir);
            String where = settings.dataDir().toString();
            return switch (EmbeddedDatabase.stop(settings, force)) {
                case NOT_EMBEDDED -> {
                    out().line("DATABASE_URL is set: mina runs no embedded database");
                    yield ExitCode.OK;
                }
                case NOT_RUNNING -> {
                    out().line("the embedded database in " + where + " is not running");
                    yield ExitCode.OK;
                }
                case STOPPED -> {
                    out().line("stopped the embedded database in " + where);
                    yield ExitCode.OK;
                }
                case IN_USE ->
                    out().failure(
                                    ExitCode.CHECK_FAILED,
                                    "the embedded database in " + where
                                            + " is in use by another mina process (a serve?); stop that first, or use --force",
                                    false);
            };
        }
    }
}
