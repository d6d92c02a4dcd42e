package me.minav3.cli;

import java.util.concurrent.Callable;
import me.minav3.bootstrap.CompositionRoot;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the root command's wiring and output. */
abstract class MinaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    Mina root() {
        return (Mina) spec.root().userObject();
    }

    CompositionRoot wiring() {
        return root().wiring();
    }

    Output out() {
        return root().output();
    }

    /** The command as typed, for the audit log: {@code credits grant}. */
    String commandName() {
        return spec.qualifiedName().replaceFirst("^mina ", "");
    }
}
