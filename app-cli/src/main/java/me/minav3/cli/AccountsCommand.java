package me.minav3.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Supplier;
import me.minav3.mma.accounts.DeleteAccount;
import me.minav3.mma.accounts.DisableAccount;
import me.minav3.mma.accounts.ExportAccount;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.InvalidInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mina accounts export|delete|disable|enable}: the account lifecycle of issue 17 (decision 022), each a core
 * use case, audited with the CLI user as the actor.
 */
@Command(
        name = "accounts",
        mixinStandardHelpOptions = true,
        description = "Export, delete, disable or enable an account.",
        subcommands = {
            AccountsCommand.Export.class,
            AccountsCommand.Delete.class,
            AccountsCommand.Disable.class,
            AccountsCommand.Enable.class
        })
final class AccountsCommand extends MinaCommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(out().err());
        return ExitCode.USAGE;
    }

    static PassId passId(String text) {
        try {
            return PassId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
    }

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = "Write everything stored about PASS_ID to FILE as a zip (account.json and media/).")
    static final class Export extends MinaCommand {

        @Parameters(
                index = "0",
                paramLabel = "PASS_ID",
                description = "The customer: pass:user:<id>, pass:shopify:<id> or pass:anon:<uuid>.")
        @SuppressWarnings("NullAway.Init")
        String passId;

        @Parameters(index = "1", paramLabel = "FILE", description = "The zip to write (replaced if it exists).")
        @SuppressWarnings("NullAway.Init")
        Path file;

        @Option(names = "--json", description = "Print one JSON document on stdout, for a failure too.")
        boolean json;

        private final Supplier<ExportAccount> export;

        Export(Supplier<ExportAccount> export) {
            this.export = export;
        }

        @Override
        public Integer call() throws IOException {
            PassId customer = passId(passId);
            ExportAccount exporter = export.get();
            var document = exporter.document(customer); // a missing customer fails before the file is touched
            Path target = file.toAbsolutePath();
            Path temp = Files.createTempFile(target.getParent(), ".mina-export-", ".part");
            int media;
            try {
                try (OutputStream out = Files.newOutputStream(temp)) {
                    media = exporter.writeZip(customer, document, out);
                }
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
            if (json) {
                out().json(Json.obj("pass_id", customer.value(), "file", target.toString(), "media_files", media));
            } else {
                out().line("exported " + customer.value() + " to " + target + " (" + media + " media files)");
            }
            return ExitCode.OK;
        }
    }

    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = "Delete PASS_ID: erase its personal data"
                    + " and media, hide its generations, disable it; its matcha ledger stays (decision 022).")
    static final class Delete extends MinaCommand {

        @Parameters(
                index = "0",
                paramLabel = "PASS_ID",
                description = "The customer: pass:user:<id>, pass:shopify:<id> or pass:anon:<uuid>.")
        @SuppressWarnings("NullAway.Init")
        String passId;

        @Option(names = "--json", description = "Print one JSON document on stdout, for a failure too.")
        boolean json;

        private final Supplier<DeleteAccount> delete;

        Delete(Supplier<DeleteAccount> delete) {
            this.delete = delete;
        }

        @Override
        public Integer call() {
            var deleted = delete.get().delete(passId(passId), Actor.cli("accounts delete"));
            if (json) {
                out().json(Json.obj(
                        "pass_id",
                        deleted.passId().value(),
                        "deleted",
                        true,
                        "deleted_at",
                        deleted.deletedAt(),
                        "refunded_generations",
                        deleted.refunded(),
                        "media_deleted",
                        deleted.mediaDeleted()));
            } else {
                out().line("deleted " + deleted.passId().value() + ": " + deleted.mediaDeleted()
                        + " media files removed, " + deleted.refunded() + " unfinished generations refunded");
            }
            return ExitCode.OK;
        }
    }

    @Command(
            name = "disable",
            mixinStandardHelpOptions = true,
            description = "Disable PASS_ID: its tokens get 403 and its unfinished generations are refunded.")
    static final class Disable extends MinaCommand {

        @Parameters(
                index = "0",
                paramLabel = "PASS_ID",
                description = "The customer: pass:user:<id>, pass:shopify:<id> or pass:anon:<uuid>.")
        @SuppressWarnings("NullAway.Init")
        String passId;

        @Option(names = "--json", description = "Print one JSON document on stdout, for a failure too.")
        boolean json;

        private final Supplier<DisableAccount> disable;

        Disable(Supplier<DisableAccount> disable) {
            this.disable = disable;
        }

        @Override
        public Integer call() {
            var disabled = disable.get().disable(passId(passId), Actor.cli("accounts disable"));
            if (json) {
                out().json(Json.obj(
                        "pass_id",
                        disabled.passId().value(),
                        "disabled",
                        true,
                        "refunded_generations",
                        disabled.refunded()));
            } else {
                out().line("disabled " + disabled.passId().value() + " (" + disabled.refunded()
                        + " unfinished generations refunded)");
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a disabled PASS_ID again.")
    static final class Enable extends MinaCommand {

        @Parameters(
                index = "0",
                paramLabel = "PASS_ID",
                description = "The customer: pass:user:<id>, pass:shopify:<id> or pass:anon:<uuid>.")
        @SuppressWarnings("NullAway.Init")
        String passId;

        @Option(names = "--json", description = "Print one JSON document on stdout, for a failure too.")
        boolean json;

        private final Supplier<DisableAccount> disable;

        Enable(Supplier<DisableAccount> disable) {
            this.disable = disable;
        }

        @Override
        public Integer call() {
            PassId customer = passId(passId);
            disable.get().enable(customer, Actor.cli("accounts enable"));
            if (json) {
                out().json(Json.obj("pass_id", customer.value(), "disabled", false));
            } else {
                out().line("enabled " + customer.value());
            }
            return ExitCode.OK;
        }
    }
}
