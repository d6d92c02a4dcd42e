package me.minav3.http.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTransaction;
import me.minav3.mma.customers.CustomerProfile;
import org.junit.jupiter.api.Test;

/** POST /api/shopify/orders-paid without the HTTP server: real payloads, real PostgreSQL, a local Shopify fake. */
class ShopifyWebhookTest extends ShopifyAppTest {

    private static final PassId ADA = PassId.shopify(7390123456789L);

    private List<CreditTransaction> ledger(PassId passId) {
        return app.wiring.database().credits().history(passId, 100);
    }

    @Test
    void aSignedOrdersPaidPayloadCreditsEveryPackLineTimesItsQuantityAndTagsTheBuyer() throws Exception {
        ShopifyWebhook.Response response = app.paid(Payloads.PACKS);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.body())
                .containsEntry("status", "credited")
                .containsEntry("pass_id", ADA.value())
                .containsEntry("owner_rule", "new_shopify_customer")
                .containsEntry("total", 300L)
                .containsEntry("newly_credited", 300L)
                .containsEntry("balance", 300L);
        assertThat(new ObjectMapper().writeValueAsString(response.body()))
                .as("the answer is plain JSON")
                .contains("\"lines\":[");
        assertThat(ledger(ADA))
                .extracting(t -> t.id().value(), CreditTransaction::delta)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "credit_transaction:shopify:5812345678901:14567890123001", 200L),
                        org.assertj.core.groups.Tuple.tuple(
                                "credit_transaction:shopify:5812345678901:14567890123002", 100L));
        assertThat(ledger(ADA)).allSatisfy(t -> assertThat(t.reason()).isEqualTo(CreditReason.PURCHASE));
        var customer = app.wiring.database().customers().find(ADA).orElseThrow();
        assertThat(customer.email()).isEqualTo("ada@example.com");
        assertThat(customer.shopifyCustomerId()).isEqualTo(7390123456789L);
        assertThat(customer.expiresAt())
                .isEqualTo(java.time.Instant.parse("2026-11-25T09:59:10Z").plus(java.time.Duration.ofDays(30)));

        app.awaitTagging();
        assertThat(app.tagCalls()).singleElement().satisfies(call -> {
            assertThat(call.getHeader("X-Shopify-Access-Token")).isEqualTo(ShopifyApp.ADMIN_TOKEN);
            var variables = new ObjectMapper().readTree(call.getBodyAsString()).path("variables");
            assertThat(variables.path("id").asText()).isEqualTo("gid://shopify/Customer/7390123456789");
            assertThat(variables.path("tags").get(0).asText()).isEqualTo("Mina-users");
        });
        assertThat(app.audits("shopify.tag"))
                .singleElement()
                .satisfies(a -> assertThat(a.detail())
                        .containsEntry("outcome", "tagged")
                        .containsEntry("provider", "shopify"));
        assertThat(app.wiring.database().credits().drifts()).isEmpty();
    }

    @Test
    void fiftyConcurrentDeliveriesOfOneOrderCreditOnceAndTagOnce() throws Exception {
        byte[] body = Payloads.bytes(Payloads.PACKS);
        List<Callable<ShopifyWebhook.Response>> deliveries = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            deliveries.add(() -> app.deliver(body, "orders/paid", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"));
        }
        List<ShopifyWebhook.Response> responses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(50)) {
            for (var future : pool.invokeAll(deliveries)) {
                responses.add(future.get());
            }
        }

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(responses.stream()
                        .mapToLong(r -> (Long) r.body().get("newly_credited"))
                        .sum())
                .isEqualTo(300);
        assertThat(ledger(ADA)).hasSize(2);
        assertThat(app.wiring.creditBalance().of(ADA).credits()).isEqualTo(300);
        assertThat(app.wiring.database().credits().drifts()).isEmpty();
        assertThat(app.wiring.database().customers().list(null, 10)).hasSize(1);
        app.awaitTagging();
        assertThat(app.tagCalls()).hasSize(1);
    }

    @Test
    void ordersCreateAndOrdersPaidOfOneOrderCreditOnce() {
        byte[] body = Payloads.bytes(Payloads.PACKS);

        var created = app.deliver(body, "orders/create", "wh-create");
        var paid = app.deliver(body, "orders/paid", "wh-paid");

        assertThat(created.body()).containsEntry("status", "credited");
        assertThat(paid.body())
                .containsEntry("status", "already_credited")
                .containsEntry("newly_credited", 0L)
                .containsEntry("balance", 300L);
        assertThat(ledger(ADA)).hasSize(2);
    }

    @Test
    void anUnpaidOrderCreateIsAcknowledgedAndTheLaterOrdersPaidCreditsIt() {
        String pending = Payloads.text(Payloads.PACKS)
                .replace("\"financial_status\": \"paid\"", "\"financial_status\": \"pending\"");

        var created = app.deliver(pending.getBytes(StandardCharsets.UTF_8), "orders/create", "wh-1");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body()).containsEntry("status", "not_paid");
        assertThat(app.wiring.database().customers().find(ADA)).isEmpty();

        assertThat(app.paid(Payloads.PACKS).body()).containsEntry("newly_credited", 300L);
    }

    @Test
    void aThousandForgedSignaturesAre401AndWriteNothing() {
        byte[] body = Payloads.bytes(Payloads.PACKS);
        byte[] inflated = Payloads.text(Payloads.PACKS)
                .replace("\"quantity\": 4,", "\"quantity\": 4000,")
                .getBytes(StandardCharsets.UTF_8);
        String genuine = new me.minav3.mma.shopify.WebhookSignature(ShopifyApp.SECRET).sign(body);
        long customers = app.rows("mega_customers");
        long ledgerRows = app.rows("mega_generations");
        long adminRows = app.rows("mega_admin");
        var random = new java.util.SplittableRandom(9);

        for (int i = 0; i < 1000; i++) {
            byte[] sent = i % 2 == 0 ? inflated : body;
            Map<String, String> headers = new java.util.HashMap<>(
                    Map.of("X-Shopify-Topic", "orders/paid", "X-Shopify-Webhook-Id", "forged-" + i));
            switch (i % 5) {
                case 0 -> headers.put("X-Shopify-Hmac-Sha256", genuine); // a real signature of other bytes
                case 1 ->
                    headers.put(
                            "X-Shopify-Hmac-Sha256",
                            java.util.Base64.getEncoder()
                                    .encodeToString(random.ints(32, 0, 256)
                                            .collect(
                                                    java.io.ByteArrayOutputStream::new,
                                                    (o, b) -> o.write(b),
                                                    (a, b) -> a.write(b.toByteArray(), 0, b.size()))
                                            .toByteArray()));
                case 2 ->
                    headers.put(
                            "X-Shopify-Hmac-Sha256",
                            new me.minav3.mma.shopify.WebhookSignature("guessed-" + i).sign(sent));
                case 3 -> headers.put("X-Shopify-Hmac-Sha256", "%%not-base64%%" + i);
                default -> {} // no signature at all
            }
            if (i % 5 == 0 && sent == body) {
                sent = Payloads.bytes(Payloads.NOTE);
            }
            var response = app.wiring.shopify().webhook().handle(sent, headers);
            assertThat(response.status()).as("forgery %d", i).isEqualTo(401);
            assertThat(response.contentType()).isEqualTo("application/problem+json");
        }

        assertThat(app.rows("mega_customers")).isEqualTo(customers).isZero();
        assertThat(app.rows("mega_generations")).isEqualTo(ledgerRows).isZero();
        assertThat(app.rows("mega_admin")).isEqualTo(adminRows);
        assertThat(app.tagCalls()).isEmpty();
    }

    @Test
    void withoutAConfiguredSecretEveryDeliveryIsRefused() {
        var unsigned = new ShopifyWebhook(
                new me.minav3.mma.shopify.WebhookSignature(null),
                app.wiring.shopify().orders(),
                app.wiring.shopify().refunds());
        byte[] body = Payloads.bytes(Payloads.PACKS);

        var response = unsigned.handle(
                body,
                Map.of(
                        "X-Shopify-Hmac-Sha256",
                        new me.minav3.mma.shopify.WebhookSignature(ShopifyApp.SECRET).sign(body)));

        assertThat(response.status()).isEqualTo(401);
        assertThat(app.rows("mega_generations")).isZero();
    }

    @Test
    void headerNamesMayComeInAnyCase() {
        byte[] body = Payloads.bytes(Payloads.PACKS);

        var response = app.wiring
                .shopify()
                .webhook()
                .handle(
                        body,
                        Map.of(
                                "x-shopify-hmac-sha256",
                                new me.minav3.mma.shopify.WebhookSignature(ShopifyApp.SECRET).sign(body),
                                "x-shopify-topic",
                                "orders/paid",
                                "x-shopify-webhook-id",
                                "lower-case"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(ledger(ADA).get(0).meta()).containsEntry("webhook_id", "lower-case");
    }

    @Test
    void theCheckoutLinksPassIdOfAnExistingCustomerIsCredited() {
        PassId alice = PassId.user("alice");
        app.wiring.database().customers().ensure(alice, CustomerProfile.NONE, app.clock.now());

        var response = app.paid(Payloads.NOTE);

        assertThat(response.body())
                .containsEntry("pass_id", "pass:user:alice")
                .containsEntry("owner_rule", "note_attribute")
                .containsEntry("balance", 50L);
        assertThat(app.wiring.database().customers().find(alice).orElseThrow().email())
                .isNull();
        assertThat(app.wiring.database().customers().find(PassId.shopify(7390123456790L)))
                .isEmpty();
        app.awaitTagging();
        assertThat(app.tagCalls()).as("the Shopify buyer is still tagged").hasSize(1);
    }

    @Test
    void aGuestCheckoutIsCreditedToTheCustomerOfItsEmailAndNothingIsTagged() {
        var response = app.paid(Payloads.GUEST);

        assertThat(response.body()).containsEntry("owner_rule", "guest_email").containsEntry("balance", 100L);
        PassId guest = PassId.parse((String) response.body().get("pass_id"));
        assertThat(guest.kind()).isEqualTo(PassId.Kind.USER);
        assertThat(app.wiring
                        .database()
                        .customers()
                        .findByEmail("guest.buyer@example.com")
                        .orElseThrow()
                        .passId())
                .isEqualTo(guest);
        app.awaitTagging();
        assertThat(app.tagCalls()).isEmpty();
    }

    @Test
    void anOrderWithoutAPackLineIsAcknowledgedAndRecordedButCreditsNobody() {
        var response = app.paid(Payloads.NO_PACK);
        app.paid(Payloads.NO_PACK);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).containsEntry("status", "no_pack_lines");
        assertThat(app.rows("mega_customers")).isZero();
        assertThat(app.audits("shopify.order")).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo("admin_audit:shopify.order:5812345678904:no_pack_lines");
            assertThat(a.actor()).isEqualTo("shopify");
            assertThat(a.route()).isEqualTo("/api/shopify/orders-paid");
        });
    }

    @Test
    void aValidSignatureOnJsonThatIsNotAnOrderIsAcknowledgedAuditedOnceAndCreditsNothing() {
        byte[] notAnOrder = "{\"id\": \"nope\", \"line_items\": \"none\"}".getBytes(StandardCharsets.UTF_8);

        var response = app.deliver(notAnOrder, "orders/paid", "wh-bad");
        var retried = app.deliver(notAnOrder, "orders/paid", "wh-bad");

        assertThat(response.status())
                .as("Shopify removes subscriptions that keep failing")
                .isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.body()).containsEntry("status", "not_an_order").containsKey("detail");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(app.rows("mega_generations")).as("nothing credited").isZero();
        assertThat(app.rows("mega_customers")).isZero();
        assertThat(app.audits("shopify.order"))
                .as("one row for the body, however often it comes")
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.id()).startsWith("admin_audit:shopify.order:not_an_order:");
                    assertThat(a.actor()).isEqualTo("shopify");
                    assertThat(a.status()).isEqualTo(200);
                    assertThat(a.detail())
                            .containsEntry("outcome", "not_an_order")
                            .containsEntry("webhook_id", "wh-bad")
                            .containsEntry("body_bytes", notAnOrder.length)
                            .containsKey("detail");
                });
    }

    @Test
    void theSameNonOrderBodyWithABadSignatureIsStill401AndAuditsNothing() {
        byte[] notAnOrder = "{\"hello\": \"shop\"}".getBytes(StandardCharsets.UTF_8);
        long adminRows = app.rows("mega_admin");

        var response = app.wiring
                .shopify()
                .webhook()
                .handle(
                        notAnOrder,
                        Map.of(
                                "X-Shopify-Topic",
                                "orders/paid",
                                "X-Shopify-Hmac-Sha256",
                                new me.minav3.mma.shopify.WebhookSignature("not-the-secret").sign(notAnOrder)));

        assertThat(response.status()).isEqualTo(401);
        assertThat(app.rows("mega_admin")).isEqualTo(adminRows);
    }

    @Test
    void otherTopicsAreAcknowledgedAndIgnored() {
        var response = app.deliver(Payloads.bytes(Payloads.PACKS), "refunds/create", "wh-refund");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).containsEntry("status", "ignored").containsEntry("topic", "refunds/create");
        assertThat(app.rows("mega_generations")).isZero();
    }
}
