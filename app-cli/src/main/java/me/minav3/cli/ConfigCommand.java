package me.minav3.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.Map;
import java.util.function.Supplier;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Json;
import me.minav3.mma.config.ConfigVersion;
import me.minav3.mma.config.ConfigVersions;
import me.minav3.mma.config.PublishConfig;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.error.NotFound;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mina config list|show|publish}: the versioned app config in MEGA_ADMIN. */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "List, show and publish the versioned app config (rows in MEGA_ADMIN).",
        subcommands = {ConfigCommand.ListKeys.class, ConfigCommand.Show.class, ConfigCommand.Publish.class})
final class ConfigCommand extends MinaCommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(out().err());
        return ExitCode.USAGE;
    }

    static Map<String, Object> json(ConfigVersion v) {
        return Json.obj(
                "key",
                v.key(),
                "version",
                v.version(),
                "id",
                v.id(),
                "actor",
                v.actor(),
                "created_at",
                v.createdAt(),
                "value",
                v.value());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every key with its newest version.")
    static final class ListKeys extends MinaCommand {

        @Option(names = "--json", description = "Print one JSON document on stdout, for a failure too.")
        boolean json;

        private final Supplier<ConfigVersions> config;

        ListKeys(Supplier<ConfigVersions> config) {
            this.config = config;
        }

        @Override
        public Integer call() {
            var versions = config.get().latestOfEach();
            if (json) {
                out().json(Json.obj(
                        "keys",
                        versions.stream()
                                .map(v -> Json.obj(
                                        "key",
                                        v.key(),
                                        "version",
                                        v.version(),
                                        "created_at",
                                        v.createdAt(),
                                        "actor",
                                        v.actor()))
                                .toList()));
            } else {
                versions.forEach(v ->
                        out().line("%-40s v%-3d %s  %s".formatted(v.key(), v.version(), v.createdAt(), v.actor())));
            }
            return ExitCode.OK;
        }
    }

    /** Its {@code --version N} picks a version of the key, so it has only {@code --help} of picocli's standard options. */
    @Command(name = "show", description = "Show the newest (or a given) version of a key.")
    static final class Show extends MinaCommand {

        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "Show this help message and exit.")
        boolean help;

        @Parameters(index = "0", paramLabel = "KEY", description = "The config key, e.g. mma.costs (see config list).")
        @SuppressWarnings("NullAway.Init")
        String key;

        @Option(
                names = "--version",
                paramLabel = "N",
                description = "Show this version of the key instead of the newest.")
        @Nullable
        Integer version;

        @Option(names = "--json", description = "Print one JSON document on stdout, for a failure too.")
        boolean json;

        private final Supplier<ConfigVersions> config;

        Show(Supplier<ConfigVersions> config) {
            this.config = config;
        }

        @Override
        @SuppressWarnings(
                "NullAway") // nulls the called code does not yet declare @Nullable: listed in the issue 25 report
        public Integer call() {
            ConfigVersion found = config.get()
                    .find(key, version)
                    .orElseThrow(
                            () -> new NotFound("no config " + key + (version == null ? "" : " version " + version)));
            if (json) {
                out().json(ConfigCommand.json(found));
            } else {
                out().line(found.id() + " (by " + found.actor() + " at " + found.createdAt() + ")");
                try {
                    out().line(Output.mapper().writeValueAsString(found.value()));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(
            name = "publish",
            mixinStandardHelpOptions = true,
            description =
                    "Publish FILE (a JSON object; - for stdin) as the next version of KEY; versions are never edited.")
    static final class Publish extends MinaCommand {

        @Parameters(
                index = "0",
                paramLabel = "KEY",
                description = "The config key to publish a version of, e.g. mma.costs.")
        @SuppressWarnings("NullAway.Init")
        String key;

        @Parameters(
                index = "1",
                paramLabel = "FILE",
                description = "A file holding the new value, a JSON object; - reads stdin.")
        @SuppressWarnings("NullAway.Init")
        String file;

        @Option(names = "--json", description = "Print one JSON document on stdout, for a failure too.")
        boolean json;

        private final Supplier<PublishConfig> publishConfig;

        Publish(Supplier<PublishConfig> publishConfig) {
            this.publishConfig = publishConfig;
        }

        @Override
        public Integer call() {
            Map<String, Object> value;
            try {
                value = Output.mapper().readValue(Inputs.text(file, "FILE", stdin()), new TypeReference<>() {});
            } catch (JsonProcessingException e) {
                throw new InvalidInput(
                        ("-".equals(file) ? "stdin" : file) + " is not a JSON object: " + e.getOriginalMessage());
            }
            ConfigVersion published = publishConfig.get().publish(key, value, Actor.cli(commandName()));
            if (json) {
                out().json(ConfigCommand.json(published));
            } else {
                out().line("published " + published.id());
            }
            return ExitCode.OK;
        }
    }
}
