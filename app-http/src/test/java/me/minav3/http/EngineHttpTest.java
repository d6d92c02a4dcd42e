package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Issue 22 over HTTP: engines on /api/me, engine on POST /api/stills and tweak, and the "switch to main" 402. */
class EngineHttpTest extends DefaultServerTestBase {

    @Test
    void meListsTheEnginesWithTheirPricesAndTheDefault() {
        String token = server.token("engines-me@example.com");
        JsonNode engines = server.get("/api/me", token).json().get("engines");
        assertThat(engines).hasSize(2);
        assertThat(engines.get(0).get("name").asText()).isEqualTo("main");
        assertThat(engines.get(0).get("still").asLong()).isEqualTo(1);
        assertThat(engines.get(0).get("default").asBoolean()).isTrue();
        assertThat(engines.get(1).get("name").asText()).isEqualTo("niche");
        assertThat(engines.get(1).get("still").asLong()).isEqualTo(2);
        assertThat(engines.get(1).get("tweak").asLong()).isEqualTo(2);
    }

    @Test
    void aNicheStillTheBalanceCannotPayIs402OfferingMainAndChargesNothing() {
        String token = server.token("engines-short@example.com");
        server.customer(token, 0);
        // Spend the sign-up grant down to 1 matcha on main stills.
        long granted = server.get("/api/me", token).json().get("credits").asLong();
        for (long i = 1; i < granted; i++) {
            assertThat(server.post("/api/stills", token, "{\"brief\":\"x\"}").status())
                    .isEqualTo(202);
        }

        var refused = server.post("/api/stills", token, "{\"brief\":\"a pear\",\"engine\":\"niche\"}");

        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = refused.json();
        assertThat(problem.get("balance").asLong()).isEqualTo(1);
        assertThat(problem.get("needed").asLong()).isEqualTo(2);
        assertThat(problem.get("switch_to").get("engine").asText()).isEqualTo("main");
        assertThat(problem.get("switch_to").get("label").asText()).isEqualTo("Main");
        assertThat(problem.get("switch_to").get("cost").asLong()).isEqualTo(1);
        assertThat(server.get("/api/me", token).json().get("credits").asLong()).isEqualTo(1);

        var taken = server.post("/api/stills", token, "{\"brief\":\"a pear\",\"engine\":\"main\"}");
        assertThat(taken.status()).isEqualTo(202);
        assertThat(taken.json().get("credits_left").asLong()).isZero();
        assertThat(server.post("/api/stills", token, "{\"brief\":\"a pear\"}")
                        .json()
                        .has("switch_to"))
                .as("nothing cheaper to offer")
                .isFalse();
    }

    @Test
    void aNicheStillChargesItsPriceAndBadEnginesAreRefusedBeforeAnyCharge() {
        String token = server.token("engines-rich@example.com");
        server.customer(token, 5);
        long before = server.get("/api/me", token).json().get("credits").asLong();

        assertThat(server.post("/api/stills", token, "{\"brief\":\"a pear\",\"engine\":\"turbo\"}")
                        .json()
                        .get("detail")
                        .asText())
                .isEqualTo("unknown engine 'turbo' (known: main, niche)");
        assertThat(server.post("/api/stills", token, "{\"brief\":\"a pear\",\"engine\":7}")
                        .status())
                .isEqualTo(400);
        assertThat(server.get("/api/me", token).json().get("credits").asLong()).isEqualTo(before);

        var made = server.post("/api/stills", token, "{\"brief\":\"a pear\",\"engine\":\"niche\"}");
        assertThat(made.status()).isEqualTo(202);
        assertThat(made.json().get("credits_left").asLong()).isEqualTo(before - 2);
    }
}
