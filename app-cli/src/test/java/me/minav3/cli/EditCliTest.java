package me.minav3.cli;

import static me.minav3.cli.CliRun.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mina edit} on a real database with the local editor (issue 23, decision 045), as a new user runs it. */
class EditCliTest {

    @TempDir
    static Path dataDir;

    @TempDir
    static Path work;

    private static Map<String, String> env;

    @BeforeAll
    static void environment() {
        env = CliRun.freshEnvironment(dataDir);
    }

    @Test
    void eachToolMakesAStillOfItsOwnAndPrintsItsUrl() throws Exception {
        CliRun.of(env, "credits", "grant", "pass:user:retoucher", "4");
        JsonNode still =
                json(CliRun.of(env, "generate", "--pass-id", "pass:user:retoucher", "--brief", "a pear", "--json"));
        String id = still.get("generation_id").asText();
        BufferedImage source = ImageIO.read(
                CliRun.localAsset(dataDir, still.get("output_url").asText()).toFile());
        Path mask = mask(source.getWidth(), source.getHeight());

        CliRun erased = CliRun.of(env, "edit", id, "--tool", "eraser", "--mask", mask.toString());
        assertThat(erased.exitCode()).as(erased.err()).isZero();
        assertThat(erased.out()).containsPattern("done: http\\S+\\.png").doesNotContain("prompt: null");

        for (String[] args : new String[][] {
            {"--tool", "inpaint", "--mask", mask.toString(), "--prompt", "a red apple"},
            {"--tool", "expand", "--aspect", "16:9"},
            {"--tool", "remove-background"},
            {"--tool", "upscale", "--scale", "2"},
            {"--tool", "vectorize"}
        }) {
            String[] line = Stream.concat(Stream.of("edit", id, "--json"), Stream.of(args))
                    .toArray(String[]::new);
            JsonNode run = json(CliRun.of(env, line));
            assertThat(run.get("status").asText()).isEqualTo("done");
            assertThat(run.get("parent_id").asText()).isEqualTo(id);
            assertThat(run.get("kind").asText()).isEqualTo("edit");
            String url = run.get("output_url").asText();
            assertThat(url).endsWith(args[1].equals("vectorize") ? ".svg" : ".png");
            assertThat(CliRun.localAsset(dataDir, url)).exists();
        }
        // 4 - 1 for the still; ½ + ½ + ½ + ⅕ + 1/10 + ½ = 2 3/10: three matcha moved into the pool
        assertThat(json(CliRun.of(env, "credits", "balance", "pass:user:retoucher", "--json"))
                        .get("credits")
                        .asLong())
                .isZero();
    }

    @Test
    void badInputExitsWithAMessageAndWritesNothing() throws Exception {
        CliRun.of(env, "credits", "grant", "pass:user:careful", "2");
        String id = json(CliRun.of(env, "generate", "--pass-id", "pass:user:careful", "--brief", "a cup", "--json"))
                .get("generation_id")
                .asText();
        Path mask = mask(64, 64);
        long uploads = uploads();

        refused(ExitCode.INVALID_INPUT, "unknown tool", "edit", id, "--tool", "sharpen");
        refused(ExitCode.INVALID_INPUT, "needs a mask", "edit", id, "--tool", "eraser");
        refused(ExitCode.INVALID_INPUT, "needs a prompt", "edit", id, "--tool", "inpaint", "--mask", mask.toString());
        refused(ExitCode.INVALID_INPUT, "--mask", "edit", id, "--tool", "eraser", "--mask", "/no/such.png");
        refused(ExitCode.INVALID_INPUT, "takes no mask", "edit", id, "--tool", "vectorize", "--mask", mask.toString());
        refused(ExitCode.INVALID_INPUT, "2 or 4", "edit", id, "--tool", "upscale", "--scale", "3");
        refused(ExitCode.INVALID_INPUT, "aspect ratio", "edit", id, "--tool", "expand", "--aspect", "7:5");
        refused(ExitCode.NOT_FOUND, "no generation", "edit", "generation:does-not-exist", "--tool", "vectorize");
        refused(ExitCode.USAGE, "--tool", "edit", id);

        assertThat(uploads()).as("no mask stored for a refused edit").isEqualTo(uploads);
        assertThat(json(CliRun.of(env, "credits", "balance", "pass:user:careful", "--json"))
                        .get("credits")
                        .asLong())
                .isEqualTo(1);
        // the last matcha pays a still; nothing is left for the pool
        json(CliRun.of(env, "generate", "--pass-id", "pass:user:careful", "--brief", "a bowl", "--json"));
        refused(
                ExitCode.NOT_ENOUGH_MATCHA,
                "I need matcha: the tool pool holds less than vectorize costs, and moving 1 matcha into it needs a"
                        + " balance of 1 (it is 0)",
                "edit",
                id,
                "--tool",
                "vectorize");
    }

    private static void refused(int code, String message, String... args) {
        CliRun run = CliRun.of(env, args);
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.err()).isEqualTo(code);
        assertThat(run.err()).containsIgnoringCase(message);
    }

    private static long uploads() throws IOException {
        Path dir = dataDir.resolve("assets").resolve("uploads");
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    /** A black PNG with a white square in the middle: the area to change. */
    private static Path mask(int w, int h) throws IOException {
        BufferedImage mask = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = mask.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(w / 3, h / 3, w / 4, h / 4);
        g.dispose();
        Path file = Files.createTempFile(work, "mask", ".png");
        ImageIO.write(mask, "png", file.toFile());
        return file;
    }
}
