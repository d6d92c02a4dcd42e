package me.minav3.cli;

import static me.minav3.cli.CliRun.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import me.minav3.adapters.postgres.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credit and config commands against a real database, as a person or a script uses them. */
class CreditsCliTest {

    private static final Map<String, String> ENV = Map.of("DATABASE_URL", TestDatabase.freshDatabaseUrlSetting());

    @Test
    void grantThenBalanceAsJson() throws Exception {
        CliRun grant = CliRun.of(ENV, "credits", "grant", "pass:user:alice", "5", "--reason", "welcome");
        assertThat(grant.exitCode()).isZero();
        assertThat(grant.out()).contains("granted 5 matcha").contains("pass:user:alice: 5 matcha");

        CliRun balance = CliRun.of(ENV, "credits", "balance", "pass:user:alice", "--json");
        assertThat(balance.exitCode()).isZero();
        JsonNode json = json(balance);
        assertThat(json.get("pass_id").asText()).isEqualTo("pass:user:alice");
        assertThat(json.get("credits").asLong()).isEqualTo(5);
        assertThat(json.get("expires_at").asText()).isNotBlank();
        assertThat(json.get("expired").asBoolean()).isFalse();
    }

    @Test
    void aRequestIdMakesAGrantIdempotent() throws Exception {
        CliRun first = CliRun.of(ENV, "credits", "grant", "pass:user:bob", "3", "--request-id", "promo-42", "--json");
        CliRun second = CliRun.of(ENV, "credits", "grant", "pass:user:bob", "3", "--request-id", "promo-42", "--json");

        assertThat(json(first).get("applied").asBoolean()).isTrue();
        assertThat(json(second).get("already_applied").asBoolean()).isTrue();
        assertThat(json(second).get("credits").asLong()).isEqualTo(3);
        assertThat(json(CliRun.of(ENV, "credits", "history", "pass:user:bob", "--json"))
                        .get("transactions"))
                .hasSize(1);
    }

    @Test
    void badInputIsOneClearLineAndExitSixAndWritesNothing() {
        for (String[] args : new String[][] {
            {"credits", "grant", "pass:bob", "5"},
            {"credits", "grant", "pass:user:carol", "-3"},
            {"credits", "grant", "pass:user:carol", "2.5"},
            {"credits", "grant", "pass:user:carol", "0"},
            {"credits", "grant", "pass:shopify:0", "5"},
            {"config", "publish", "mma.costs", "/no/such/file.json"}
        }) {
            CliRun run = CliRun.of(ENV, args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(run.err().lines().filter(l -> l.startsWith("mina: "))).hasSize(1);
            assertThat(run.out()).isEmpty();
        }
        assertThat(CliRun.of(ENV, "credits", "balance", "pass:user:carol").exitCode())
                .isEqualTo(ExitCode.NOT_FOUND);
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(CliRun.of(ENV, "credits", "grant").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of(ENV, "no-such-command").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of(ENV, "credits", "balance", "--help").out()).contains("Usage: mina credits balance");
    }

    @Test
    void reconcileIsCleanAndExitsZero() {
        CliRun.of(ENV, "credits", "grant", "pass:user:dora", "2");
        CliRun run = CliRun.of(ENV, "reconcile");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("clean");
    }

    @Test
    void configPublishWritesTheNextVersionAndShowReadsIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("costs.json");
        Files.writeString(file, "{\"still\": 2, \"tweak\": 1, \"video_per_second\": 2}");

        CliRun publish = CliRun.of(ENV, "config", "publish", "mma.costs", file.toString(), "--json");
        assertThat(publish.exitCode()).isZero();
        assertThat(json(publish).get("version").asInt()).isGreaterThanOrEqualTo(2);

        JsonNode shown = json(CliRun.of(ENV, "config", "show", "mma.costs", "--json"));
        assertThat(shown.get("value").get("still").asInt()).isEqualTo(2);

        Files.writeString(file, "{\"still\": -1, \"tweak\": 1, \"video_per_second\": 2}");
        CliRun refused = CliRun.of(ENV, "config", "publish", "mma.costs", file.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(refused.err()).contains("still");
    }
}
