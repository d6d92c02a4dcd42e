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

    @Test
    void adjustTakesMatchaAwayWithAReasonOnceAndNeverBelowZero() throws Exception {
        CliRun.of(ENV, "credits", "grant", "pass:user:dora", "5");

        CliRun down = CliRun.of(
                ENV,
                "credits",
                "adjust",
                "pass:user:dora",
                "-3",
                "--reason",
                "double charge",
                "--request-id",
                "fix-1",
                "--json");
        CliRun again = CliRun.of(
                ENV,
                "credits",
                "adjust",
                "pass:user:dora",
                "-3",
                "--reason",
                "double charge",
                "--request-id",
                "fix-1",
                "--json");
        CliRun tooMuch = CliRun.of(ENV, "credits", "adjust", "pass:user:dora", "-3", "--reason", "again");
        CliRun noReason = CliRun.of(ENV, "credits", "adjust", "pass:user:dora", "-1");
        CliRun nobody = CliRun.of(ENV, "credits", "adjust", "pass:user:nobody-at-all", "1", "--reason", "x");

        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(json(down).get("applied").asBoolean()).isTrue();
        assertThat(json(down).get("credits").asLong()).isEqualTo(2);
        assertThat(json(down).get("credit_id").asText()).isEqualTo("credit_transaction:adjust:pass:user:dora:fix-1");
        assertThat(json(again).get("applied").asBoolean()).isFalse();
        assertThat(tooMuch.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(tooMuch.err()).contains("below zero");
        assertThat(noReason.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(nobody.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        JsonNode history = json(CliRun.of(ENV, "credits", "history", "pass:user:dora", "--json"));
        assertThat(history.get("transactions")).hasSize(2);
        assertThat(history.get("transactions").get(0).get("reason").asText()).isEqualTo("adjustment");
        assertThat(history.get("transactions").get(0).get("note").asText()).isEqualTo("double charge");
    }
}
