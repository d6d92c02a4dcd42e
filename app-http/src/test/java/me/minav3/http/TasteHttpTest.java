package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.common.PassId;
import org.junit.jupiter.api.Test;

/**
 * Issue 24 items 1, 2 and 4 over HTTP (decision 031): reactions where the later event wins, a dislike's hard block
 * in the next prompt, the download route, hiding a generation, and a tweak's recreate.
 */
class TasteHttpTest extends DefaultServerTestBase {

    private static long downloads(String id) {
        return server.wiring.database().events().about(GenerationId.parse(id)).stream()
                .filter(e -> e.type() == EventType.DOWNLOAD)
                .count();
    }

    private static JsonNode item(String token, String id) {
        for (JsonNode item : server.get("/api/archive?limit=50", token).json().get("items")) {
            if (item.get("generation_id").asText().equals(id)) {
                return item;
            }
        }
        return null;
    }

    @Test
    void theLaterReactionWinsOnTheArchiveAndTheGeneration() {
        String token = server.token("reacts@example.com");
        server.customer(token, 10);
        String id = server.finishedStill(token, "tea on linen, golden hour");

        assertThat(server.post("/api/generations/" + id + "/events", token, "{\"type\":\"like\"}")
                        .status())
                .isEqualTo(201);
        assertThat(item(token, id).get("liked").asBoolean()).isTrue();
        assertThat(item(token, id).get("disliked").asBoolean()).isFalse();
        assertThat(server.get("/api/generations/" + id, token)
                        .json()
                        .get("liked")
                        .asBoolean())
                .isTrue();

        server.post("/api/generations/" + id + "/events", token, "{\"type\":\"dislike\"}");
        assertThat(item(token, id).get("liked").asBoolean()).isFalse();
        assertThat(item(token, id).get("disliked").asBoolean()).isTrue();
        assertThat(server.get("/api/archive?liked=true", token).json().get("items"))
                .isEmpty();

        var cleared = server.post("/api/generations/" + id + "/events", token, "{\"type\":\"clear\"}");
        assertThat(cleared.status()).isEqualTo(201);
        assertThat(cleared.json().get("event_type").asText()).isEqualTo("clear");
        JsonNode after = server.get("/api/generations/" + id, token).json();
        assertThat(after.get("liked").asBoolean()).isFalse();
        assertThat(after.get("disliked").asBoolean()).isFalse();
        assertThat(server.get("/api/preferences", token)
                        .json()
                        .get("signals_used")
                        .asInt())
                .isZero();
        assertThat(server.wiring.database().events().about(GenerationId.parse(id)))
                .extracting(MmaEvent::type)
                .containsSubsequence(EventType.LIKE, EventType.DISLIKE, EventType.CLEAR);
    }

    @Test
    void aLikeShowsInLearnedWeightsAndADislikesHardBlockReachesTheNextPrompt() {
        String token = server.token("blocks@example.com");
        server.customer(token, 10);
        String liked = server.finishedStill(token, "tea on linen, golden hour");
        server.post("/api/generations/" + liked + "/events", token, "{\"type\":\"like\"}");
        JsonNode taste = server.get("/api/preferences", token).json();
        assertThat(taste.get("learned").get("golden hour").asDouble()).isEqualTo(1.0);
        assertThat(taste.get("hard_blocks")).isEmpty();

        String neon = server.finishedStill(token, "a neon bar at night");
        var disliked = server.post(
                "/api/generations/" + neon + "/events", token, "{\"type\":\"dislike\",\"hard_block\":\"Neon\"}");
        assertThat(disliked.status()).isEqualTo(201);
        assertThat(server.get("/api/preferences", token).json().get("hard_blocks"))
                .extracting(JsonNode::asText)
                .containsExactly("neon");

        JsonNode learned = server.get("/api/preferences", token).json().get("learned");
        assertThat(learned.size()).isPositive();
        java.util.Map<String, Double> expected = new java.util.LinkedHashMap<>();
        learned.fields()
                .forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asDouble()));

        String next = server.finishedStill(token, "matcha with neon signs");
        var document = server.wiring.database().generations().get(GenerationId.parse(next));
        assertThat(document.document().preferences().hardBlocks()).containsExactly("neon");
        assertThat(document.document().preferences().tagWeights()).isEqualTo(expected);
        assertThat(document.prompt()).doesNotContainIgnoringCase("neon");

        var refused = server.post(
                "/api/generations/" + liked + "/events", token, "{\"type\":\"like\",\"hard_block\":\"pink\"}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(server.get("/api/preferences", token).json().get("hard_blocks"))
                .extracting(JsonNode::asText)
                .containsExactly("neon");
    }

    @Test
    void theDownloadIsTheOwnersFileWithANameAndOneEventPerCall() throws Exception {
        String token = server.token("downloads@example.com");
        server.customer(token, 10);
        String id = server.finishedStill(token, "a matcha whisk");
        String output = server.get("/api/generations/" + id, token)
                .json()
                .get("output_url")
                .asText();
        byte[] stored = server.http()
                .send(
                        HttpRequest.newBuilder(java.net.URI.create(output)).build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .body();

        HttpResponse<byte[]> download = server.http()
                .send(
                        server.request("/api/generations/" + id + "/download", token)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(stored);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("image/png");
        String shortId = GenerationId.parse(id).value().replace("-", "");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                .matches("attachment; filename=\"minav3-\\d{4}-\\d{2}-\\d{2}-[0-9a-z]{8}\\.png\"")
                .endsWith(shortId.substring(shortId.length() - 8) + ".png\"");
        assertThat(downloads(id)).isEqualTo(1);
        server.get("/api/generations/" + id + "/download", token);
        assertThat(downloads(id)).isEqualTo(2);

        String stranger = server.token("stranger@example.com");
        server.customer(stranger, 1);
        var theirs = server.get("/api/generations/" + id + "/download", stranger);
        assertThat(theirs.status()).isEqualTo(404);
        assertThat(theirs.body()).doesNotContain(token).contains("no generation");
        assertThat(server.get("/api/generations/" + id + "/download", null).status())
                .isEqualTo(401);
        assertThat(server.get("/api/generations/generation:nope/download", token)
                        .status())
                .isEqualTo(404);
        assertThat(downloads(id)).isEqualTo(2);
    }

    @Test
    void hidingKeepsTheLedgerAndTheAuditAndIsGoneForTheOwnerOnly() {
        String token = server.token("hides@example.com");
        PassId passId = server.customer(token, 10);
        String id = server.finishedStill(token, "a teapot on a shelf");
        String kept = server.finishedStill(token, "a cup on a shelf");
        String stranger = server.token("hider@example.com");
        server.customer(stranger, 1);
        var db = server.wiring.database();
        long balance = db.customers().find(passId).orElseThrow().credits();
        var ledger = db.credits().history(passId, 100);
        var audit = db.audit().recent(1000);
        assertThat(server.delete("/api/generations/" + id, stranger).status()).isEqualTo(404);
        assertThat(server.delete("/api/generations/" + id, null).status()).isEqualTo(401);
        assertThat(server.get("/api/generations/" + id, token).status()).isEqualTo(200);

        assertThat(server.delete("/api/generations/" + id, token).status()).isEqualTo(204);
        assertThat(server.delete("/api/generations/" + id, token).status()).isEqualTo(204);

        assertThat(server.get("/api/archive?limit=50", token).json().get("items"))
                .extracting(i -> i.get("generation_id").asText())
                .containsExactly(kept);
        assertThat(server.get("/api/generations/" + id, token).status()).isEqualTo(404);
        assertThat(server.get("/api/generations/" + id + "/download", token).status())
                .isEqualTo(404);
        assertThat(server.get("/api/generations/" + id + "/recreate", token).status())
                .isEqualTo(404);
        assertThat(server.post("/api/generations/" + id + "/tweak", token, "{\"feedback\":\"x\"}")
                        .status())
                .isEqualTo(404);
        assertThat(db.customers().find(passId).orElseThrow().credits()).isEqualTo(balance);
        assertThat(db.credits().history(passId, 100)).isEqualTo(ledger);
        assertThat(db.credits().drifts()).noneMatch(d -> d.passId().equals(passId));
        assertThat(db.audit().recent(1000)).isEqualTo(audit);
        assertThat(db.generations().find(GenerationId.parse(id))).isPresent(); // the back office still sees it
        assertThat(server.get("/api/admin/generations/" + id, server.adminToken("boss@example.com"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void recreatingATweakLoadsItsFeedback() {
        String token = server.token("recreates@example.com");
        server.customer(token, 10);
        String parent = server.finishedStill(token, "a matcha latte");
        String tweak = server.post("/api/generations/" + parent + "/tweak", token, "{\"feedback\":\"warmer light\"}")
                .json()
                .get("generation_id")
                .asText();
        server.awaitFinished(tweak, token);

        JsonNode recreate =
                server.get("/api/generations/" + tweak + "/recreate", token).json();

        assertThat(recreate.get("kind").asText()).isEqualTo("tweak");
        assertThat(recreate.get("brief").asText()).isEqualTo("warmer light");
        assertThat(recreate.get("feedback").asText()).isEqualTo("warmer light");
        assertThat(recreate.get("parent_brief").asText()).isEqualTo("a matcha latte");
        assertThat(recreate.get("parent_id").asText()).isEqualTo(parent);
    }
}
