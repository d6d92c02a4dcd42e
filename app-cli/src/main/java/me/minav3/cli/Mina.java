package me.minav3.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import me.minav3.bootstrap.CompositionRoot;
import me.minav3.bootstrap.MinaSettings;
import me.minav3.mma.error.MinaException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/** The {@code mina} command: the studio's back office and batch tool on the command line. */
@Command(
        name = "mina",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "MINAV3 studio backend: matcha credits, MMA generations, config and the HTTP server.",
        footer = {
            "",
            "Exit codes: 0 ok, 1 check failed, 2 usage, 3 not enough matcha, 4 not found, "
                    + "5 generation failed (refunded), 6 invalid input, 7 unavailable (database, storage, provider, config)."
        })
public final class Mina implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(Mina.class);

    /**
     * The subcommands, in the order {@code mina --help} lists them. They are not in the {@code @Command} annotation:
     * picocli builds the model of every command it is given (reflection over each option), which was a seventh of a
     * warm call's time, so a call builds only the command it runs ({@link #commandLine(Mina, String[])}; decision
     * 050).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            ServeCommand.class,
            GenerateCommand.class,
            TweakCommand.class,
            EditCommand.class,
            AnimateCommand.class,
            SuggestMotionCommand.class,
            FeedbackCommand.class,
            BatchCommand.class,
            AuditCommand.class,
            ReplayCommand.class,
            CostsCommand.class,
            CreditsCommand.class,
            ShopifyCommand.class,
            ReconcileCommand.class,
            ConfigCommand.class,
            AuthCommand.class,
            AccountsCommand.class,
            DbCommand.class,
            CommandLine.HelpCommand.class);

    @Option(
            names = "--data-dir",
            scope = ScopeType.INHERIT,
            paramLabel = "DIR",
            description = "The data directory (embedded database, local assets); default: $MINA_DATA_DIR or ./.mina.")
    @Nullable
    Path dataDir;

    private final Map<String, String> env;
    private final Output output;
    private final Stdin stdin;
    private @Nullable CompositionRoot product;

    Mina(Map<String, String> env, Output output, Stdin stdin) {
        this.env = env;
        this.output = output;
        this.stdin = stdin;
    }

    Mina(Map<String, String> env, Output output) {
        this(env, output, new Stdin(InputStream.nullInputStream()));
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, System.getenv(), new Output(out, err, terminal(System.console()))));
    }

    /**
     * Whether a person's terminal is attached. From JDK 22 {@code System.console()} may return a console for
     * redirected streams too; its {@code isTerminal()} (JDK 22+, so looked up here: the code is Java 21) then says.
     */
    static boolean terminal(java.io.@Nullable Console console) {
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only for a terminal
        }
    }

    /** Runs one command line; returns its exit code. */
    public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        return run(args, env, new Output(out, err));
    }

    private static int run(String[] args, Map<String, String> env, Output output) {
        return run(args, env, output, System.in);
    }

    /** Runs one command line reading {@code stdin} where a file argument is {@code -}; returns its exit code. */
    static int run(String[] args, Map<String, String> env, Output output, InputStream stdin) {
        PrintWriter out = output.out();
        PrintWriter err = output.err();
        Mina root = new Mina(env, output, new Stdin(stdin));
        CommandLine cli = commandLine(root, args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, arguments) -> {
            output.failure(
                    ExitCode.USAGE, e.getMessage(), Arrays.asList(arguments).contains("--json"));
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> failure(e, output, json(parseResult)));
        try {
            return cli.execute(args);
        } finally {
            root.close();
        }
    }

    /** The whole command tree: {@code mina}, every subcommand and theirs ({@code --help}, usage, tests). */
    static CommandLine commandLine(Mina root) {
        return commandLine(root, new String[0]);
    }

    /**
     * The command tree {@code args} needs: {@code mina} with only the subcommand they name when they name one
     * (after {@code mina}'s own options), else with all of them (help, usage errors, "did you mean").
     */
    static CommandLine commandLine(Mina root, String[] args) {
        CommandLine cli = new CommandLine(root, new CommandFactory(root));
        @Nullable Class<?> named = named(args);
        for (Class<?> subcommand : SUBCOMMANDS) {
            if (named == null || named == subcommand) {
                cli.addSubcommand(subcommand);
            }
        }
        return cli;
    }

    /** The subcommand the first argument that is not one of {@code mina}'s own options names, if any. */
    private static @Nullable Class<?> named(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--data-dir")) {
                i++; // its value
                continue;
            }
            if (arg.startsWith("--data-dir=")) {
                continue;
            }
            if (arg.startsWith("-")) {
                return null; // --help, --version, a typo: the whole tree answers
            }
            for (Class<?> subcommand : SUBCOMMANDS) {
                Command command = subcommand.getAnnotation(Command.class);
                if (subcommand != CommandLine.HelpCommand.class
                        && command != null
                        && (command.name().equals(arg)
                                || Arrays.asList(command.aliases()).contains(arg))) {
                    return subcommand;
                }
            }
            return null;
        }
        return null;
    }

    /** Whether the command that ran was given {@code --json}: then even its failure is one JSON document. */
    private static boolean json(ParseResult parsed) {
        for (ParseResult command = parsed; command != null; command = command.subcommand()) {
            if (command.hasMatchedOption("--json")) {
                return true;
            }
        }
        return false;
    }

    private static int failure(Exception e, Output output, boolean json) {
        if (e instanceof MinaException failure) {
            return output.failure(ExitCode.of(failure), failure.getMessage(), json);
        }
        log.error("unexpected failure", e);
        return output.failure(ExitCode.UNAVAILABLE, "unexpected failure: " + e, json);
    }

    @Override
    public Integer call() {
        commandLine(this).usage(output.err());
        return ExitCode.USAGE;
    }

    /**
     * The assembled product, started on first use, after the options are parsed (commands like --help never start a
     * database); {@code adjust} changes the settings first (e.g. {@code serve --port}) and only counts before first use.
     * Commands never see it: {@link CommandFactory} hands each one lazy handles to the use cases it needs.
     */
    CompositionRoot product(UnaryOperator<MinaSettings> adjust) {
        if (product == null) {
            product = CompositionRoot.start(adjust.apply(MinaSettings.from(env, dataDir)));
        }
        return product;
    }

    Output output() {
        return output;
    }

    Stdin stdin() {
        return stdin;
    }

    Map<String, String> env() {
        return env;
    }

    void close() {
        if (product != null) {
            product.close();
            product = null;
        }
    }
}
