package me.minav3.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the root command (environment, lifecycle) and its output. */
abstract class MinaCommand implements Callable<Integer> {

    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    Mina root() {
        return (Mina) spec.root().userObject();
    }

    Output out() {
        return root().output();
    }

    /** What a file argument of {@code -} reads. */
    Stdin stdin() {
        return root().stdin();
    }

    /** The command as typed, for the audit log: {@code credits grant}. */
    String commandName() {
        return spec.qualifiedName().replaceFirst("^mina ", "");
    }
}
