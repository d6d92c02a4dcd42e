package me.minav3.http.shopify;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import me.minav3.adapters.postgres.DatabaseUrl;
import me.minav3.adapters.postgres.TestDatabase;
import me.minav3.bootstrap.CompositionRoot;
import me.minav3.bootstrap.MinaSettings;
import me.minav3.mma.audit.AuditEntry;
import me.minav3.mma.shopify.WebhookSignature;
import me.minav3.mma.testing.MutableClock;

/**
 * The whole product (the real {@link CompositionRoot}) on a fresh PostgreSQL database, on a clock the test moves, with a
 * local WireMock server standing in for the shop's Admin GraphQL API.
 */
final class ShopifyApp implements AutoCloseable {

    static final String SECRET = "shpss_0123456789abcdef_webhook_secret";
    static final String ADMIN_TOKEN = "shpat_test_0123456789abcdef";
    static final String GRAPHQL = "/admin/api/2026-10/graphql.json";

    final MutableClock clock = new MutableClock();
    final WireMockServer shop;
    final DatabaseUrl database = TestDatabase.freshUrl();
    final CompositionRoot wiring;

    ShopifyApp(WireMockServer shop, Path dataDir) {
        this.shop = shop;
        shop.resetAll();
        shop.stubFor(post(GRAPHQL).willReturn(okJson("""
                {"data": {"tagsAdd": {"node": {"id": "gid://shopify/Customer/7390123456789"}, "userErrors": []}},
                 "extensions": {"cost": {"requestedQueryCost": 10, "actualQueryCost": 10}}}""")));
        this.wiring = CompositionRoot.start(
                MinaSettings.from(
                        Map.of(
                                "DATABASE_URL",
                                database.setting(),
                                "MINA_DB_POOL_SIZE",
                                "20",
                                "SHOPIFY_WEBHOOK_SECRET",
                                SECRET,
                                "SHOPIFY_STORE_DOMAIN",
                                shop.baseUrl(),
                                "SHOPIFY_ADMIN_TOKEN",
                                ADMIN_TOKEN),
                        dataDir),
                clock);
    }

    /** Delivers a payload as Shopify would: signed with the secret, with the topic and webhook id headers. */
    ShopifyWebhook.Response deliver(byte[] body, String topic, String webhookId) {
        return wiring.shopify()
                .webhook()
                .handle(
                        body,
                        Map.of(
                                "X-Shopify-Hmac-Sha256",
                                new WebhookSignature(SECRET).sign(body),
                                "X-Shopify-Topic",
                                topic,
                                "X-Shopify-Webhook-Id",
                                webhookId,
                                "X-Shopify-Shop-Domain",
                                "mina-shop.myshopify.com",
                                "X-Shopify-API-Version",
                                "2026-10"));
    }

    ShopifyWebhook.Response paid(String payload) {
        return deliver(Payloads.bytes(payload), "orders/paid", "wh-" + payload);
    }

    void awaitTagging() {
        if (!wiring.shopify().tagging().awaitIdle(Duration.ofSeconds(60))) {
            throw new AssertionError("tagging did not finish");
        }
    }

    List<LoggedRequest> tagCalls() {
        return shop.findAll(postRequestedFor(urlEqualTo(GRAPHQL)));
    }

    List<AuditEntry> audits(String action) {
        return wiring.database().audit().recent(1000).stream()
                .filter(a -> a.action().equals(action))
                .toList();
    }

    /** Rows in one of the three MEGA tables (read straight from PostgreSQL). */
    long rows(String table) {
        try (Connection c = database.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM public." + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        wiring.close();
    }
}
