package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.PassId;
import me.minav3.mma.studio.Identity;
import me.minav3.mma.studio.RevokeTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 16.5: a stream opens with a short-lived ticket bound to one generation and one customer; a bearer token in
 * the URL works nowhere.
 */
class StreamTicketTest {

    private static TestServer server;
    private static String owner;
    private static String ownerGeneration;
    private static String stranger;
    private static String strangerGeneration;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer();
        owner = server.token("owner@example.com");
        server.customer(owner, 3);
        ownerGeneration = server.finishedStill(owner, "the owner's teapot");
        stranger = server.token("stranger@example.com");
        server.customer(stranger, 3);
        strangerGeneration = server.finishedStill(stranger, "the stranger's cup");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String stream(String generation) {
        return "/api/generations/" + generation + "/stream";
    }

    private static String ticket(String generation, String token) {
        var reply = server.post(stream(generation) + "-ticket", token, "{}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("expires_in").asInt()).isLessThanOrEqualTo(60);
        return reply.json().get("ticket").asText();
    }

    @Test
    void theOwnersTicketOpensTheStreamWithoutABearerToken() {
        var reply = server.post(stream(ownerGeneration) + "-ticket", owner, "{}");
        String ticket = reply.json().get("ticket").asText();
        assertThat(reply.json().get("stream_url").asText()).isEqualTo(stream(ownerGeneration) + "?ticket=" + ticket);

        var events = SseReader.await(SseReader.open(server, stream(ownerGeneration) + "?ticket=" + ticket, null, null));

        assertThat(events).extracting(SseReader.Event::name).contains("message").endsWith("done");
        assertThat(SseReader.await(SseReader.open(server, stream(ownerGeneration) + "?ticket=" + ticket, null, null)))
                .as("re-opened within its minute, as EventSource does after a drop")
                .isNotEmpty();
    }

    @Test
    void aBearerTokenInTheUrlWorksOnNoStream() {
        List<String> streams = server.server.documentedRoutes().stream()
                .filter(r -> r.endsWith("/stream"))
                .map(r -> r.substring(r.indexOf(' ') + 1).replace("{id}", ownerGeneration))
                .toList();
        assertThat(streams).isNotEmpty();
        for (String path : streams) {
            var reply = server.get(path + "?access_token=" + owner, null);
            assertThat(reply.status()).as(path).isEqualTo(401);
            assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(server.get("/api/me?access_token=" + owner, null).status()).isEqualTo(401);
    }

    @Test
    void nobodyGetsATicketForSomeoneElsesGeneration() {
        assertThat(server.post(stream(ownerGeneration) + "-ticket", stranger, "{}")
                        .status())
                .isEqualTo(404);
        assertThat(server.post(stream(ownerGeneration) + "-ticket", null, "{}").status())
                .isEqualTo(401);
        assertThat(server.post(stream("generation:does-not-exist") + "-ticket", owner, "{}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anotherUsersTicketOrATicketForAnotherGenerationIsRefused() {
        String strangers = ticket(strangerGeneration, stranger);
        assertThat(server.get(stream(ownerGeneration) + "?ticket=" + strangers, null)
                        .status())
                .isEqualTo(401);

        String forOtherGeneration = ticket(server.finishedStill(owner, "another teapot"), owner);
        assertThat(server.get(stream(ownerGeneration) + "?ticket=" + forOtherGeneration, null)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void anExpiredOrForgedTicketIsRefused() {
        PassId ownerPass =
                PassId.parse(server.get("/api/me", owner).json().get("pass_id").asText());
        var login = new RevokeTokens.Presented(
                "jti:test", Instant.now(), Instant.now().plusSeconds(3600), false);
        Caller caller = new Caller(new Identity("u-owner", null, null, false), ownerPass);
        String expired = new StreamTickets(
                        server.wiring.authSecret(), () -> Instant.now().minusSeconds(61))
                .issue(caller, login, GenerationId.parse(ownerGeneration));
        String forged = new StreamTickets("another-secret-0123456789-0123456789-abcdef".getBytes(), Instant::now)
                .issue(caller, login, GenerationId.parse(ownerGeneration));

        var reply = server.get(stream(ownerGeneration) + "?ticket=" + expired, null);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("detail").asText()).contains("expired");
        assertThat(server.get(stream(ownerGeneration) + "?ticket=" + forged, null)
                        .status())
                .isEqualTo(401);
        assertThat(server.get(stream(ownerGeneration) + "?ticket=" + owner, null)
                        .status())
                .as("a bearer token as ticket")
                .isEqualTo(401);
    }

    @Test
    void aTicketIsNoBearerTokenAndOpensNothingButItsStream() {
        String ticket = ticket(ownerGeneration, owner);
        assertThat(server.get("/api/me", ticket).status()).isEqualTo(401);
        assertThat(server.get(stream(ownerGeneration), ticket).status()).isEqualTo(401);
        assertThat(server.get("/api/generations/" + ownerGeneration + "?ticket=" + ticket, null)
                        .status())
                .isEqualTo(401);
        assertThat(server.post(stream(ownerGeneration) + "-ticket?ticket=" + ticket, null, "{}")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aTicketDiesWithTheLoginItWasTradedFor() {
        String token = server.token("owner@example.com");
        String ticket = ticket(ownerGeneration, token);
        assertThat(server.post("/api/auth/logout", token, "{}").status()).isEqualTo(204);

        assertThat(server.get(stream(ownerGeneration) + "?ticket=" + ticket, null)
                        .status())
                .isEqualTo(401);
    }
}
