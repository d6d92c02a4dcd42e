package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditTransaction;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/generations/{id}/edits} on the real server with the local editor (issue 23, decision 045): each
 * tool makes a new still whose parent is the edited one, paid from the pool; the SVG is served in its sandbox;
 * attacks and bad input are refused with a problem, writing and charging nothing.
 */
class EditHttpTest extends DefaultServerTestBase {

    private static final String CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";

    @Test
    void everyToolRunsThroughTheLocalEditorAndIsPaidFromThePool() throws Exception {
        String token = server.token("editor@example.com");
        PassId passId = server.customer(token, 0);
        String still = server.finishedStill(token, "a pear on linen");
        setBalance(passId, 9);
        JsonNode me = server.get("/api/me", token).json().get("edit");
        assertThat(me.get("prices").get("eraser").asText()).isEqualTo("1/2");
        assertThat(me.get("prices").get("remove-background").asText()).isEqualTo("1/5");
        assertThat(me.get("prices").get("upscale").asText()).isEqualTo("1/10");
        assertThat(me.get("pool").asText()).isEqualTo("0");
        BufferedImage source = image(server.get("/api/generations/" + still, token)
                .json()
                .get("output_url")
                .asText());
        int w = source.getWidth();
        int h = source.getHeight();
        String mask = upload(token, mask(w, h, w / 3, h / 3, w / 6, h / 6));

        var erased =
                edit(token, still, "{\"tool\":\"eraser\",\"mask_url\":\"%s\",\"request_id\":\"e-1\"}".formatted(mask));
        assertThat(erased.status()).isEqualTo(202);
        assertThat(erased.json().get("tool_pool").asText()).isEqualTo("1/2");
        assertThat(erased.json().get("credits_left").asLong()).isEqualTo(8);
        assertThat(erased.json().get("stream_url").asText()).endsWith("/stream");
        JsonNode eraser = finished(erased, token);
        assertThat(eraser.get("parent_id").asText()).isEqualTo(still);
        assertThat(eraser.get("kind").asText()).isEqualTo("edit");
        BufferedImage result = image(eraser.get("output_url").asText());
        int changed = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean inMask = x >= w / 3 && x < w / 3 + w / 6 && y >= h / 3 && y < h / 3 + h / 6;
                if (!inMask) {
                    assertThat(result.getRGB(x, y) & 0xFFFFFF)
                            .as("outside the mask, %d,%d", x, y)
                            .isEqualTo(source.getRGB(x, y) & 0xFFFFFF);
                } else if (result.getRGB(x, y) != source.getRGB(x, y)) {
                    changed++;
                }
            }
        }
        assertThat(changed).as("pixels changed inside the mask").isGreaterThan((w / 6) * (h / 6) / 2);
        // the same request id again: the same run, nothing drawn
        var again =
                edit(token, still, "{\"tool\":\"eraser\",\"mask_url\":\"%s\",\"request_id\":\"e-1\"}".formatted(mask));
        assertThat(again.json().get("generation_id").asText())
                .isEqualTo(eraser.get("generation_id").asText());

        JsonNode inpaint = finished(
                edit(
                        token,
                        still,
                        "{\"tool\":\"inpaint\",\"mask_url\":\"%s\",\"prompt\":\"a red apple\"}".formatted(mask)),
                token);
        assertThat(image(inpaint.get("output_url").asText()).getWidth()).isEqualTo(w);

        JsonNode expand = finished(edit(token, still, "{\"tool\":\"expand\",\"aspect_ratio\":\"21:9\"}"), token);
        BufferedImage wide = image(expand.get("output_url").asText());
        assertThat(wide.getHeight()).isEqualTo(h);
        assertThat(wide.getWidth()).isEqualTo((int) Math.ceil(h * 21.0 / 9));
        var tooBig = edit(token, expand.get("generation_id").asText(), "{\"tool\":\"upscale\",\"scale\":4}");
        assertProblem(tooBig, 422, "5000");

        JsonNode cutout = finished(edit(token, still, "{\"tool\":\"remove-background\"}"), token);
        BufferedImage alpha = image(cutout.get("output_url").asText());
        assertThat(alpha.getColorModel().hasAlpha()).isTrue();
        assertThat(alpha.getRGB(0, 0) >>> 24).as("a corner is background").isLessThan(128);

        JsonNode upscaled = finished(edit(token, still, "{\"tool\":\"upscale\",\"scale\":2}"), token);
        BufferedImage big = image(upscaled.get("output_url").asText());
        assertThat(List.of(big.getWidth(), big.getHeight())).containsExactly(2 * w, 2 * h);

        JsonNode vector = finished(edit(token, still, "{\"tool\":\"vectorize\"}"), token);
        String svgUrl = vector.get("output_url").asText();
        assertThat(svgUrl).endsWith(".svg");
        var svg = server.send(HttpRequest.newBuilder(URI.create(svgUrl)).GET().build());
        assertThat(svg.status()).isEqualTo(200);
        assertThat(svg.header("Content-Type")).isEqualTo("image/svg+xml");
        assertThat(svg.header("Content-Security-Policy")).isEqualTo(CSP);
        assertThat(svg.header("X-Content-Type-Options")).isEqualTo("nosniff");
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        assertThat(factory.newDocumentBuilder()
                        .parse(new ByteArrayInputStream(svg.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .getDocumentElement()
                        .getLocalName())
                .isEqualTo("svg");
        assertProblem(
                edit(token, vector.get("generation_id").asText(), "{\"tool\":\"upscale\",\"scale\":2}"), 409, "SVG");
        assertProblem(
                server.post("/api/generations/" + vector.get("generation_id").asText() + "/animate", token, "{}"),
                409,
                "SVG");

        // ½ + ½ + ½ + ⅕ + 1/10 + ½ = 2 3/10: three matcha moved in, 7/10 left
        assertThat(server.get("/api/me", token).json().get("edit").get("pool").asText())
                .isEqualTo("7/10");
        assertThat(server.get("/api/me", token).json().get("credits").asLong()).isEqualTo(6);
        assertMoneyHolds(passId);
    }

    @Test
    void attacksAndBadInputWriteAndChargeNothing() throws Exception {
        String alice = server.token("alice.edits@example.com");
        PassId alicePass = server.customer(alice, 4);
        String bob = server.token("bob.edits@example.com");
        server.customer(bob, 4);
        String alicesStill = server.finishedStill(alice, "a cup");
        String bobsStill = server.finishedStill(bob, "a bowl");
        String bobsMask = upload(bob, mask(64, 64, 8, 8, 16, 16));
        String alicesMask = upload(alice, mask(64, 64, 8, 8, 16, 16));
        JsonNode before = server.get("/api/me", alice).json();
        int archived = server.get("/api/archive", alice).json().get("items").size();

        var anonymous = server.post("/api/generations/" + alicesStill + "/edits", null, "{\"tool\":\"vectorize\"}");
        assertThat(anonymous.status()).isEqualTo(401);
        assertProblem(edit(alice, bobsStill, "{\"tool\":\"vectorize\"}"), 404, "no generation");
        assertProblem(edit(alice, "not-an-id", "{\"tool\":\"vectorize\"}"), 404, "no generation");
        assertProblem(
                edit(alice, alicesStill, "{\"tool\":\"eraser\",\"mask_url\":\"%s\"}".formatted(bobsMask)), 422, "mask");
        assertProblem(
                edit(alice, alicesStill, "{\"tool\":\"eraser\",\"mask_url\":\"https://example.com/m.png\"}"),
                422,
                "mask");
        assertProblem(edit(alice, alicesStill, "{\"tool\":\"eraser\"}"), 422, "mask");
        assertProblem(
                edit(alice, alicesStill, "{\"tool\":\"inpaint\",\"mask_url\":\"%s\"}".formatted(alicesMask)),
                422,
                "prompt");
        assertProblem(edit(alice, alicesStill, "{\"tool\":\"sharpen\"}"), 422, "unknown tool");
        assertProblem(edit(alice, alicesStill, "{\"tool\":\"upscale\",\"scale\":3}"), 422, "2 or 4");
        assertProblem(edit(alice, alicesStill, "{\"tool\":\"expand\",\"aspect_ratio\":\"7:5\"}"), 422, "aspect");
        assertProblem(edit(alice, alicesStill, "{}"), 400, "tool");
        assertProblem(edit(alice, alicesStill, "{\"tool\":\"upscale\",\"scale\":\"two\"}"), 400, "scale");
        assertProblem(edit(alice, alicesStill, "{\"tool\":\"vectorize\",\"colour\":\"red\"}"), 400, "colour");
        assertProblem(edit(alice, alicesStill, "{\"tool\":"), 400, "");
        assertProblem(
                edit(alice, alicesStill, "{\"tool\":\"inpaint\",\"prompt\":\"" + "x".repeat(70_000) + "\"}"), 413, "");

        JsonNode after = server.get("/api/me", alice).json();
        assertThat(after.get("credits").asLong())
                .isEqualTo(before.get("credits").asLong());
        assertThat(after.get("edit").get("pool").asText()).isEqualTo("0");
        assertThat(server.get("/api/archive", alice).json().get("items").size()).isEqualTo(archived);
        assertMoneyHolds(alicePass);
    }

    @Test
    void aRunThePoolAndBalanceCannotPayIs402() {
        String token = server.token("broke.editor@example.com");
        PassId passId = server.customer(token, 0);
        String still = server.finishedStill(token, "a spoon");
        setBalance(passId, 0);

        assertProblem(edit(token, still, "{\"tool\":\"vectorize\"}"), 402, "");
        assertThat(server.get("/api/me", token).json().get("edit").get("pool").asText())
                .isEqualTo("0");
    }

    @Test
    void concurrentEditsOnOneMatchaKeepTheBalanceItsLedgerAndThePoolNeverNegative() throws Exception {
        String token = server.token("burst.editor@example.com");
        PassId passId = server.customer(token, 0);
        String still = server.finishedStill(token, "a teapot");
        setBalance(passId, 1);
        List<Future<TestServer.Reply>> replies = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                String body = "{\"tool\":\"remove-background\",\"request_id\":\"burst-%d\"}".formatted(i);
                replies.add(pool.submit(() -> edit(token, still, body)));
            }
        }
        int accepted = 0;
        for (Future<TestServer.Reply> reply : replies) {
            int status = reply.get().status();
            assertThat(status).isIn(202, 402);
            accepted += status == 202 ? 1 : 0;
        }

        assertThat(accepted).as("⅕ each: one matcha pays five").isEqualTo(5);
        assertThat(server.wiring.database().credits().toolPool(passId)).isZero();
        assertThat(server.get("/api/me", token).json().get("credits").asLong()).isZero();
        assertMoneyHolds(passId);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** Moves the balance to {@code matcha} by an admin adjustment (a ledger row, as support would). */
    private static void setBalance(PassId passId, long matcha) {
        long now =
                server.wiring.database().customers().find(passId).orElseThrow().credits();
        if (now != matcha) {
            server.wiring
                    .adjustCredits()
                    .adjust(
                            new me.minav3.mma.credits.AdjustCredits.Request(
                                    passId, matcha - now, "test balance", "edit-test-" + passId.localId()),
                            me.minav3.mma.common.Actor.SYSTEM);
        }
    }

    private static TestServer.Reply edit(String token, String generation, String json) {
        return server.post("/api/generations/" + generation + "/edits", token, json);
    }

    private static JsonNode finished(TestServer.Reply accepted, String token) {
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode run = server.awaitFinished(accepted.json().get("generation_id").asText(), token);
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("done");
        return run;
    }

    private static void assertProblem(TestServer.Reply reply, int status, String detail) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asText()).containsIgnoringCase(detail);
    }

    private static void assertMoneyHolds(PassId passId) {
        var credits = server.wiring.database().credits();
        long ledger = credits.history(passId, 1000).stream()
                .mapToLong(CreditTransaction::delta)
                .sum();
        assertThat(server.wiring
                        .database()
                        .customers()
                        .find(passId)
                        .orElseThrow()
                        .credits())
                .as("balance = ledger sum")
                .isEqualTo(ledger);
        assertThat(credits.toolPool(passId)).isNotNegative();
        assertThat(credits.poolDrifts()).noneMatch(d -> d.passId().equals(passId));
    }

    private static BufferedImage image(String url) throws Exception {
        HttpResponse<byte[]> response = server.http()
                .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        return ImageIO.read(new ByteArrayInputStream(response.body()));
    }

    private static byte[] mask(int w, int h, int x, int y, int mw, int mh) throws Exception {
        BufferedImage mask = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = mask.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(x, y, mw, mh);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(mask, "png", png);
        return png.toByteArray();
    }

    /** {@code POST /api/uploads} of {@code png} as the page sends a painted mask (kind inspiration). */
    private static String upload(String token, byte[] png) throws Exception {
        String boundary = "----mask" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\ninspiration\r\n")
                .getBytes());
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"mask.png\"\r\n"
                        + "Content-Type: image/png\r\n\r\n")
                .getBytes());
        body.write(png);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes());
        var reply = server.send(server.request("/api/uploads", token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().get("url").asText();
    }
}
