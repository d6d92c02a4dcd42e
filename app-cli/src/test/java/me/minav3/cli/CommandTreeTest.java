package me.minav3.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Decision 050: a call builds picocli's model of the command it runs, not of all of them (that was a seventh of a warm
 * call); help, usage errors and anything unknown still get the whole tree.
 */
class CommandTreeTest {

    private static Map<String, picocli.CommandLine> subcommands(String... args) {
        StringWriter ignored = new StringWriter();
        Mina mina = new Mina(Map.of(), new Output(new PrintWriter(ignored), new PrintWriter(ignored)));
        return Mina.commandLine(mina, args).getSubcommands();
    }

    @Test
    void aCallBuildsOnlyTheCommandItNames() {
        assertThat(subcommands("generate", "--pass-id", "pass:user:a", "--brief", "x"))
                .containsOnlyKeys("generate");
        assertThat(subcommands("--data-dir", "/tmp/x", "credits", "balance", "pass:user:a"))
                .containsOnlyKeys("credits");
        assertThat(subcommands("--data-dir=/tmp/x", "db", "stop")).containsOnlyKeys("db");
        assertThat(subcommands("credits", "balance", "pass:user:a")
                        .get("credits")
                        .getSubcommands())
                .containsKeys("grant", "balance", "history");
    }

    @Test
    void helpUsageAndUnknownNamesGetTheWholeTree() {
        int all = Mina.SUBCOMMANDS.size();
        assertThat(subcommands()).hasSize(all);
        assertThat(subcommands("--help")).hasSize(all);
        assertThat(subcommands("help", "generate")).hasSize(all);
        assertThat(subcommands("generat")).hasSize(all);
        assertThat(subcommands("--data-dir")).hasSize(all);
    }

    @Test
    void theDataDirOptionReachesANamedCommand() {
        CliRun run = CliRun.of(Map.of(), "generate", "--data-dir", "/nonexistent/p5", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: mina generate ").contains("--data-dir");
    }
}
