package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code POST /api/studio/sessions}: entering the studio ends the previous session and begins a fresh one (§9.1). */
class StudioSessionHttpTest extends DefaultServerTestBase {

    @Test
    void enteringTheStudioAgainEndsThePreviousSessionAndLaterGenerationsCarryTheNewOne() {
        String token = server.token("returning@example.com");
        server.customer(token, 5);

        var first = server.post("/api/studio/sessions", token, "{}");
        assertThat(first.status()).isEqualTo(201);
        String firstId = first.json().get("session_id").asText();
        assertThat(first.json().get("started_at").asText()).isNotBlank();
        assertThat(server.get("/api/me", token).json().get("session_id").asText())
                .isEqualTo(firstId);

        var second = server.post("/api/studio/sessions", token, "");
        assertThat(second.status()).isEqualTo(201);
        String secondId = second.json().get("session_id").asText();
        assertThat(secondId).isNotEqualTo(firstId);
        assertThat(second.json().get("ended_sessions"))
                .extracting(JsonNode::asText)
                .containsExactly(firstId);

        JsonNode me = server.get("/api/me", token).json();
        assertThat(me.get("session_id").asText())
                .as("a visit within the idle limit stays in it")
                .isEqualTo(secondId);
        assertThat(me.get("new_session").asBoolean()).isFalse();
        String generation = server.post("/api/stills", token, "{\"brief\":\"a cup on linen\"}")
                .json()
                .get("generation_id")
                .asText();
        assertThat(server.get("/api/generations/" + generation, token)
                        .json()
                        .get("session_id")
                        .asText())
                .endsWith(secondId);
    }

    @Test
    void withoutATokenOrWithAnUnknownFieldNothingChanges() {
        String token = server.token("careful@example.com");
        String open = server.post("/api/studio/sessions", token, "{}")
                .json()
                .get("session_id")
                .asText();

        assertThat(server.post("/api/studio/sessions", null, "{}").status()).isEqualTo(401);
        var refused = server.post("/api/studio/sessions", token, "{\"session_id\":\"mine\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asText()).contains("unknown field 'session_id'");

        assertThat(server.get("/api/me", token).json().get("session_id").asText())
                .isEqualTo(open);
    }
}
