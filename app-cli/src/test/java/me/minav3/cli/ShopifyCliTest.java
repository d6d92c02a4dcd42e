package me.minav3.cli;

import static me.minav3.cli.CliRun.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mina shopify replay} on a real database, with no shop configured (tagging is only logged). */
class ShopifyCliTest {

    @TempDir
    static Path dir;

    private static Map<String, String> env;
    private static Path packs;
    private static Path noPack;

    @BeforeAll
    static void environment() throws Exception {
        env = CliRun.freshEnvironment(dir.resolve("data"));
        packs = copy("order-paid-packs.json");
        noPack = copy("order-paid-no-pack.json");
    }

    private static Path copy(String payload) throws Exception {
        try (InputStream in = ShopifyCliTest.class.getResourceAsStream("/shopify/" + payload)) {
            Path file = dir.resolve(payload);
            Files.write(file, in.readAllBytes());
            return file;
        }
    }

    @Test
    void replayCreditsAnOrderOnceAndSaysWhatItDid() throws Exception {
        CliRun first = CliRun.of(env, "shopify", "replay", packs.toString(), "--json");
        CliRun again = CliRun.of(env, "shopify", "replay", packs.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        JsonNode result = json(first);
        assertThat(result.get("status").asText()).isEqualTo("credited");
        assertThat(result.get("pass_id").asText()).isEqualTo("pass:shopify:7390123456789");
        assertThat(result.get("newly_credited").asLong()).isEqualTo(300);
        assertThat(result.get("lines")).hasSize(2);
        assertThat(result.get("ignored_lines").get(0).get("sku").asText()).isEqualTo("MINA-TOTE");
        assertThat(result.get("tagging").get("status").asText()).isEqualTo("tagged");
        assertThat(result.get("tagging").get("provider").asText()).isEqualTo("local");

        assertThat(again.exitCode()).isZero();
        assertThat(again.out())
                .contains("order 5812345678901: already credited, nothing added to pass:shopify:7390123456789")
                .contains("line 14567890123001  MINA-50 × 4 = 200 matcha  already credited")
                .contains("MINA-TOTE × 2  not a matcha pack")
                .contains("balance: 300 matcha")
                .contains("tag Mina-users: logged only (no shop configured");
        JsonNode history = json(CliRun.of(env, "credits", "history", "pass:shopify:7390123456789", "--json"));
        assertThat(history.get("transactions")).hasSize(2);
    }

    @Test
    void anOrderWithoutPacksIsReportedAndCreditsNothing() {
        CliRun run = CliRun.of(env, "shopify", "replay", noPack.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("order 5812345678904: nothing credited (no_pack_lines)");
    }

    @Test
    void aMissingOrMalformedFileIsInvalidInput() throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"id\": ");

        for (String file : new String[] {dir.resolve("missing.json").toString(), broken.toString()}) {
            CliRun run = CliRun.of(env, "shopify", "replay", file);
            assertThat(run.exitCode()).as(file).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(run.err()).startsWith("mina: ");
            assertThat(run.out()).isEmpty();
        }
    }
}
