package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import me.minav3.adapters.postgres.TestDatabase;
import me.minav3.bootstrap.CompositionRoot;
import me.minav3.bootstrap.MinaSettings;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditOutcome;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.GrantCredits;
import me.minav3.mma.customers.CustomerProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decision 034: {@code GET /api/me/balance/stream} shows the open page a balance that rises after a signed
 * orders-paid webhook, from this process or another; nobody else's purchase reaches it; signing out ends it.
 */
class BalanceStreamHttpTest {

    private static final String SECRET = "shpss_balance_secret";
    private static final Map<String, String> ENV = Map.of("SHOPIFY_WEBHOOK_SECRET", SECRET);
    private static final AtomicLong ORDERS = new AtomicLong(920982911946154000L);

    @Test
    void aSignedPaidOrderRaisesTheOpenStreamsBalance() throws Exception {
        try (TestServer server = new TestServer(ENV)) {
            String token = server.token("riser@example.com");
            String passId = server.customer(token, 0).value();
            String ticket = postEmpty(server, "/api/me/balance/stream-ticket", token)
                    .json()
                    .get("ticket")
                    .asText();
            var stream = openedBalance(server, "/api/me/balance/stream?ticket=" + ticket, null, 105);

            assertThat(deliver(server, passId, 2).status()).isEqualTo(200);

            List<SseReader.Event> events = stream.get(10, TimeUnit.SECONDS);
            assertThat(events).extracting(SseReader.Event::name).containsOnly("balance");
            assertThat(events.get(0).data()).contains("\"balance\":5");
            assertThat(events.get(events.size() - 1).data())
                    .contains("\"balance\":105")
                    .contains("\"expires_at\":\"");
        }
    }

    @Test
    void aWebhookLandingOnAnotherProcessReachesTheStream() throws Exception {
        String database = TestDatabase.freshDatabaseUrlSetting();
        try (TestServer front = new TestServer(ENV, database, false);
                TestServer other = new TestServer(ENV, database, false)) {
            String token = front.token("split-buyer@example.com");
            String passId = front.customer(token, 0).value();
            var stream = openedBalance(front, "/api/me/balance/stream", token, 55);

            assertThat(deliver(other, passId, 1).status()).isEqualTo(200);

            // Well inside the stream's 10 s re-read: the notification carried it.
            assertThat(stream.get(5, TimeUnit.SECONDS).get(0).data()).contains("\"balance\":5");
        }
    }

    /** A one-shot CLI process never listens; it tells a server on its database as it closes (no 10 s re-read wait). */
    @Test
    void aCliGrantOnTheSameDatabaseReachesTheStreamAtOnce(@TempDir Path cliData) throws Exception {
        String database = TestDatabase.freshDatabaseUrlSetting();
        try (TestServer front = new TestServer(ENV, database, false)) {
            String token = front.token("cli-granted@example.com");
            String passId = front.customer(token, 0).value();
            var stream = SseReader.until(front, "/api/me/balance/stream", token, events -> shows(events, 12));
            awaitSubscribed(front, 1);

            try (CompositionRoot cli = CompositionRoot.start(MinaSettings.from(
                    Map.of("DATABASE_URL", database, "MINA_AUTH_SECRET", "test-secret-0123456789-0123456789-abcdef"),
                    cliData))) {
                var granted = cli.grantCredits()
                        .grant(
                                new GrantCredits.Request(
                                        PassId.parse(passId),
                                        Matcha.of(7),
                                        CreditReason.GRANT,
                                        "cli",
                                        "a support gesture",
                                        null,
                                        CustomerProfile.NONE),
                                Actor.cli("credits grant"));
                assertThat(granted).isInstanceOf(CreditOutcome.Applied.class);
            }

            // Well inside the stream's 10 s re-read: the closing CLI's notification carried it.
            List<SseReader.Event> events = stream.get(5, TimeUnit.SECONDS);
            assertThat(events.get(events.size() - 1).data()).contains("\"balance\":12,");
        }
    }

    @Test
    void anotherCustomersPurchaseNeverReachesMyStream() throws Exception {
        try (TestServer server = new TestServer(ENV)) {
            String mine = server.token("me@example.com");
            String myPassId = server.customer(mine, 0).value();
            String theirs = server.token("them@example.com");
            String theirPassId = server.customer(theirs, 0).value();
            var stream = SseReader.until(server, "/api/me/balance/stream", mine, events -> shows(events, 55));
            awaitSubscribed(server, 1);

            assertThat(deliver(server, theirPassId, 3).status()).isEqualTo(200); // theirs: 5 + 150
            assertThat(deliver(server, myPassId, 1).status()).isEqualTo(200); // mine: 5 + 50

            List<SseReader.Event> events = stream.get(10, TimeUnit.SECONDS);
            assertThat(events).extracting(SseReader.Event::data).noneMatch(d -> d.contains("\"balance\":155"));
            assertThat(events).extracting(SseReader.Event::data).allMatch(d -> d.contains("\"balance\":5"));
        }
    }

    @Test
    void signingOutEndsTheStreamAndItsTicketOpensNoOtherStream() throws Exception {
        try (TestServer server = new TestServer(ENV)) {
            String token = server.token("leaver@example.com");
            server.customer(token, 0);
            CompletableFuture<List<SseReader.Event>> stream =
                    SseReader.until(server, "/api/me/balance/stream", token, events -> false);
            awaitSubscribed(server, 1);

            assertThat(postEmpty(server, "/api/auth/logout", token).status()).isEqualTo(204);

            assertThat(stream.get(10, TimeUnit.SECONDS))
                    .extracting(SseReader.Event::name)
                    .containsExactly("balance");
            assertThat(server.wiring.balances().subscriberCount()).isZero();
            assertThatThrownBy(() -> SseReader.until(server, "/api/me/balance/stream", token, e -> true)
                            .get(10, TimeUnit.SECONDS))
                    .hasMessageContaining("401");
        }
    }

    @Test
    void theStreamIsRefusedWithoutALoginOrWithAGenerationsTicket() throws Exception {
        try (TestServer server = new TestServer(ENV)) {
            assertThat(server.send(server.request("/api/me/balance/stream", null)
                                    .header("Accept", "text/event-stream")
                                    .GET()
                                    .build())
                            .status())
                    .isEqualTo(401);
            assertThat(postEmpty(server, "/api/me/balance/stream-ticket", null).status())
                    .isEqualTo(401);
            String token = server.token("ticketed@example.com");
            server.customer(token, 2);
            String still = server.post("/api/stills", token, "{\"brief\":\"a tin\"}")
                    .json()
                    .get("generation_id")
                    .asText();
            String generationTicket = postEmpty(server, "/api/generations/" + still + "/stream-ticket", token)
                    .json()
                    .get("ticket")
                    .asText();
            String balanceTicket = postEmpty(server, "/api/me/balance/stream-ticket", token)
                    .json()
                    .get("ticket")
                    .asText();
            assertThat(server.send(server.request("/api/me/balance/stream?ticket=" + generationTicket, null)
                                    .header("Accept", "text/event-stream")
                                    .GET()
                                    .build())
                            .status())
                    .isEqualTo(401);
            assertThat(server.send(server.request("/api/generations/" + still + "/stream?ticket=" + balanceTicket, null)
                                    .header("Accept", "text/event-stream")
                                    .GET()
                                    .build())
                            .status())
                    .isEqualTo(401);
        }
    }

    /**
     * A balance stream, once its first event is here. The stream subscribes and then writes the balance it reads, so
     * a purchase that lands between the two already shows in that first event; a test that checks the first event
     * shows the balance before a purchase makes the purchase after it.
     */
    private static CompletableFuture<List<SseReader.Event>> openedBalance(
            TestServer server, String path, String token, long until) throws InterruptedException {
        CountDownLatch first = new CountDownLatch(1);
        var stream = SseReader.until(server, path, token, events -> {
            first.countDown();
            return shows(events, until);
        });
        assertThat(first.await(10, TimeUnit.SECONDS))
                .as("the stream's first balance")
                .isTrue();
        return stream;
    }

    private static boolean shows(List<SseReader.Event> events, long balance) {
        return events.stream().anyMatch(e -> e.data().contains("\"balance\":" + balance + ","));
    }

    private static void awaitSubscribed(TestServer server, int count) throws InterruptedException {
        for (int i = 0; i < 200 && server.wiring.balances().subscriberCount() < count; i++) {
            Thread.sleep(25);
        }
        assertThat(server.wiring.balances().subscriberCount()).isEqualTo(count);
    }

    /** A signed orders/paid delivery: {@code packs} × MINA-50 for {@code passId}. */
    static TestServer.Reply deliver(TestServer server, String passId, int packs) throws Exception {
        return deliver(server, passId, packs, SECRET);
    }

    /** The same, signed with {@code secret} (the server's {@code SHOPIFY_WEBHOOK_SECRET}). */
    static TestServer.Reply deliver(TestServer server, String passId, int packs, String secret) throws Exception {
        long order = ORDERS.incrementAndGet();
        String body = """
                {"id": %d, "email": "buyer@example.com", "financial_status": "paid", "test": false,
                 "processed_at": "2026-11-25T10:00:00Z", "customer": null,
                 "note_attributes": [{"name": "mina_pass_id", "value": "%s"}],
                 "line_items": [{"id": %d, "sku": "MINA-50", "quantity": %d, "title": "50 matcha"}]}""".formatted(order, passId, order + 1, packs);
        return server.send(server.request("/api/shopify/orders-paid", null)
                .header("Content-Type", "application/json")
                .header("X-Shopify-Hmac-Sha256", sign(body, secret))
                .header("X-Shopify-Topic", "orders/paid")
                .header("X-Shopify-Webhook-Id", "w-" + order)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static TestServer.Reply postEmpty(TestServer server, String path, String token) {
        return server.send(server.request(path, token)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    private static String sign(String body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
