package me.minav3.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import me.minav3.bootstrap.CompositionRoot;
import me.minav3.bootstrap.MinaSettings;
import me.minav3.mma.error.MinaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code mina} command: the studio's back office and batch tool on the command line. */
@Command(name = "mina",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "MINAV3 studio backend: matcha credits, MMA generations, config and the HTTP server.",
        footer = {"", "Exit codes: 0 ok, 1 check failed, 2 usage, 3 not enough matcha, 4 not found,",
                "5 generation failed (refunded), 6 invalid input, 7 unavailable (database, storage, provider, config)."},
        subcommands = {
                ServeCommand.class,
                GenerateCommand.class,
                TweakCommand.class,
                AnimateCommand.class,
                SuggestMotionCommand.class,
                FeedbackCommand.class,
                BatchCommand.class,
                AuditCommand.class,
                CostsCommand.class,
                CreditsCommand.class,
                ShopifyCommand.class,
                ReconcileCommand.class,
                ConfigCommand.class,
                AuthCommand.class,
                AccountsCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Mina implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(Mina.class);

    @Option(names = "--data-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Data directory (embedded database, local assets). Default: $MINA_DATA_DIR or ./.mina")
    Path dataDir;

    private final Map<String, String> env;
    private final Output output;
    private CompositionRoot product;

    Mina(Map<String, String> env, Output output) {
        this.env = env;
        this.output = output;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, System.getenv(), new Output(out, err, System.console() != null)));
    }

    /** Runs one command line; returns its exit code. */
    public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        return run(args, env, new Output(out, err));
    }

    private static int run(String[] args, Map<String, String> env, Output output) {
        PrintWriter out = output.out();
        PrintWriter err = output.err();
        Mina root = new Mina(env, output);
        CommandLine cli = new CommandLine(root, new CommandFactory(root));
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, arguments) -> {
            err.println("mina: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> failure(e, err));
        try {
            return cli.execute(args);
        } finally {
            root.close();
        }
    }

    private static int failure(Exception e, PrintWriter err) {
        if (e instanceof MinaException failure) {
            err.println("mina: " + failure.getMessage());
            err.flush();
            return ExitCode.of(failure);
        }
        log.error("unexpected failure", e);
        err.println("mina: unexpected failure: " + e);
        err.flush();
        return ExitCode.UNAVAILABLE;
    }

    @Override
    public Integer call() {
        new CommandLine(this, new CommandFactory(this)).usage(output.err());
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
