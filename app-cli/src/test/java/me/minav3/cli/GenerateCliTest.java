package me.minav3.cli;

import static me.minav3.cli.CliRun.json;
import static me.minav3.cli.CliRun.localAsset;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate, tweak, audit and batch on a real database with the local offline providers, as a new user runs them. */
class GenerateCliTest {

    @TempDir
    static Path dataDir;

    private static Map<String, String> env;

    @BeforeAll
    static void environment() {
        env = CliRun.freshEnvironment(dataDir);
    }

    @Test
    void generateTakesSeveralStylesByIdAndRefusesOverTheLimitWithNothingCharged() throws Exception {
        CliRun.of(env, "credits", "grant", "pass:user:stylist", "2");

        JsonNode made = json(CliRun.of(
                env,
                "generate",
                "--pass-id",
                "pass:user:stylist",
                "--brief",
                "a tin on linen",
                "--style",
                "noir",
                "--style",
                "sunset",
                "--json"));
        CliRun over = CliRun.of(
                env,
                "generate",
                "--pass-id",
                "pass:user:stylist",
                "--brief",
                "a tin on linen",
                "--style",
                "noir",
                "--style",
                "pastel",
                "--style",
                "sunset",
                "--style",
                "my-none");

        assertThat(made.get("status").asText()).isEqualTo("done");
        assertThat(made.get("credits_left").asLong()).isEqualTo(1);
        JsonNode audit = json(CliRun.of(env, "audit", made.get("generation_id").asText(), "--json"));
        assertThat(audit.toString()).contains("\"reference_roles\":[\"style\",\"style\"]");
        assertThat(over.exitCode()).isNotZero();
        assertThat(over.err()).contains("at most 3 styles").contains("max_per_still");
        assertThat(json(CliRun.of(env, "credits", "balance", "pass:user:stylist", "--json"))
                        .get("credits")
                        .asLong())
                .as("nothing charged for the refused one")
                .isEqualTo(1);
    }

    @Test
    void generateOnTheNicheEngineChargesTwoAndAShortBalanceNamesTheMainEngine() throws Exception {
        CliRun.of(env, "credits", "grant", "pass:user:niche", "3");

        JsonNode made = json(CliRun.of(
                env,
                "generate",
                "--pass-id",
                "pass:user:niche",
                "--brief",
                "a pear on linen",
                "--engine",
                "niche",
                "--json"));
        CliRun shortOne =
                CliRun.of(env, "generate", "--pass-id", "pass:user:niche", "--brief", "a pear", "--engine", "niche");
        CliRun unknown =
                CliRun.of(env, "generate", "--pass-id", "pass:user:niche", "--brief", "a pear", "--engine", "turbo");

        assertThat(made.get("status").asText()).isEqualTo("done");
        assertThat(made.get("provider").asText()).isEqualTo("local_niche");
        assertThat(made.get("credits_left").asLong()).isEqualTo(1);
        assertThat(shortOne.exitCode()).isEqualTo(ExitCode.NOT_ENOUGH_MATCHA);
        assertThat(shortOne.err()).contains("I need matcha").contains("--engine main");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(unknown.err()).contains("unknown engine 'turbo'");
        assertThat(json(CliRun.of(env, "credits", "balance", "pass:user:niche", "--json"))
                        .get("credits")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void generateMakesARealImageAndAuditShowsEveryStep() throws Exception {
        CliRun.of(env, "credits", "grant", "pass:user:demo", "3");

        CliRun run = CliRun.of(
                env,
                "generate",
                "--pass-id",
                "pass:user:demo",
                "--brief",
                "matcha latte on marble, morning light",
                "--aspect-ratio",
                "4:5",
                "--json");

        JsonNode result = json(run);
        assertThat(result.get("status").asText()).isEqualTo("done");
        assertThat(result.get("mode").asText()).isEqualTo("still");
        assertThat(result.get("provider").asText()).isEqualTo("local");
        assertThat(result.get("credits_left").asLong()).isEqualTo(2);
        assertThat(result.get("prompt").asText()).containsIgnoringCase("matcha latte");
        assertThat(result.get("user_messages")).isNotEmpty();
        assertThat(run.err()).contains("Writing your prompt…");
        String url = result.get("output_url").asText();
        assertThat(url).startsWith("http://localhost:8080/assets/mma/still/").endsWith(".png");
        Path file = localAsset(dataDir, url);
        var image = ImageIO.read(file.toFile());
        assertThat((double) image.getWidth() / image.getHeight())
                .isCloseTo(0.8, org.assertj.core.data.Offset.offset(0.01));

        JsonNode audit =
                json(CliRun.of(env, "audit", result.get("generation_id").asText(), "--json"));
        assertThat(audit.get("steps"))
                .extracting(s -> s.get("step_type").asText())
                .containsExactly("like_history", "gpt_reader", "local_generate", "postscan_output_still");
        assertThat(audit.get("steps")
                        .get(1)
                        .get("payload")
                        .get("input")
                        .get("ctx_key")
                        .asText())
                .isEqualTo("mma.ctx.gpt_reader");
        assertThat(audit.get("events"))
                .extracting(e -> e.get("event_type").asText())
                .contains("create");
        assertThat(CliRun.of(env, "audit", result.get("generation_id").asText()).out())
                .contains("gpt_reader", "local_generate");
    }

    @Test
    void aProductFileIsStoredAndScannedAndTweakMakesAChild(@TempDir Path dir) throws Exception {
        CliRun.of(env, "credits", "grant", "pass:user:maker", "5");
        Path product = dir.resolve("bottle.png");
        var picture = new java.awt.image.BufferedImage(60, 90, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = picture.createGraphics();
        g.setColor(java.awt.Color.RED);
        g.fillRect(0, 0, 60, 90);
        g.dispose();
        ImageIO.write(picture, "png", product.toFile());

        JsonNode created = json(CliRun.of(
                env,
                "generate",
                "--pass-id",
                "pass:user:maker",
                "--brief",
                "a bottle on linen",
                "--product",
                product.toString(),
                "--json"));
        assertThat(created.get("assets").get("product_url").asText())
                .startsWith("http://localhost:8080/assets/uploads/product/");
        JsonNode audit =
                json(CliRun.of(env, "audit", created.get("generation_id").asText(), "--json"));
        assertThat(audit.get("steps").get(0).get("step_type").asText()).isEqualTo("scan_product");
        assertThat(audit.get("vars").get("scans").get("product_crt").asText()).containsIgnoringCase("red");

        JsonNode tweak = json(CliRun.of(
                env,
                "tweak",
                created.get("generation_id").asText(),
                "--feedback",
                "I hate the light you added",
                "--json"));
        assertThat(tweak.get("parent_id").asText())
                .isEqualTo(created.get("generation_id").asText());
        assertThat(tweak.get("prompt").asText())
                .isNotEqualTo(created.get("prompt").asText());
        assertThat(tweak.get("credits_left").asLong()).isEqualTo(3);
    }

    @Test
    void outOfMatchaExitsThreeAndBadInputExitsSix() {
        CliRun broke = CliRun.of(env, "generate", "--pass-id", "pass:user:broke", "--brief", "a cup");
        assertThat(broke.exitCode()).isEqualTo(ExitCode.NOT_ENOUGH_MATCHA);
        assertThat(broke.err()).contains("I need matcha");

        assertThat(CliRun.of(env, "generate", "--pass-id", "pass:user:demo").exitCode())
                .isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(CliRun.of(env, "generate", "--pass-id", "pass:user:demo", "--brief", "x", "--aspect-ratio", "7:3")
                        .exitCode())
                .isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(CliRun.of(
                                env,
                                "generate",
                                "--pass-id",
                                "pass:user:demo",
                                "--brief",
                                "x",
                                "--product",
                                "/no/such.png")
                        .exitCode())
                .isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(CliRun.of(env, "audit", "generation:does-not-exist").exitCode())
                .isEqualTo(ExitCode.NOT_FOUND);
    }

    @Test
    void aTweakWithAnInvalidRequestIdExitsSixAndChargesNothing() throws Exception {
        CliRun.of(env, "credits", "grant", "pass:user:tweaker", "2");
        JsonNode created =
                json(CliRun.of(env, "generate", "--pass-id", "pass:user:tweaker", "--brief", "a cup", "--json"));

        CliRun refused = CliRun.of(
                env,
                "tweak",
                created.get("generation_id").asText(),
                "--feedback",
                "warmer",
                "--request-id",
                "not valid!");

        assertThat(refused.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(refused.err()).contains("a request id is 1-120 letters, digits or . _ : -");
        assertThat(json(CliRun.of(env, "credits", "balance", "pass:user:tweaker", "--json"))
                        .get("credits")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void aBatchRunTwiceDoesNothingTheSecondTime(@TempDir Path dir) throws Exception {
        CliRun.of(env, "credits", "grant", "pass:user:batcher", "30");
        Path file = dir.resolve("briefs.jsonl");
        List<String> lines = IntStream.rangeClosed(1, 20)
                .mapToObj(i -> "{\"pass_id\":\"pass:user:batcher\",\"brief\":\"still life number " + i
                        + "\",\"aspect_ratio\":\"1:1\"}")
                .collect(java.util.stream.Collectors.toList());
        lines.add(7, "{not json");
        Files.write(file, lines);
        Path results = dir.resolve("results.jsonl");

        CliRun first = CliRun.of(env, "batch", file.toString(), "--concurrency", "4", "--out", results.toString());
        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(first.err()).contains("line 8: skipped").contains("20 done");
        assertThat(Files.readAllLines(results))
                .hasSize(20)
                .allSatisfy(l -> assertThat(l).contains("\"status\":\"done\""));
        long balanceAfterFirst = json(CliRun.of(env, "credits", "balance", "pass:user:batcher", "--json"))
                .get("credits")
                .asLong();
        assertThat(balanceAfterFirst).isEqualTo(10);

        CliRun second = CliRun.of(env, "batch", file.toString(), "--out", results.toString());
        assertThat(second.err()).contains("0 done, 20 skipped");
        assertThat(json(CliRun.of(env, "credits", "balance", "pass:user:batcher", "--json"))
                        .get("credits")
                        .asLong())
                .isEqualTo(10);
    }
}
