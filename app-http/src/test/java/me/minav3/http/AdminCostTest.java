package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The admin view of a generation shows what its provider steps cost, from the published price table. */
class AdminCostTest extends DefaultServerTestBase {

    @Test
    void theAdminViewOfAGenerationShowsItsTotalProviderCost() {
        String admin = server.adminToken("boss@example.com");
        // The local providers are free in the seeded table; price their still at 4 cents to see a sum.
        assertThat(server.post("/api/admin/config/mma.provider.prices", admin, """
                {"value": {"providers": {"local": {"free": true}}}}""")
                        .status())
                .isEqualTo(200);
        assertThat(server.post("/api/admin/config/mma.provider.prices", admin, """
                {"value": {"providers": {"local": {"models": {"local-v1": {"per_image": "0.04",
                  "per_million_input_tokens": 0, "per_million_output_tokens": 0}}}}}}""")
                        .status())
                .isEqualTo(200);
        String user = server.token("costly@example.com");
        server.customer(user, 2);
        String id = server.post("/api/stills", user, "{\"brief\":\"a cup\"}")
                .json()
                .get("generation_id")
                .asText();
        server.awaitFinished(id, user);

        JsonNode view = server.get("/api/admin/generations/" + id, admin).json();

        assertThat(view.path("cost").path("usd").asText()).isEqualTo("0.04");
        assertThat(view.path("cost").path("priced_steps").asLong())
                .as(view.path("steps").toString())
                .isGreaterThanOrEqualTo(2);
        assertThat(view.path("cost").path("unpriced_steps").asLong()).isZero();
        assertThat(view.path("cost").path("complete").asBoolean()).isTrue();
        JsonNode generate = null;
        for (JsonNode step : view.path("steps")) {
            if (step.path("step_type").asText().equals("local_generate")) {
                generate = step;
            }
        }
        assertThat(generate).isNotNull();
        assertThat(generate.at("/payload/output/cost/usd").asText()).isEqualTo("0.04");
        assertThat(generate.at("/payload/output/cost/price_table_version").asInt())
                .isEqualTo(3);
        assertThat(server.post("/api/admin/config/mma.provider.prices", admin, """
                {"value": {"providers": {"local": {"models": {"local-v1": {"per_image": -1}}}}}}""")
                        .status())
                .isEqualTo(422);
    }
}
