package me.minav3.cli;

import static me.minav3.cli.CliRun.json;
import static me.minav3.cli.CliRun.localAsset;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import me.minav3.adapters.postgres.MegaDatabase;
import me.minav3.mma.common.PassId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mina accounts export|delete|disable|enable}: each a use case, audited; bad input writes nothing. */
class AccountsCliTest {

    @TempDir
    static Path dataDir;

    private static Map<String, String> env;

    @BeforeAll
    static void environment() {
        env = CliRun.freshEnvironment(dataDir);
    }

    @Test
    void exportWritesTheRowsAndMediaThenDeleteErasesThemAndDisableEnableAreAudited(@TempDir Path cliData)
            throws Exception {
        CliRun.of(env, "credits", "grant", "pass:user:cli-owner", "5", "--reason", "owner cli-owner@example.com");
        JsonNode made = json(CliRun.of(
                env,
                "generate",
                "--pass-id",
                "pass:user:cli-owner",
                "--brief",
                "cli-owner's private orchard",
                "--json"));
        Path output = localAsset(dataDir, made.get("output_url").asText());
        assertThat(output).exists();
        Path zip = dataDir.resolve("export.zip");

        CliRun exported = CliRun.of(env, "accounts", "export", "pass:user:cli-owner", zip.toString(), "--json");

        assertThat(exported.exitCode()).as(exported.err()).isZero();
        Map<String, byte[]> files = unzip(zip);
        JsonNode doc = new ObjectMapper().readTree(files.get("account.json"));
        assertThat(doc.get("generations").toString()).contains("cli-owner's private orchard");
        assertThat(doc.get("credit_transactions").size()).isEqualTo(2);
        String key = output.getFileName().toString();
        byte[] stored = Files.readAllBytes(output);
        assertThat(files).anySatisfy((name, bytes) -> {
            assertThat(name).startsWith("media/mma/still/").endsWith(key);
            assertThat(bytes).isEqualTo(stored);
        });

        assertThat(json(CliRun.of(env, "accounts", "disable", "pass:user:cli-owner", "--json"))
                        .get("disabled")
                        .asBoolean())
                .isTrue();
        assertThat(CliRun.of(env, "generate", "--pass-id", "pass:user:cli-owner", "--brief", "more")
                        .exitCode())
                .as("a disabled account spends nothing")
                .isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(CliRun.of(env, "accounts", "enable", "pass:user:cli-owner").exitCode())
                .isZero();

        CliRun deleted = CliRun.of(env, "accounts", "delete", "pass:user:cli-owner", "--json");

        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(json(deleted).get("media_deleted").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(output).doesNotExist();
        try (MegaDatabase db =
                MegaDatabase.open(new MegaDatabase.Settings(env.get("DATABASE_URL"), cliData, 2, "test"))) {
            PassId owner = PassId.parse("pass:user:cli-owner");
            var customer = db.customers().find(owner).orElseThrow();
            assertThat(customer.deleted()).isTrue();
            assertThat(customer.disabled()).isTrue();
            assertThat(db.accounts().rows(owner).orElseThrow().toString()).doesNotContain("orchard", "@example.com");
            assertThat(db.credits().drifts()).isEmpty();
            assertThat(db.audit().recent(50))
                    .extracting(e -> e.action() + " " + e.actor().startsWith("cli:"))
                    .contains("account.disable true", "account.enable true", "account.delete true");
        }
    }

    @Test
    void anUnknownCustomerIsNotFoundABadPassIdIsInvalidAndNoFileIsWritten() {
        Path zip = dataDir.resolve("nobody.zip");
        assertThat(CliRun.of(env, "accounts", "export", "pass:user:nobody-at-all", zip.toString())
                        .exitCode())
                .isEqualTo(ExitCode.NOT_FOUND);
        assertThat(zip).doesNotExist();
        assertThat(CliRun.of(env, "accounts", "delete", "pass:user:nobody-at-all")
                        .exitCode())
                .isEqualTo(ExitCode.NOT_FOUND);
        assertThat(CliRun.of(env, "accounts", "disable", "pass:nobody").exitCode())
                .isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(CliRun.of(env, "accounts", "enable", "pass:user:nobody-at-all")
                        .exitCode())
                .isEqualTo(ExitCode.NOT_FOUND);
    }

    private static Map<String, byte[]> unzip(Path zip) throws Exception {
        Map<String, byte[]> files = new HashMap<>();
        try (InputStream raw = Files.newInputStream(zip);
                ZipInputStream in = new ZipInputStream(raw)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }
}
