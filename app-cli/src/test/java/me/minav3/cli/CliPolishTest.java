package me.minav3.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.minav3.mma.testing.SampleMedia;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The findings of issue 19 about the CLI, each as a person or a script meets it. */
class CliPolishTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Map<String, String> env;

    @BeforeAll
    static void environment() {
        env = CliRun.freshEnvironment(dir.resolve("data"));
    }

    @Test
    void configShowHasHelpAndStillShowsAGivenVersion() throws Exception {
        CliRun help = CliRun.of(env, "config", "show", "--help");
        assertThat(help.exitCode()).as(help.err()).isZero();
        assertThat(help.out()).startsWith("Usage: mina config show").contains("--version=N");

        JsonNode first = CliRun.json(CliRun.of(env, "config", "show", "mma.costs", "--version", "1", "--json"));
        assertThat(first.get("version").asInt()).isEqualTo(1);
    }

    @Test
    void batchReadsItsLinesFromStdinForADash() throws Exception {
        CliRun.of(env, "credits", "grant", "pass:user:stdin-batch", "2");
        String lines = "{\"pass_id\":\"pass:user:stdin-batch\",\"brief\":\"matcha latte on marble\"}\n";

        CliRun run = CliRun.withInput(lines.getBytes(StandardCharsets.UTF_8), env, "batch", "-");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(JSON.readTree(run.out()).get("status").asText()).isEqualTo("done");
        assertThat(run.err()).doesNotContain("cannot read");
    }

    @Test
    void configPublishAndShopifyReplayReadStdinForADash() throws Exception {
        CliRun publish = CliRun.withInput(
                "{\"still\": 1, \"tweak\": 1, \"video_per_second\": 2}".getBytes(StandardCharsets.UTF_8),
                env,
                "config",
                "publish",
                "mma.costs",
                "-",
                "--json");
        assertThat(CliRun.json(publish).get("key").asText()).isEqualTo("mma.costs");

        byte[] order;
        try (InputStream in = CliPolishTest.class.getResourceAsStream("/shopify/order-paid-packs.json")) {
            order = in.readAllBytes();
        }
        CliRun replay = CliRun.withInput(order, env, "shopify", "replay", "-", "--json");
        assertThat(CliRun.json(replay).get("status").asText()).isEqualTo("credited");
    }

    @Test
    void generateTakesTheProductImageFromStdinAndOnlyOneArgumentMayReadIt() throws Exception {
        CliRun.of(env, "credits", "grant", "pass:user:stdin-product", "1");
        byte[] png = SampleMedia.png(300, 400);

        CliRun two = CliRun.withInput(
                png,
                env,
                "generate",
                "--pass-id",
                "pass:user:stdin-product",
                "--brief",
                "a bottle",
                "--product",
                "-",
                "--logo",
                "-");
        assertThat(two.exitCode()).as(two.err()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(two.err()).contains("--logo").contains("stdin");
        assertThat(balance("pass:user:stdin-product")).as("nothing charged").isEqualTo(1);

        CliRun run = CliRun.withInput(
                png,
                env,
                "generate",
                "--pass-id",
                "pass:user:stdin-product",
                "--brief",
                "a bottle",
                "--product",
                "-",
                "--json");
        JsonNode still = CliRun.json(run);
        assertThat(still.get("status").asText()).isEqualTo("done");
        assertThat(still.toString()).contains("/assets/uploads/");
    }

    @Test
    void aFileThatCannotBeReadIsNamedOnce() {
        String missing = dir.resolve("no-such-file.jsonl").toString();
        List<String[]> commands = List.of(
                new String[] {"batch", missing},
                new String[] {"shopify", "replay", missing},
                new String[] {"config", "publish", "mma.costs", missing},
                new String[] {"generate", "--pass-id", "pass:user:demo", "--brief", "x", "--product", missing});
        for (String[] args : commands) {
            CliRun run = CliRun.of(env, args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(occurrences(run.err(), missing)).as(run.err()).isEqualTo(1);
            assertThat(run.err()).contains("no such file");
        }
        CliRun dash = CliRun.withInput(new byte[0], env, "batch", "-");
        assertThat(dash.err()).doesNotContain("-: -");
    }

    @Test
    void aGrantOfNoOrNegativeMatchaSaysTheRangeThatIsAccepted() {
        for (String amount : List.of("-3", "0", "2.5")) {
            CliRun run = CliRun.of(env, "credits", "grant", "pass:user:carol", amount);
            assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(run.err()).as(amount).doesNotContain("between 0").contains("from 1 to 1000000000");
        }
    }

    @Test
    void theBatchClockRunsBeforeTheFirstStillFinishesAndTheLastLinePrintsOnce() throws Exception {
        Map<String, String> slow = new HashMap<>(env);
        slow.put("MINA_LOCAL_LATENCY_MS", "800");
        CliRun.of(slow, "credits", "grant", "pass:user:clock", "1");
        String lines = "{\"pass_id\":\"pass:user:clock\",\"brief\":\"a slow cup\"}\n";

        Path file = dir.resolve("clock.jsonl");
        Files.writeString(file, lines);

        CliRun run = CliRun.withProgressEvery(Duration.ofMillis(200), slow, "batch", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> progress =
                run.err().lines().filter(l -> l.startsWith("batch ")).toList();
        List<String> beforeDone =
                progress.stream().takeWhile(l -> l.contains(" 0/1 ")).toList();
        assertThat(beforeDone).as(run.err()).isNotEmpty();
        assertThat(clock(beforeDone.getLast()))
                .as("the clock while the first still is made: " + beforeDone)
                .isPositive();
        assertThat(progress.stream().filter(l -> l.contains(" 1/1 ")))
                .as(run.err())
                .hasSize(1);
    }

    @Test
    void withJsonEveryFailureIsOneJsonDocumentWithCodeAndMessage() throws Exception {
        record Case(int exit, String code, String... args) {}
        for (Case c : List.of(
                new Case(ExitCode.NOT_FOUND, "not_found", "credits", "balance", "pass:user:nobody", "--json"),
                new Case(
                        ExitCode.INVALID_INPUT, "invalid_input", "credits", "grant", "pass:user:carol", "-3", "--json"),
                new Case(ExitCode.USAGE, "usage", "credits", "grant", "--json"),
                new Case(ExitCode.NOT_FOUND, "not_found", "config", "show", "no.such.key", "--json"),
                new Case(
                        ExitCode.NOT_ENOUGH_MATCHA,
                        "not_enough_matcha",
                        "generate",
                        "--pass-id",
                        "pass:user:broke",
                        "--brief",
                        "a cup",
                        "--json"))) {
            CliRun run = CliRun.of(env, c.args());
            String typed = String.join(" ", c.args());
            assertThat(run.exitCode()).as(typed + ": " + run.err()).isEqualTo(c.exit());
            List<JsonNode> documents = new ArrayList<>();
            JSON.readerFor(JsonNode.class).readValues(run.out()).forEachRemaining(d -> documents.add((JsonNode) d));
            assertThat(documents)
                    .as(typed + " prints one JSON document: " + run.out())
                    .hasSize(1);
            JsonNode failure = documents.getFirst();
            assertThat(failure.get("code").asText()).as(typed).isEqualTo(c.code());
            assertThat(failure.get("exit_code").asInt()).as(typed).isEqualTo(c.exit());
            assertThat(failure.get("message").asText()).as(typed).isNotBlank();
        }
    }

    private static long balance(String passId) throws Exception {
        CliRun run = CliRun.of(env, "credits", "balance", passId, "--json");
        return JSON.readTree(run.out()).get("credits").asLong();
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }

    /** The seconds a progress line's clock shows: {@code (0:00:02)} is 2. */
    private static long clock(String line) {
        Matcher m = Pattern.compile("\\((\\d+):(\\d\\d):(\\d\\d)").matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return Long.parseLong(m.group(1)) * 3600 + Long.parseLong(m.group(2)) * 60 + Long.parseLong(m.group(3));
    }
}
