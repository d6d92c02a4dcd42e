package me.minav3.cli;

import static me.minav3.cli.MinaSession.step;
import static me.minav3.cli.ProviderFakes.base;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a still and a video cost through the real adapters (GPT, Seedream on ModelArk, Kling) against local fakes of
 * their documented HTTP APIs, priced by the seeded list prices: GPT by the reply's {@code usage}, Seedream per image,
 * Kling per second of the mode it was sent.
 */
class ProviderCostsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private static final ProviderFakes fakes = new ProviderFakes();
    private static MinaSession mina;

    @BeforeAll
    static void start() throws Exception {
        mina = new MinaSession(
                dataDir,
                Map.of(
                        "MINA_ALLOW_LOOPBACK_FETCH", "true",
                        "OPENAI_API_KEY", "sk-costs-test",
                        "OPENAI_BASE_URL", base(fakes.openAi) + "/v1",
                        "ARK_API_KEY", "ark-costs-test",
                        "ARK_BASE_URL", base(fakes.ark),
                        "KLING_ACCESS_KEY", "ak-costs-test",
                        "KLING_SECRET_KEY", "sk-costs-test-0123456789-0123456789-abcdef",
                        "KLING_BASE_URL", base(fakes.kling)));
        mina.publish(
                "mma.provider.kling.defaults",
                "{\"model_name\":\"kling-v2-1\",\"mode\":\"pro\",\"poll_interval_ms\":50}");
        fakes.reset();
    }

    @AfterAll
    static void stop() {
        fakes.close();
    }

    @Test
    void eachProviderStepCostsItsListPriceAndTheTotalsAddUp() throws Exception {
        JsonNode still = mina.generate("pass:user:costs", 0);
        // 5 s in pro: 2 a second × 5 × 1.75, rounded up to 18 (decision 041).
        mina.mina("credits", "grant", "pass:user:costs", "18");
        CliRun run = mina.mina("animate", still.get("generation_id").asText(), "--duration", "5", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode video = JSON.readTree(run.out());

        JsonNode stillAudit = mina.audit(still);
        // The fake's documented reply: usage 19 prompt + 10 completion tokens, model gpt-4.1-mini-2025-04-14,
        // priced as the gpt-4.1-mini that was asked for: 19 × 0.40 / 1e6 + 10 × 1.60 / 1e6.
        JsonNode reader = step(stillAudit, "gpt_reader").at("/payload/output/cost");
        assertThat(reader.get("usd").asText()).isEqualTo("0.0000236");
        assertThat(reader.at("/units/input_tokens").asLong()).isEqualTo(19);
        assertThat(reader.at("/units/output_tokens").asLong()).isEqualTo(10);
        assertThat(reader.get("model").asText()).isEqualTo("gpt-4.1-mini-2025-04-14");
        assertThat(step(stillAudit, "seedream_generate")
                        .at("/payload/output/cost/usd")
                        .asText())
                .isEqualTo("0.03");
        assertThat(stillAudit.at("/cost/usd").asText()).isEqualTo("0.0300472");

        JsonNode kling = step(mina.audit(video), "kling_generate").at("/payload/output/cost");
        assertThat(kling.at("/units/mode").asText()).isEqualTo("pro");
        assertThat(kling.at("/units/seconds").asInt()).isEqualTo(5);
        assertThat(kling.get("usd").asText()).isEqualTo("0.49");

        JsonNode byProvider = CliRun.json(mina.mina("costs", "--json"));
        assertThat(byProvider.at("/total/usd").asText()).isEqualTo("0.5200944");
        assertThat(byProvider.at("/total/complete").asBoolean()).isTrue();
        assertThat(byProvider.get("groups"))
                .extracting(g -> g.get("provider").asText() + "=" + g.get("usd").asText())
                .containsExactly("kling=0.49", "openai=0.0000944", "seedream=0.03");
    }
}
