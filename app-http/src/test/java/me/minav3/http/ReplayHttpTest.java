package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import me.minav3.adapters.postgres.DatabaseUrl;
import me.minav3.adapters.postgres.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The back office's replay (issue 20 item 3, decision 030): a generation's GPT steps run again under the versions
 * they recorded or given ones, beside the originals with a diff; admin only; nothing charged or stored.
 */
class ReplayHttpTest {

    private static final DatabaseUrl DATABASE = TestDatabase.freshUrl();
    private static TestServer server;
    private static String admin;
    private static String user;
    private static String still;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(Map.of(), DATABASE.setting());
        admin = server.adminToken("boss@example.com");
        user = server.token("replayed@example.com");
        server.customer(user, 5);
        still = server.finishedStill(user, "amber perfume bottle on travertine");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String replayOf(String id) {
        return "/api/admin/generations/" + id + "/replay";
    }

    @Test
    void underTheRecordedVersionsTheReplayWritesTheSamePromptAndStoresNothingButTheAuditRow() throws Exception {
        server.get("/api/admin/audit", admin); // the admin's first call signs them in
        List<String> before = counts();
        long credits = server.get("/api/me", user).json().get("credits").asLong();

        TestServer.Reply reply = server.post(replayOf(still), admin, "{}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode replay = reply.json();
        assertThat(replay.get("generation_id").asText()).isEqualTo("generation:" + still.replace("generation:", ""));
        assertThat(replay.get("changed").asBoolean()).isFalse();
        JsonNode reader = step(replay, "gpt_reader");
        assertThat(reader.get("replayed").asText())
                .isEqualTo(reader.get("original").asText())
                .isNotBlank();
        assertThat(reader.get("recorded_version").asInt()).isEqualTo(1);
        assertThat(reader.get("replayed_version").asInt()).isEqualTo(1);
        assertThat(reader.get("diff"))
                .allSatisfy(part -> assertThat(part.get("op").asText()).isEqualTo("same"));
        List<String> after = counts();
        assertThat(after.subList(0, 2))
                .as("customers and generations (with the ledger)")
                .isEqualTo(before.subList(0, 2));
        assertThat(Long.parseLong(after.get(2)) - Long.parseLong(before.get(2)))
                .as("mega_admin: the audit row of the call")
                .isEqualTo(1);
        assertThat(auditedRoutes()).contains("/api/admin/generations/{id}/replay");
        assertThat(server.get("/api/me", user).json().get("credits").asLong()).isEqualTo(credits);
    }

    @Test
    void aNewContextVersionGivesADifferentPromptAndTheDiffShowsIt() {
        assertThat(server.post("/api/admin/config/mma.ctx.gpt_reader", admin, """
                {"value": {"system_prompt": "Write one prompt for Seedream. At most 5 words. Reply with JSON."}}""")
                        .status())
                .isEqualTo(200);

        JsonNode replay = server.post(replayOf(still), admin, "{\"config\": {\"mma.ctx.gpt_reader\": 2}}")
                .json();

        assertThat(replay.get("changed").asBoolean()).isTrue();
        JsonNode reader = step(replay, "gpt_reader");
        assertThat(reader.get("replayed_version").asInt()).isEqualTo(2);
        assertThat(reader.get("replayed").asText().split(" ")).hasSize(5);
        assertThat(reader.get("diff_text").asText()).contains("[-");
        assertThat(reader.get("diff"))
                .extracting(part -> part.get("op").asText())
                .contains("same", "removed");
    }

    @Test
    void onlyAnAdminMayReplayAndBadInputIsAClearProblem() {
        assertThat(server.post(replayOf(still), user, "{}").status()).isEqualTo(403);
        assertThat(server.post(replayOf(still), null, "{}").status()).isEqualTo(401);
        assertThat(server.post("/api/admin/replay/sample", user, "{\"count\":1}")
                        .status())
                .isEqualTo(403);
        assertThat(server.post("/api/admin/replay/sample", null, "{\"count\":1}")
                        .status())
                .isEqualTo(401);

        TestServer.Reply missing = server.post(replayOf("generation:nope"), admin, "{}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("no generation generation:nope");
        TestServer.Reply key = server.post(replayOf(still), admin, "{\"config\": {\"mma.costs\": 1}}");
        assertThat(key.status()).isEqualTo(422);
        assertThat(key.body()).contains("'mma.costs' is not a GPT context key");
        TestServer.Reply version = server.post(replayOf(still), admin, "{\"config\": {\"mma.ctx.gpt_reader\": 99}}");
        assertThat(version.status()).isEqualTo(422);
        assertThat(version.body()).contains("mma.ctx.gpt_reader has no version 99");
        assertThat(server.post(replayOf(still), admin, "{\"config\": {\"mma.ctx.gpt_reader\": \"v1\"}}")
                        .status())
                .isEqualTo(422);
        assertThat(server.post("/api/admin/replay/sample", admin, "{\"count\":0}")
                        .status())
                .isEqualTo(422);
    }

    @Test
    void aSampleCountsTheFinishedGenerationsWhosePromptChanged() {
        JsonNode sample =
                server.post("/api/admin/replay/sample", admin, "{\"count\": 5}").json();

        assertThat(sample.get("replayed").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(sample.get("prompts_changed").asInt()).isZero();
        assertThat(sample.get("generations").get(0).get("steps").size()).isPositive();
    }

    private static JsonNode step(JsonNode replay, String type) {
        for (JsonNode step : replay.get("steps")) {
            if (step.get("step_type").asText().equals(type)) {
                return step;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static List<String> counts() throws Exception {
        List<String> counts = new ArrayList<>();
        for (String table : List.of("mega_customers", "mega_generations", "mega_admin")) {
            counts.add(first("SELECT count(*) FROM public." + table).get(0));
        }
        return counts;
    }

    private static List<String> auditedRoutes() throws Exception {
        return first("SELECT mg_route FROM public.mega_admin WHERE mg_record_type = 'admin_audit'");
    }

    private static List<String> first(String sql) throws Exception {
        try (Connection c = DATABASE.connect();
                var statement = c.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
