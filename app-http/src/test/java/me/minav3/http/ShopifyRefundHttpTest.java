package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditOutcome;
import me.minav3.mma.credits.CreditTransaction;
import me.minav3.mma.shopify.WebhookSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 20.2 over HTTP, on PostgreSQL: signed {@code refunds/create} deliveries to {@code POST /api/shopify/refunds}
 * take back a refunded pack line's matcha once, never below zero, and {@code GET /api/admin/refunds} shows what
 * could not be taken back (decision 029).
 */
class ShopifyRefundHttpTest {

    private static final String SECRET = "shpss_refund_test_secret";
    private static final AtomicLong IDS = new AtomicLong(7_000_000_000L);
    private static TestServer server;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(Map.of("SHOPIFY_WEBHOOK_SECRET", SECRET));
        admin = server.adminToken("boss@example.com");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static long id() {
        return IDS.incrementAndGet();
    }

    private static TestServer.Reply deliver(String path, String topic, String body, String signature) {
        HttpRequest.Builder request = server.request(path, null)
                .header("Content-Type", "application/json")
                .header("X-Shopify-Hmac-Sha256", signature)
                .header("X-Shopify-Webhook-Id", "wh-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (topic != null) {
            request.header("X-Shopify-Topic", topic);
        }
        return server.send(request.build());
    }

    private static String sign(String body) {
        return new WebhookSignature(SECRET).sign(body.getBytes(StandardCharsets.UTF_8));
    }

    private static TestServer.Reply refund(String body) {
        return deliver("/api/shopify/refunds", "refunds/create", body, sign(body));
    }

    /** A paid order of {@code customer} (a new Shopify customer) with one MINA-50 line of {@code quantity}. */
    private static PassId paidOrder(long customer, long order, long lineItem, int quantity) {
        String body = """
                {"id": %d, "email": "c%d@example.com", "financial_status": "paid", "test": false,
                 "processed_at": "2026-11-25T10:00:00Z", "customer": {"id": %d, "email": "c%d@example.com"},
                 "line_items": [{"id": %d, "sku": "MINA-50", "quantity": %d, "title": "50 matcha"}]}""".formatted(order, customer, customer, customer, lineItem, quantity);
        assertThat(deliver("/api/shopify/orders-paid", "orders/paid", body, sign(body))
                        .status())
                .isEqualTo(200);
        return PassId.shopify(customer);
    }

    private static String refundBody(long refund, long order, long refundLine, long lineItem, int quantity) {
        return """
                {"id": %d, "order_id": %d, "created_at": "2026-11-26T09:00:00-05:00", "note": "changed my mind",
                 "user_id": 548380009, "processed_at": "2026-11-26T09:00:00-05:00", "restock": false, "duties": [],
                 "refund_line_items": [{"id": %d, "quantity": %d, "line_item_id": %d, "location_id": null,
                   "restock_type": "no_restock", "subtotal": 9.99, "total_tax": 0.0,
                   "line_item": {"id": %d, "variant_id": 4412345678901, "title": "50 matcha", "quantity": 2,
                                 "sku": "MINA-50", "product_id": 632910392, "price": "9.99"}}],
                 "transactions": [{"id": 179259969, "kind": "refund", "amount": "9.99", "status": "success"}],
                 "order_adjustments": []}""".formatted(refund, order, refundLine, quantity, lineItem, lineItem);
    }

    private static void spend(PassId passId, long matcha) {
        CreditOutcome spent = server.wiring
                .database()
                .credits()
                .post(CreditEntry.charge(
                        passId,
                        new GenerationId(UUID.randomUUID().toString()),
                        Matcha.of(matcha),
                        server.wiring.clock().now()));
        assertThat(spent).isInstanceOf(CreditOutcome.Applied.class);
    }

    private static long balance(PassId passId) {
        return server.wiring.database().customers().find(passId).orElseThrow().credits();
    }

    private static long ledgerSum(PassId passId) {
        return server.wiring.database().credits().history(passId, 1000).stream()
                .mapToLong(CreditTransaction::delta)
                .sum();
    }

    private static JsonNode refunds(PassId passId) {
        var reply = server.get("/api/admin/refunds?pass_id=" + passId.value(), admin);
        assertThat(reply.status()).isEqualTo(200);
        return reply.json();
    }

    @Test
    void boughtFiftySpentFortyFiveRefundedFiftyTakesFiveAndTheConsoleShowsFortyFiveNotTakenBack() {
        long order = id();
        long lineItem = id();
        PassId buyer = paidOrder(id(), order, lineItem, 1);
        spend(buyer, 45);
        long refundId = id();
        long refundLine = id();
        String body = refundBody(refundId, order, refundLine, lineItem, 1);

        var first = refund(body);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("status").asText()).isEqualTo("applied");
        assertThat(first.json().get("pass_id").asText()).isEqualTo(buyer.value());
        assertThat(first.json().get("taken").asLong()).isEqualTo(5);
        assertThat(first.json().get("not_taken_back").asLong()).isEqualTo(45);
        assertThat(first.json().get("balance").asLong()).isZero();
        assertThat(balance(buyer)).isZero().isEqualTo(ledgerSum(buyer));

        JsonNode listed = refunds(buyer);
        assertThat(listed.get("not_taken_back").asLong()).isEqualTo(45);
        assertThat(listed.get("refunds")).singleElement().satisfies(line -> {
            assertThat(line.get("take_back_id").asText())
                    .isEqualTo("credit_transaction:shopify_refund:" + refundId + ":" + refundLine);
            assertThat(line.get("refund_id").asLong()).isEqualTo(refundId);
            assertThat(line.get("order_id").asLong()).isEqualTo(order);
            assertThat(line.get("sku").asText()).isEqualTo("MINA-50");
            assertThat(line.get("owed").asLong()).isEqualTo(50);
            assertThat(line.get("taken").asLong()).isEqualTo(5);
            assertThat(line.get("not_taken_back").asLong()).isEqualTo(45);
            assertThat(line.get("status").asText()).isEqualTo("partly_taken_back");
        });

        // Shopify retries the same delivery, after the customer bought more: nothing changes.
        paidOrder(Long.parseLong(buyer.localId()), id(), id(), 2);
        for (int i = 0; i < 3; i++) {
            var replay = refund(body);
            assertThat(replay.status()).isEqualTo(200);
            assertThat(replay.json().get("status").asText()).isEqualTo("already_applied");
            assertThat(replay.json().get("taken").asLong()).isEqualTo(5);
        }
        assertThat(balance(buyer)).isEqualTo(100).isEqualTo(ledgerSum(buyer));
        assertThat(refunds(buyer).get("refunds")).hasSize(1);
    }

    @Test
    void twoRefundsOfOneOrderEachTakeBackTheirPacksAndAThirdOwesNothing() {
        long order = id();
        long lineItem = id();
        PassId buyer = paidOrder(id(), order, lineItem, 2);

        var first = refund(refundBody(id(), order, id(), lineItem, 1));
        var second = refund(refundBody(id(), order, id(), lineItem, 1));
        var third = refund(refundBody(id(), order, id(), lineItem, 1));

        assertThat(first.json().get("taken").asLong()).isEqualTo(50);
        assertThat(second.json().get("taken").asLong()).isEqualTo(50);
        assertThat(third.json().get("owed").asLong()).isZero();
        assertThat(third.json().get("lines").get(0).get("status").asText()).isEqualTo("nothing_owed");
        assertThat(balance(buyer)).isZero().isEqualTo(ledgerSum(buyer));
        assertThat(refunds(buyer).get("refunds")).hasSize(3);
    }

    @Test
    void concurrentDeliveriesOfOneRefundTakeBackOnce() throws Exception {
        long order = id();
        long lineItem = id();
        PassId buyer = paidOrder(id(), order, lineItem, 2);
        String body = refundBody(id(), order, id(), lineItem, 1);
        int deliveries = 16;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<TestServer.Reply>> work = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) {
            work.add(() -> {
                start.await();
                return refund(body);
            });
        }
        List<TestServer.Reply> replies = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(deliveries)) {
            List<Future<TestServer.Reply>> futures = new ArrayList<>();
            for (Callable<TestServer.Reply> c : work) {
                futures.add(pool.submit(c));
            }
            start.countDown();
            for (Future<TestServer.Reply> f : futures) {
                replies.add(f.get());
            }
        }

        assertThat(replies).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(replies.stream().filter(r -> r.json().get("status").asText().equals("applied")))
                .hasSize(1);
        assertThat(replies)
                .allSatisfy(r -> assertThat(r.json().get("taken").asLong()).isEqualTo(50));
        assertThat(balance(buyer)).isEqualTo(50).isEqualTo(ledgerSum(buyer));
        assertThat(refunds(buyer).get("refunds")).hasSize(1);
    }

    @Test
    void aRefundOfAnOrderWeNeverCreditedIsAnsweredAndRecordedAndTakesNothing() {
        long refundId = id();
        var reply = refund(refundBody(refundId, id(), id(), id(), 1));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("status").asText()).isEqualTo("not_credited");
        assertThat(reply.json().get("taken").asLong()).isZero();
        assertThat(server.wiring.database().audit().recent(1000))
                .anySatisfy(a -> assertThat(a.id()).isEqualTo("admin_audit:shopify.refund:" + refundId));
    }

    @Test
    void aRefundDeliveredToTheOrdersUrlIsAppliedNotDropped() {
        long order = id();
        long lineItem = id();
        PassId buyer = paidOrder(id(), order, lineItem, 1);
        String body = refundBody(id(), order, id(), lineItem, 1);

        var reply = deliver("/api/shopify/orders-paid", "refunds/create", body, sign(body));

        assertThat(reply.json().get("status").asText()).isEqualTo("applied");
        assertThat(balance(buyer)).isZero();
    }

    @Test
    void aForgedRefundIs401AndAnUnreadableSignedOneIs400AndNeitherWritesAnything() {
        long order = id();
        long lineItem = id();
        PassId buyer = paidOrder(id(), order, lineItem, 1);
        // The buyer's tagging writes its own audit row after the order; let it land before counting.
        assertThat(server.wiring.shopify().tagging().awaitIdle(java.time.Duration.ofSeconds(30)))
                .isTrue();
        int audits = server.wiring.database().audit().recent(100_000).size();
        int takeBacks =
                server.wiring.database().credits().takeBacks(null, 100_000).size();
        String body = refundBody(id(), order, id(), lineItem, 1);

        var forged = deliver("/api/shopify/refunds", "refunds/create", body, "bm90IGEgc2lnbmF0dXJl");
        var unsigned = deliver("/api/shopify/refunds", "refunds/create", body, "");
        String tampered = body.replace("\"quantity\": 1", "\"quantity\": 9");
        var tamperedReply = deliver("/api/shopify/refunds", "refunds/create", tampered, sign(body));
        List<String> unreadable = List.of(
                "not json",
                "[]",
                "{\"order_id\": " + order + "}",
                "{\"id\": 1, \"order_id\": " + order + ", \"refund_line_items\": {}}",
                "{\"id\": 1, \"order_id\": " + order + ", \"refund_line_items\": [{\"id\": 2, \"quantity\": -1, "
                        + "\"line_item_id\": " + lineItem + "}]}",
                "{\"id\": 1, \"order_id\": " + order + ", \"refund_line_items\": [{\"id\": 2, \"quantity\": \"1\", "
                        + "\"line_item_id\": " + lineItem + "}]}");
        List<TestServer.Reply> bad =
                unreadable.stream().map(ShopifyRefundHttpTest::refund).toList();
        // No topic header: the refunds URL reads it as refunds/create.
        var noTopic = deliver("/api/shopify/refunds", null, "{\"id\": 1}", sign("{\"id\": 1}"));

        assertThat(forged.status()).isEqualTo(401);
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(tamperedReply.status()).isEqualTo(401);
        assertThat(forged.header("Content-Type")).startsWith("application/problem+json");
        assertThat(bad).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asText()).isNotBlank();
        });
        assertThat(noTopic.status()).isEqualTo(400);
        assertThat(balance(buyer)).isEqualTo(50);
        assertThat(server.wiring.database().audit().recent(100_000)).hasSize(audits);
        assertThat(server.wiring.database().credits().takeBacks(null, 100_000)).hasSize(takeBacks);
    }

    @Test
    void theRefundsReadIsForAdminsOnly() {
        long order = id();
        long lineItem = id();
        PassId buyer = paidOrder(id(), order, lineItem, 1);
        refund(refundBody(id(), order, id(), lineItem, 1));
        String user = server.token("nosy@example.com");

        assertThat(server.get("/api/admin/refunds", null).status()).isEqualTo(401);
        assertThat(server.get("/api/admin/refunds", user).status()).isEqualTo(403);
        assertThat(server.get("/api/admin/refunds?pass_id=" + buyer.value(), user)
                        .status())
                .isEqualTo(403);
        assertThat(server.get("/api/admin/refunds?pass_id=pass:shopify:1", admin)
                        .status())
                .isEqualTo(404);
        assertThat(server.get("/api/admin/refunds?pass_id=nobody", admin).status())
                .isEqualTo(422);
        assertThat(server.get("/api/admin/refunds?limit=0", admin).status()).isEqualTo(422);
        var all = server.get("/api/admin/refunds?limit=500", admin);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("pass_id").isNull()).isTrue();
        assertThat(all.json().get("refunds"))
                .anySatisfy(line -> assertThat(line.get("pass_id").asText()).isEqualTo(buyer.value()));
    }
}
