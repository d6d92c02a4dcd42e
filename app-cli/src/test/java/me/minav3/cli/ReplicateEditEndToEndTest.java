package me.minav3.cli;

import static me.minav3.cli.CliRun.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import me.minav3.adapters.providers.ReplicateEditFake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mina edit} with the registry's {@code edit} role on Replicate (decisions 045, 046): each tool through the
 * real adapter against a stateful fake of Replicate's predictions API, on a real PostgreSQL — one prediction per
 * run on the tool's model, the result stored as the run's still, no token in any stored row or output.
 */
class ReplicateEditEndToEndTest {

    private static final String TOKEN = "r8_E2Eedit7Rq2Wm9Tx4Lc8Vb3Nd";

    @TempDir
    static Path dataDir;

    private static ReplicateEditFake replicate;
    private static MinaSession mina;

    @BeforeAll
    static void start() throws Exception {
        replicate = ReplicateEditFake.start();
        mina = new MinaSession(
                dataDir,
                Map.of(
                        "MINA_ALLOW_LOOPBACK_FETCH",
                        "true",
                        "REPLICATE_API_TOKEN",
                        TOKEN,
                        "REPLICATE_BASE_URL",
                        replicate.baseUrl()));
        mina.publish(
                "mma.provider.registry",
                "{\"vision\":\"local\",\"still\":\"local\",\"video\":\"local\",\"commerce\":\"local\","
                        + "\"fallback\":\"local\",\"edit\":\"replicate\"}");
        mina.publish("mma.provider.replicate.defaults", "{\"poll_interval_ms\":50}");
    }

    @AfterAll
    static void stop() {
        replicate.close();
    }

    @Test
    void eachToolRunsOnePredictionOfItsModelAndStoresItsResult() throws Exception {
        assertThat(mina.mina("credits", "grant", "pass:user:retoucher", "4").exitCode())
                .isZero();
        JsonNode still =
                json(mina.mina("generate", "--pass-id", "pass:user:retoucher", "--brief", "a pear on linen", "--json"));
        String id = still.get("generation_id").asText();
        BufferedImage source = ImageIO.read(
                CliRun.localAsset(dataDir, still.get("output_url").asText()).toFile());
        Path mask = mask(source.getWidth(), source.getHeight());

        List<String[]> runs = List.of(
                new String[] {"--tool", "eraser", "--mask", mask.toString()},
                new String[] {"--tool", "inpaint", "--mask", mask.toString(), "--prompt", "a red apple"},
                new String[] {"--tool", "expand", "--aspect", "16:9"},
                new String[] {"--tool", "remove-background"},
                new String[] {"--tool", "upscale", "--scale", "2"},
                new String[] {"--tool", "vectorize"});
        List<String> urls = new ArrayList<>();
        for (String[] args : runs) {
            String[] line = Stream.concat(Stream.of("edit", id, "--json"), Stream.of(args))
                    .toArray(String[]::new);
            JsonNode run = json(mina.mina(line));
            assertThat(run.get("status").asText()).as(String.join(" ", args)).isEqualTo("done");
            String url = run.get("output_url").asText();
            assertThat(url).endsWith(args[1].equals("vectorize") ? ".svg" : ".png");
            assertThat(CliRun.localAsset(dataDir, url)).exists();
            urls.add(url);
        }

        assertThat(replicate.billed())
                .as("one prediction per run, each on its tool's model")
                .containsExactly(
                        "bria/eraser",
                        "bria/genfill",
                        "bria/expand-image",
                        "men1scus/birefnet:f74986db0355b58403ed20963af156525e2891ea3c2d499bfbfb2a28cd87c5d7",
                        "bria/increase-resolution",
                        "recraft-ai/recraft-vectorize");
        BufferedImage upscaled =
                ImageIO.read(CliRun.localAsset(dataDir, urls.get(4)).toFile());
        assertThat(upscaled.getWidth()).as("the upscale x2 stored").isEqualTo(source.getWidth() * 2);

        List<String> rows = new ArrayList<>();
        for (String table : List.of("mega_generations", "mega_admin", "mega_customers")) {
            rows.addAll(mina.sql("select t::text from " + table + " t"));
        }
        String stored = String.join("\n", rows);
        assertThat(stored).as("stored rows").contains("replicate_edit").doesNotContain(TOKEN);
        assertThat(stored).doesNotContainPattern("base64,[A-Za-z0-9+/]{16,}");
        assertThat(mina.transcript()).as("CLI output").doesNotContain(TOKEN);
    }

    private static Path mask(int width, int height) throws Exception {
        BufferedImage mask = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = mask.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        Path file = Files.createTempFile(dataDir, "mask", ".png");
        ImageIO.write(mask, "png", file.toFile());
        return file;
    }
}
