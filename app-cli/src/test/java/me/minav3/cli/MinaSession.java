package me.minav3.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import me.minav3.adapters.postgres.DatabaseUrl;
import me.minav3.adapters.postgres.TestDatabase;

/**
 * A user at a terminal: runs {@code mina} commands in-process against one fresh database with one environment, keeps
 * everything they printed, and can read the MEGA tables back with plain SQL.
 */
final class MinaSession {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DatabaseUrl database = TestDatabase.freshUrl();
    private final Path dataDir;
    private final Map<String, String> env = new HashMap<>();
    private final List<String> transcripts = new ArrayList<>();

    MinaSession(Path dataDir, Map<String, String> variables) {
        this.dataDir = dataDir;
        env.put("DATABASE_URL", database.setting());
        env.put("MINA_DATA_DIR", dataDir.toString());
        env.putAll(variables);
    }

    /** A copy of this session's environment, to change for one command. */
    Map<String, String> env() {
        return new HashMap<>(env);
    }

    CliRun mina(Map<String, String> environment, String... args) {
        CliRun run = CliRun.of(environment, args);
        synchronized (transcripts) {
            transcripts.add(run.out() + "\n" + run.err());
        }
        return run;
    }

    CliRun mina(String... args) {
        return mina(env, args);
    }

    /** Everything the commands printed, stdout and stderr. */
    String transcript() {
        synchronized (transcripts) {
            return String.join("\n", transcripts);
        }
    }

    /** {@code mina config publish KEY FILE}, as an operator would. */
    void publish(String key, String value) throws Exception {
        Path file = Files.createTempFile(dataDir, "config", ".json");
        Files.writeString(file, value);
        CliRun run = mina("config", "publish", key, file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    void grantOne(String passId) {
        assertThat(mina("credits", "grant", passId, "1").exitCode()).isZero();
    }

    /** Grants one matcha, runs {@code generate --json} and returns its document. */
    JsonNode generate(String passId, int expectedExit, String... options) throws Exception {
        grantOne(passId);
        return generate(env, passId, expectedExit, options);
    }

    /** {@code generate --json} with a given environment; expects the exit code, returns the document. */
    JsonNode generate(Map<String, String> environment, String passId, int expectedExit, String... options)
            throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "generate", "--pass-id", passId, "--brief", "amber bottle on travertine, morning light", "--json"));
        args.addAll(List.of(options));
        CliRun run = mina(environment, args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(expectedExit);
        return JSON.readTree(run.out());
    }

    JsonNode audit(JsonNode generation) throws Exception {
        return CliRun.json(mina("audit", generation.get("generation_id").asText(), "--json"));
    }

    /** The step of a type in an audit document. */
    static JsonNode step(JsonNode audit, String type) {
        for (JsonNode step : audit.get("steps")) {
            if (step.get("step_type").asText().equals(type)) {
                return step;
            }
        }
        throw new AssertionError("no " + type + " step in " + audit.get("steps"));
    }

    /** The pass's credit movements as {@code reason:delta}, e.g. {@code refund:+1}. */
    List<String> credits(String passId) throws Exception {
        CliRun run = mina("credits", "history", passId, "--json");
        List<String> rows = new ArrayList<>();
        JSON.readTree(run.out())
                .get("transactions")
                .forEach(t -> rows.add(
                        t.get("reason").asText() + ":" + (t.get("delta").asLong() > 0 ? "+" : "")
                                + t.get("delta").asLong()));
        return rows;
    }

    long balance(String passId) throws Exception {
        return JSON.readTree(mina("credits", "balance", passId, "--json").out())
                .get("credits")
                .asLong();
    }

    /** The first column of every row a query returns, as text. */
    List<String> sql(String query, String... parameters) throws SQLException {
        try (Connection c = database.connect();
                var statement = c.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }
}
