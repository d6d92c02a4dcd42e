package me.minav3.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import me.minav3.adapters.postgres.TestDatabase;

/** Runs the mina command in-process, capturing stdout, stderr and the exit code. */
record CliRun(int exitCode, String out, String err) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static CliRun of(Map<String, String> env, String... args) {
        return with(new byte[0], Output.PROGRESS_EVERY, env, args);
    }

    /** A run whose standard input holds {@code stdin} (what {@code -} reads). */
    static CliRun withInput(byte[] stdin, Map<String, String> env, String... args) {
        return with(stdin, Output.PROGRESS_EVERY, env, args);
    }

    /** A run that reports progress (without a terminal) this often. */
    static CliRun withProgressEvery(Duration every, Map<String, String> env, String... args) {
        return with(new byte[0], every, env, args);
    }

    private static CliRun with(byte[] stdin, Duration progressEvery, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Output output = new Output(new PrintWriter(out, true), new PrintWriter(err, true), false, progressEvery);
        int code = Mina.run(args, new HashMap<>(env), output, new ByteArrayInputStream(stdin));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The settings of a run on a database of its own, with its local assets under {@code dataDir}. */
    static Map<String, String> freshEnvironment(Path dataDir) {
        return Map.of("DATABASE_URL", TestDatabase.freshDatabaseUrlSetting(), "MINA_DATA_DIR", dataDir.toString());
    }

    /** The JSON document a run printed (its {@code --json} output), after checking that it succeeded. */
    static JsonNode json(CliRun run) throws JsonProcessingException {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    /** The file the local asset store keeps under {@code dataDir} for one of its public URLs. */
    static Path localAsset(Path dataDir, String url) {
        return dataDir.resolve("assets").resolve(url.substring(url.indexOf("/assets/") + "/assets/".length()));
    }
}
