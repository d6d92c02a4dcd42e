package me.minav3.cli;

import static me.minav3.cli.CliRun.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import me.minav3.adapters.postgres.MegaDatabase;
import me.minav3.adapters.postgres.TestDatabase;
import me.minav3.mma.common.PassId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mina auth revoke}: every login token of a customer refused from now on, audited; bad input changes nothing. */
class AuthCliTest {

    private static final String DATABASE = TestDatabase.freshDatabaseUrlSetting();
    private static final Map<String, String> ENV = Map.of("DATABASE_URL", DATABASE);

    @Test
    void revokeSetsTheCustomersNotBeforeAndIsAudited(@TempDir Path cliData) throws Exception {
        assertThat(CliRun.of(ENV, "credits", "grant", "pass:user:erin", "1").exitCode())
                .isZero();
        Instant before = Instant.now().minusSeconds(1);

        CliRun run = CliRun.of(ENV, "auth", "revoke", "pass:user:erin", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(json(run).get("pass_id").asText()).isEqualTo("pass:user:erin");
        try (MegaDatabase db = MegaDatabase.open(new MegaDatabase.Settings(DATABASE, cliData, 2, "test"))) {
            var state = db.tokenRevocations()
                    .state(PassId.parse("pass:user:erin"), "jti:any")
                    .orElseThrow();
            assertThat(state.notBefore()).isAfter(before);
            assertThat(db.audit().recent(50)).anySatisfy(entry -> {
                assertThat(entry.action()).isEqualTo("auth.revoke_all");
                assertThat(entry.actor()).startsWith("cli:");
                assertThat(entry.detail()).containsEntry("pass_id", "pass:user:erin");
            });
        }
    }

    @Test
    void anUnknownCustomerIsNotFoundAndABadPassIdIsInvalid() {
        CliRun unknown = CliRun.of(ENV, "auth", "revoke", "pass:user:nobody-at-all");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(unknown.out()).isEmpty();
        CliRun bad = CliRun.of(ENV, "auth", "revoke", "pass:nobody");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(bad.err().lines().filter(l -> l.startsWith("mina: "))).hasSize(1);
    }
}
