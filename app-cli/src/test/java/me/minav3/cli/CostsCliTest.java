package me.minav3.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mina costs} and the cost line of {@code mina audit}, on a real database with the local providers. */
class CostsCliTest {

    /** The local providers priced: 4 cents a still, tokens free. */
    private static final String PRICED = """
            {"providers": {"local": {"models": {"local-v1": {"per_image": 0.04,
              "per_million_input_tokens": 0, "per_million_output_tokens": 0}}}}}""";
    /** The same without token prices: the GPT steps' cost is unknown. */
    private static final String NO_TOKEN_PRICES = """
            {"providers": {"local": {"models": {"local-v1": {"per_image": 0.04}}}}}""";

    @TempDir
    Path dataDir;

    @Test
    void costsSumsTheProviderStepsByProviderModelAndDayAndAuditShowsAGenerationsTotal() throws Exception {
        MinaSession mina = new MinaSession(dataDir, Map.of());
        mina.publish("mma.provider.prices", PRICED);
        JsonNode first = mina.generate("pass:user:spender", 0);
        mina.publish("mma.provider.prices", NO_TOKEN_PRICES);
        mina.generate("pass:user:spender", 0);

        JsonNode byProvider = CliRun.json(mina.mina("costs", "--json"));
        assertThat(byProvider.get("by").asText()).isEqualTo("provider");
        assertThat(byProvider.at("/total/usd").asText()).isEqualTo("0.08");
        assertThat(byProvider.at("/total/priced_steps").asLong()).isEqualTo(4);
        assertThat(byProvider.at("/total/unpriced_steps").asLong()).isEqualTo(2);
        assertThat(byProvider.get("groups")).singleElement().satisfies(g -> {
            assertThat(g.get("provider").asText()).isEqualTo("local");
            assertThat(g.get("usd").asText()).isEqualTo("0.08");
            assertThat(g.get("complete").asBoolean()).isFalse();
        });
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonNode byDay = CliRun.json(mina.mina("costs", "--by", "day", "--since", today, "--json"));
        assertThat(byDay.get("groups"))
                .singleElement()
                .satisfies(g -> assertThat(g.get("day").asText()).isEqualTo(today));
        JsonNode later = CliRun.json(mina.mina(
                "costs", "--since", LocalDate.now(ZoneOffset.UTC).plusDays(1).toString(), "--json"));
        assertThat(later.get("groups")).isEmpty();
        assertThat(later.at("/total/usd").asText()).isEqualTo("0");

        CliRun table = mina.mina("costs", "--by", "model");
        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).contains("model").contains("local-v1").containsPattern("total\\s+0\\.08\\s+6\\s+2");
        assertThat(table.err()).contains("2 step(s) used a model without a price");

        CliRun audit = mina.mina("audit", first.get("generation_id").asText());
        assertThat(audit.out()).contains("cost    USD 0.04 (3 provider steps)");
        JsonNode auditJson = mina.audit(first);
        assertThat(auditJson.at("/cost/usd").asText()).isEqualTo("0.04");
        assertThat(MinaSession.step(auditJson, "local_generate")
                        .at("/payload/output/cost/unit_price/per_image")
                        .asText())
                .isEqualTo("0.04");
    }

    @Test
    void aBadSinceOrGroupIsOneClearLineAndExitSix() {
        MinaSession mina = new MinaSession(dataDir, Map.of());
        for (String[] args : new String[][] {
            {"costs", "--since", "2026-13-01"},
            {"costs", "--since", "yesterday"},
            {"costs", "--by", "week"},
            {"costs", "--by", "", "--json"}
        }) {
            CliRun run = mina.mina(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(run.err().lines().filter(l -> l.startsWith("mina: ")))
                    .as(run.err())
                    .hasSize(1);
            if (List.of(args).contains("--json")) {
                assertThat(run.out()).contains("\"code\" : \"invalid_input\""); // the failure, as one JSON document
            } else {
                assertThat(run.out()).isEmpty();
            }
        }
        assertThat(mina.mina("costs", "--by", "week").err()).contains("provider, model, day");
        assertThat(mina.mina("costs", "--since").exitCode()).isEqualTo(ExitCode.USAGE);
    }
}
