package me.minav3.cli;

import static me.minav3.cli.CliRun.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mina replay} (issue 20 item 3, decision 030) on a real database with the local offline providers: a
 * generation's GPT steps run again, under the versions they recorded (the same prompts, exactly) or newly published
 * ones (a different prompt and its diff), charging and storing nothing.
 */
class ReplayCliTest {

    private static final String PASS = "pass:user:replayer";
    private static final String SHORT_READER = """
            {"system_prompt": "Write one Seedream prompt. At most 5 words. Reply with JSON."}""";
    private static final String SHORT_MOTION = """
            {"system_prompt": "Write one Kling motion prompt. At most 4 words. Reply with JSON."}""";

    @TempDir
    Path dataDir;

    /** A still with a product image, its tweak and its video, each finished. */
    private record Made(String still, String tweak, String video) {}

    private Made make(MinaSession mina) throws Exception {
        assertThat(mina.mina("credits", "grant", PASS, "20").exitCode()).isZero();
        Path product = dataDir.resolve("bottle.png");
        BufferedImage picture = new BufferedImage(60, 90, BufferedImage.TYPE_INT_RGB);
        var g = picture.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 60, 90);
        g.dispose();
        ImageIO.write(picture, "png", product.toFile());
        String still = json(mina.mina(
                        "generate",
                        "--pass-id",
                        PASS,
                        "--brief",
                        "amber perfume bottle on travertine, morning light",
                        "--product",
                        product.toString(),
                        "--json"))
                .get("generation_id")
                .asText();
        String tweak = json(mina.mina("tweak", still, "--feedback", "I hate the light you added", "--json"))
                .get("generation_id")
                .asText();
        String video = json(mina.mina(
                        "animate", still, "--prompt", "the bottle turns slowly", "--duration", "5", "--json"))
                .get("generation_id")
                .asText();
        return new Made(still, tweak, video);
    }

    @Test
    void underTheRecordedVersionsAReplayReproducesTheStillTweakAndVideoPromptsExactlyAndWritesNothing()
            throws Exception {
        MinaSession mina = new MinaSession(dataDir, Map.of());
        Made made = make(mina);
        List<String> rows = rowCounts(mina);
        long balance = mina.balance(PASS);

        JsonNode still = json(mina.mina("replay", made.still(), "--json"));
        JsonNode tweak = json(mina.mina("replay", made.tweak(), "--json"));
        JsonNode video = json(mina.mina("replay", made.video(), "--json"));

        assertThat(types(still)).containsExactly("scan_product", "gpt_reader", "postscan_output_still");
        assertThat(types(tweak)).containsExactly("gpt_feedback_still", "postscan_output_still");
        assertThat(types(video)).containsExactly("scan_input_still", "gpt_reader_motion");
        for (JsonNode replay : List.of(still, tweak, video)) {
            assertThat(replay.get("changed").asBoolean()).as(replay.toString()).isFalse();
            assertThat(replay.get("provider").asText()).isEqualTo("local");
            for (JsonNode step : replay.get("steps")) {
                assertThat(step.get("replayed").asText())
                        .as(step.get("step_type").asText())
                        .isNotBlank()
                        .isEqualTo(step.get("original").asText());
                assertThat(step.get("replayed_version").asInt())
                        .isEqualTo(step.get("recorded_version").asInt());
            }
        }
        assertThat(MinaSession.step(json(mina.mina("audit", made.still(), "--json")), "gpt_reader")
                        .at("/payload/output/clean_prompt")
                        .asText())
                .isEqualTo(step(still, "gpt_reader").get("replayed").asText());
        assertThat(step(video, "gpt_reader_motion").get("field").asText()).isEqualTo("motion_prompt");

        CliRun text = mina.mina("replay", made.tweak());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("gpt_feedback_still", "mma.ctx.gpt_feedback_still v1", "prompt unchanged");
        assertThat(rowCounts(mina)).as("rows of the three MEGA tables").isEqualTo(rows);
        assertThat(mina.balance(PASS)).isEqualTo(balance);
        assertThat(mina.credits(PASS)).hasSize(4);
    }

    @Test
    void aNewlyPublishedContextVersionChangesThePromptAndTheSampleCountsTheChangedOnes() throws Exception {
        MinaSession mina = new MinaSession(dataDir, Map.of());
        Made made = make(mina);
        mina.publish("mma.ctx.gpt_reader", SHORT_READER);
        mina.publish("mma.ctx.gpt_reader_motion", SHORT_MOTION);
        List<String> rows = rowCounts(mina);

        JsonNode replay = json(mina.mina("replay", made.still(), "--config", "mma.ctx.gpt_reader@2", "--json"));

        assertThat(replay.get("changed").asBoolean()).isTrue();
        JsonNode reader = step(replay, "gpt_reader");
        assertThat(reader.get("recorded_version").asInt()).isEqualTo(1);
        assertThat(reader.get("replayed_version").asInt()).isEqualTo(2);
        assertThat(reader.get("replayed").asText().split(" ")).hasSize(5);
        assertThat(reader.get("original").asText())
                .startsWith(reader.get("replayed")
                        .asText()
                        .substring(0, reader.get("replayed").asText().length() - 1));
        assertThat(reader.get("diff").get(0).get("op").asText()).isEqualTo("same");
        assertThat(reader.get("diff_text").asText()).contains("[-");
        assertThat(step(replay, "scan_product").get("changed").asBoolean()).isFalse();

        CliRun text = mina.mina("replay", made.still(), "--config", "mma.ctx.gpt_reader@v2");
        assertThat(text.out())
                .contains("mma.ctx.gpt_reader v1 → v2  CHANGED", "  original  ", "  replayed  ", "  diff      ")
                .contains("prompt changed");
        assertThat(json(mina.mina("replay", made.still(), "--json"))
                        .get("changed")
                        .asBoolean())
                .as("without --config: the recorded version 1")
                .isFalse();

        JsonNode sample = json(mina.mina("replay", "--sample", "10", "--config", "mma.ctx.gpt_reader@2", "--json"));
        assertThat(sample.get("replayed").asInt()).isEqualTo(3);
        assertThat(sample.get("prompts_changed").asInt())
                .as("only the still has a reader step")
                .isEqualTo(1);
        assertThat(sample.get("prompts_unchanged").asInt()).isEqualTo(2);
        assertThat(sample.get("config").get("mma.ctx.gpt_reader").asInt()).isEqualTo(2);

        JsonNode both = json(mina.mina(
                "replay",
                "--sample",
                "10",
                "--config",
                "mma.ctx.gpt_reader@2",
                "--config",
                "mma.ctx.gpt_reader_motion@2",
                "--json"));
        assertThat(both.get("prompts_changed").asInt()).isEqualTo(2);
        CliRun summary = mina.mina("replay", "--sample", "2", "--config", "mma.ctx.gpt_reader_motion@2");
        assertThat(summary.out())
                .contains("replayed 2 generation(s) under mma.ctx.gpt_reader_motion v2: 1 prompt(s) changed,"
                        + " 1 unchanged, 0 skipped");
        assertThat(rowCounts(mina)).isEqualTo(rows);
    }

    @Test
    void anUnknownGenerationKeyOrVersionAndGoneImagesAreClearErrors() throws Exception {
        MinaSession mina = new MinaSession(dataDir, Map.of());
        Made made = make(mina);

        CliRun missing = mina.mina("replay", "generation:nope");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(missing.err()).contains("no generation generation:nope");
        CliRun key = mina.mina("replay", made.still(), "--config", "mma.costs@1");
        assertThat(key.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(key.err()).contains("'mma.costs' is not a GPT context key", "mma.ctx.gpt_reader");
        CliRun version = mina.mina("replay", made.still(), "--config", "mma.ctx.gpt_reader@7");
        assertThat(version.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(version.err()).contains("mma.ctx.gpt_reader has no version 7; its newest is v1");
        CliRun shape = mina.mina("replay", made.still(), "--config", "mma.ctx.gpt_reader");
        assertThat(shape.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(shape.err()).contains("--config needs KEY@VERSION");
        assertThat(mina.mina("replay").exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(mina.mina("replay", made.still(), "--sample", "3").exitCode())
                .isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(mina.mina("replay", "--sample", "0").exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        CliRun failure = mina.mina("replay", "generation:nope", "--json");
        assertThat(failure.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(failure.out())
                        .toString())
                .contains("not_found");

        String productUrl = json(mina.mina("audit", made.still(), "--json"))
                .at("/vars/assets/product_url")
                .asText();
        Files.delete(CliRun.localAsset(dataDir, productUrl));
        CliRun gone = mina.mina("replay", made.still());
        assertThat(gone.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(gone.err()).contains(made.still() + " cannot be replayed: its image " + productUrl + " is gone");
        JsonNode sample = json(mina.mina("replay", "--sample", "5", "--json"));
        assertThat(sample.get("skipped"))
                .singleElement()
                .satisfies(s -> assertThat(s.get("generation_id").asText()).isEqualTo(made.still()));
    }

    private static JsonNode step(JsonNode replay, String type) {
        for (JsonNode step : replay.get("steps")) {
            if (step.get("step_type").asText().equals(type)) {
                return step;
            }
        }
        throw new AssertionError("no " + type + " in " + replay);
    }

    private static List<String> types(JsonNode replay) {
        List<String> types = new ArrayList<>();
        replay.get("steps").forEach(s -> types.add(s.get("step_type").asText()));
        return types;
    }

    private static List<String> rowCounts(MinaSession mina) throws Exception {
        List<String> counts = new ArrayList<>();
        for (String table : List.of("mega_customers", "mega_generations", "mega_admin")) {
            counts.addAll(
                    mina.sql("SELECT count(*) || ' ' || coalesce(max(mg_created_at)::text, '-') FROM public." + table));
        }
        return counts;
    }
}
