package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The mounted Shopify routes: the signed webhook credits once; /api/me and /api/checkout give the cart link. */
class ShopifyHttpTest {

    private static final String SECRET = "shpss_test_secret";
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(
                Map.of("SHOPIFY_WEBHOOK_SECRET", SECRET, "SHOPIFY_STORE_DOMAIN", "mina-test.myshopify.com"));
        server.wiring
                .publishConfig()
                .publish(
                        "mma.shopify",
                        Map.of(
                                "api_version",
                                "2026-10",
                                "customer_tag",
                                "Mina-users",
                                "variants",
                                Map.of("MINA-50", "4412345678901"),
                                "default_pack",
                                "MINA-50"),
                        me.minav3.mma.common.Actor.SYSTEM);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSignedPaidOrderCreditsItsBuyerOnceAndAForgedOneIsRefused() throws Exception {
        String token = server.token("buyer@example.com");
        String passId = server.get("/api/me", token).json().get("pass_id").asText();
        String order = """
                {"id": 820982911946154508, "email": "buyer@example.com", "financial_status": "paid", "test": false,
                 "processed_at": "2026-11-25T10:00:00Z", "customer": null,
                 "note_attributes": [{"name": "mina_pass_id", "value": "%s"}],
                 "line_items": [{"id": 866550311766439020, "sku": "MINA-50", "quantity": 2, "title": "50 matcha"}]}""".formatted(passId);
        var forged = server.send(server.request("/api/shopify/orders-paid", null)
                .header("Content-Type", "application/json")
                .header("X-Shopify-Hmac-Sha256", "bm90IGEgc2lnbmF0dXJl")
                .header("X-Shopify-Topic", "orders/paid")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(order))
                .build());
        assertThat(forged.status()).isEqualTo(401);

        for (int i = 0; i < 2; i++) {
            var delivered = server.send(server.request("/api/shopify/orders-paid", null)
                    .header("Content-Type", "application/json")
                    .header("X-Shopify-Hmac-Sha256", sign(order))
                    .header("X-Shopify-Topic", "orders/paid")
                    .header("X-Shopify-Webhook-Id", "w-1")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(order))
                    .build());
            assertThat(delivered.status()).isEqualTo(200);
        }
        assertThat(server.get("/api/me", token).json().get("credits").asLong())
                .as("5 welcome + 50 x 2, once")
                .isEqualTo(105);
    }

    @Test
    void meAndCheckoutGiveTheCartLinkWithThePassId() {
        String token = server.token("shopper@example.com");
        String passId = server.get("/api/me", token).json().get("pass_id").asText();

        String fromMe = server.get("/api/me", token).json().get("checkout_url").asText();
        String fromCheckout = server.get("/api/checkout?pack=MINA-50&quantity=2", token)
                .json()
                .get("url")
                .asText();

        assertThat(fromMe).startsWith("https://mina-test.myshopify.com/cart/4412345678901:1");
        assertThat(fromCheckout)
                .startsWith("https://mina-test.myshopify.com/cart/4412345678901:2")
                .contains(java.net.URLEncoder.encode(passId, StandardCharsets.UTF_8));
        assertThat(server.get("/api/checkout?pack=MINA-999", token).status()).isEqualTo(404);
    }

    @Test
    void checkoutTakesAQuantityFrom1To99AndRefusesTheRest() {
        String token = server.token("counter@example.com");
        server.get("/api/me", token);

        var three = server.get("/api/checkout?quantity=3", token).json();
        assertThat(three.get("url").asText()).contains("/cart/4412345678901:3");
        assertThat(three.get("pack").asText()).isEqualTo("MINA-50");
        assertThat(three.get("quantity").asInt()).isEqualTo(3);
        assertThat(server.get("/api/checkout?pack=MINA-50&quantity=99", token).status())
                .isEqualTo(200);
        for (String quantity : new String[] {"0", "100", "-1"}) {
            assertThat(server.get("/api/checkout?quantity=" + quantity, token).status())
                    .as("quantity %s", quantity)
                    .isEqualTo(422);
            assertThat(server.get("/api/checkout?pack=MINA-50&quantity=" + quantity, token)
                            .status())
                    .isEqualTo(422);
        }
        assertThat(server.get("/api/checkout?pack=MINA-50&quantity=two", token).status())
                .isEqualTo(400);
        assertThat(server.get("/api/checkout?quantity=3", null).status()).isEqualTo(401);
    }
}
