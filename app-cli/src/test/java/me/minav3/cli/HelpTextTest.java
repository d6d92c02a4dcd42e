package me.minav3.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Walks every command and subcommand of {@code mina} (picocli's CommandSpec tree): each one's {@code --help} works,
 * its summary in {@code mina --help} is a whole sentence, and every option and parameter is described in sentences.
 */
class HelpTextTest {

    /** Every command below {@code mina}, as typed: {@code [credits, grant]}. */
    private static List<List<String>> commands() {
        StringWriter ignored = new StringWriter();
        Mina mina = new Mina(Map.of(), new Output(new PrintWriter(ignored), new PrintWriter(ignored)));
        List<List<String>> paths = new ArrayList<>();
        collect(Mina.commandLine(mina), new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals(sub.getCommandName())) {
                return; // an alias of a command already walked
            }
            List<String> deeper = new ArrayList<>(path);
            deeper.add(name);
            collect(sub, deeper, paths);
        });
    }

    private static CommandSpec spec(List<String> path) {
        StringWriter ignored = new StringWriter();
        Mina mina = new Mina(Map.of(), new Output(new PrintWriter(ignored), new PrintWriter(ignored)));
        CommandLine command = Mina.commandLine(mina);
        for (String name : path) {
            command = command.getSubcommands().get(name);
        }
        return command.getCommandSpec();
    }

    @Test
    void everyCommandAnswersHelpWithExitZeroAndItsUsage() {
        List<List<String>> commands = commands();
        assertThat(commands).as("the walk reaches the subcommands").hasSizeGreaterThan(20);
        for (List<String> path : commands) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CliRun run = CliRun.of(Map.of(), args.toArray(String[]::new));
            String typed = ("mina " + String.join(" ", path)).strip();
            assertThat(run.exitCode()).as(typed + " --help: " + run.err()).isZero();
            assertThat(run.out()).as(typed + " --help").contains("Usage: " + typed + " ");
            assertThat(run.err()).as(typed + " --help").isEmpty();
        }
    }

    @Test
    void everySummaryInTheCommandListIsAWholeSentence() {
        for (List<String> path : commands()) {
            CommandSpec spec = spec(path);
            // The command list shows the header's first line when there is one (picocli's help command), else the
            // description's.
            String[] header = spec.usageMessage().header();
            String[] lines = header.length > 0 ? header : spec.usageMessage().description();
            String typed = spec.qualifiedName();
            assertThat(lines).as(typed + " has a description").isNotEmpty();
            String summary = lines[0].strip();
            assertThat(sentence(summary))
                    .as(typed + " summary '" + summary + "' (the line `mina --help` shows)")
                    .isTrue();
            if (lines.length > 1 && !lines[1].isBlank()) {
                assertThat(Character.isLowerCase(lines[1].strip().charAt(0)))
                        .as(typed + " summary continues on its next line: '" + lines[1] + "'")
                        .isFalse();
            }
            for (String line : spec.usageMessage().description()) {
                // A line is a paragraph picocli wraps itself: hand-wrapped halves come out ragged. Indented lines are
                // examples.
                String paragraph = line.replace("%n", "");
                if (!paragraph.isBlank() && !paragraph.startsWith(" ")) {
                    assertThat(paragraph.strip())
                            .as(typed + ": a description line that ends mid-sentence")
                            .matches("(?s).*([.!?]\\)?|:)$");
                }
            }
        }
    }

    @Test
    void everyOptionAndParameterIsDescribedInSentences() {
        List<String> undescribed = new ArrayList<>();
        for (List<String> path : commands()) {
            CommandSpec spec = spec(path);
            List<ArgSpec> args = new ArrayList<>(spec.options());
            args.addAll(spec.positionalParameters());
            for (ArgSpec arg : args) {
                String text = String.join(" ", arg.description()).strip();
                if (!sentence(text)) {
                    undescribed.add(spec.qualifiedName() + " " + name(arg) + ": '" + text + "'");
                }
            }
        }
        assertThat(undescribed)
                .as("options and parameters without a description that is a sentence")
                .isEmpty();
    }

    @Test
    void theCommandListShowsFeedbackAndBatchWhole() {
        CliRun run = CliRun.of(Map.of(), "--help");
        assertThat(run.exitCode()).isZero();
        String list = run.out().substring(run.out().indexOf("Commands:"));
        for (String command : List.of("feedback", "batch")) {
            String entry = list.lines()
                    .dropWhile(l -> !l.strip().startsWith(command + " "))
                    .takeWhile(l -> l.strip().startsWith(command + " ") || l.startsWith("       "))
                    .map(String::strip)
                    .reduce("", (a, b) -> a + " " + b)
                    .strip();
            assertThat(entry)
                    .as("mina --help: " + command)
                    .matches("(?s).*[.!?]$")
                    .doesNotEndWith("e.g.")
                    .doesNotEndWith(" is");
        }
    }

    /** Starts like a sentence and ends one (not on an abbreviation such as "e.g."). */
    private static boolean sentence(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        boolean starts = Character.isUpperCase(first) || first == '"' || first == '\'';
        boolean ends = text.matches("(?s).*[.!?]\\)?$") && !text.endsWith("e.g.") && !text.endsWith("i.e.");
        return starts && ends;
    }

    private static String name(ArgSpec arg) {
        return arg instanceof CommandLine.Model.OptionSpec option ? option.longestName() : arg.paramLabel();
    }
}
