package me.minav3.cli;

import static me.minav3.cli.CliRun.json;
import static me.minav3.cli.CliRun.localAsset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import me.minav3.mma.testing.Mp4Boxes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** suggest-motion, animate and feedback on a real database with the local offline providers, as a new user runs them. */
class MotionCliTest {

    @TempDir
    static Path dataDir;

    private static Map<String, String> env;

    @BeforeAll
    static void environment() {
        env = CliRun.freshEnvironment(dataDir);
    }

    @Test
    void aStillGetsATypeForMePromptAndBecomesAPlayableVideo() throws Exception {
        CliRun.of(env, "credits", "grant", "pass:user:mover", "12");
        JsonNode still = json(CliRun.of(
                env,
                "generate",
                "--pass-id",
                "pass:user:mover",
                "--brief",
                "a glass teapot on a wooden table",
                "--aspect-ratio",
                "4:5",
                "--json"));
        String stillId = still.get("generation_id").asText();

        JsonNode suggestion = json(CliRun.of(env, "suggest-motion", stillId, "--json"));
        String prompt = suggestion.get("prompt").asText();
        assertThat(prompt).contains("push-in");
        assertThat(suggestion.get("image_url").asText())
                .isEqualTo(still.get("output_url").asText());
        assertThat(CliRun.of(env, "suggest-motion", stillId).out().strip()).isEqualTo(prompt);

        CliRun animate = CliRun.of(env, "animate", stillId, "--prompt", prompt, "--duration", "5", "--json");
        JsonNode video = json(animate);
        assertThat(animate.err()).contains("Animating your image…", "Your video is ready.");
        assertThat(video.get("mode").asText()).isEqualTo("video");
        assertThat(video.get("status").asText()).isEqualTo("done");
        assertThat(video.get("parent_id").asText()).isEqualTo(stillId);
        assertThat(video.get("settings").get("duration").asInt()).isEqualTo(5);
        assertThat(video.get("aspect_ratio").asText()).isEqualTo("4:5");
        assertThat(video.get("credits_left").asLong()).isEqualTo(1);
        String url = video.get("output_url").asText();
        assertThat(url).startsWith("http://localhost:8080/assets/mma/video/").endsWith(".mp4");

        Mp4Boxes mp4 = new Mp4Boxes(Files.readAllBytes(localAsset(dataDir, url)));
        Mp4Boxes.Box root = mp4.root();
        assertThat(root.children().get(0).type()).isEqualTo("ftyp");
        long[] movie = mp4.timescaleAndDuration(root.at("moov/mvhd"));
        assertThat(movie[1] / (double) movie[0]).isCloseTo(5.0, within(0.05));
        Mp4Boxes.Box trak = root.at("moov/trak");
        assertThat(mp4.handler(trak.at("mdia/hdlr"))).isEqualTo("vide");
        assertThat(mp4.sampleEntrySize(trak.at("mdia/minf/stbl/stsd/avc1"))).containsExactly(512, 640);

        JsonNode audit = json(CliRun.of(env, "audit", video.get("generation_id").asText(), "--json"));
        assertThat(audit.get("steps"))
                .extracting(s -> s.get("step_type").asText())
                .containsExactly("scan_input_still", "gpt_reader_motion", "local_generate");
        assertThat(audit.get("vars").get("assets").get("start_image_url").asText())
                .isEqualTo(still.get("output_url").asText());
        JsonNode stillAudit = json(CliRun.of(env, "audit", stillId, "--json"));
        assertThat(stillAudit.get("events"))
                .extracting(e -> e.get("event_type").asText())
                .contains("create", "suggestion", "animate");

        CliRun feedback = CliRun.of(env, "feedback", video.get("generation_id").asText(), "--text", "a bit slower");
        assertThat(feedback.exitCode()).as(feedback.err()).isZero();
        assertThat(feedback.out()).contains("feedback recorded", "no matcha spent");
        assertThat(json(CliRun.of(env, "credits", "balance", "pass:user:mover", "--json"))
                        .get("credits")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void refusalsHaveTheDocumentedExitCodes() throws Exception {
        CliRun.of(env, "credits", "grant", "pass:user:short", "3");
        String stillId = json(CliRun.of(env, "generate", "--pass-id", "pass:user:short", "--brief", "a cup", "--json"))
                .get("generation_id")
                .asText();

        CliRun broke = CliRun.of(env, "animate", stillId);
        assertThat(broke.exitCode()).isEqualTo(ExitCode.NOT_ENOUGH_MATCHA);
        assertThat(broke.err()).contains("I need matcha: this costs 10 and the balance is 2");
        CliRun sevenSeconds = CliRun.of(env, "animate", stillId, "--duration", "7");
        assertThat(sevenSeconds.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(sevenSeconds.err()).contains("kling model kling-v2-1 makes videos of 5 or 10 seconds, not 7");
        CliRun withSound = CliRun.of(env, "animate", stillId, "--sound");
        assertThat(withSound.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(withSound.err()).contains("kling model kling-v2-1 makes no sound; animate with sound off");
        assertThat(CliRun.of(env, "animate").exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(CliRun.of(env, "animate", "generation:missing").exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(CliRun.of(env, "animate", stillId, "--pass-id", "pass:user:someone-else")
                        .exitCode())
                .isEqualTo(ExitCode.NOT_FOUND);
        assertThat(CliRun.of(env, "suggest-motion", "generation:missing").exitCode())
                .isEqualTo(ExitCode.NOT_FOUND);
        assertThat(CliRun.of(env, "feedback", stillId, "--text", "slower").exitCode())
                .isEqualTo(ExitCode.INVALID_INPUT);
    }
}
