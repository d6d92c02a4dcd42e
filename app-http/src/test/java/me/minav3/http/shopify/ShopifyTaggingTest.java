package me.minav3.http.shopify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import me.minav3.mma.common.PassId;
import org.junit.jupiter.api.Test;

/** Tagging through the real Shopify adapter against a local fake: its failures never touch the credit. */
class ShopifyTaggingTest extends ShopifyAppTest {

    private static final PassId ADA = PassId.shopify(7390123456789L);

    @Test
    void aRefusedTagsAddLeavesTheCreditAndShowsInTheAudit() {
        shopify.stubFor(post(ShopifyApp.GRAPHQL).willReturn(okJson("""
                {"data": {"tagsAdd": {"node": null, "userErrors": [{"field": ["id"], "message": "Customer does not exist"}]}}}""")));

        var response = app.paid(Payloads.PACKS);
        app.awaitTagging();

        assertThat(response.body()).containsEntry("newly_credited", 300L);
        assertThat(app.wiring.creditBalance().of(ADA).credits()).isEqualTo(300);
        assertThat(app.audits("shopify.tag")).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(502);
            assertThat(a.detail())
                    .containsEntry("outcome", "failed")
                    .containsEntry("attempts", 1)
                    .containsEntry("order_id", 5812345678901L);
            assertThat(a.detail().get("error").toString())
                    .startsWith("client_error:")
                    .contains("Customer does not exist");
        });
        assertThat(app.tagCalls()).hasSize(1);
    }

    @Test
    void aWrongAdminTokenIsAnAuditedFailureThatIsNotRetriedAndLeaksNoToken() {
        shopify.stubFor(
                post(ShopifyApp.GRAPHQL)
                        .willReturn(
                                aResponse()
                                        .withStatus(401)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"errors\": \"[API] Invalid API key or access token (unrecognized login or wrong password)\"}")));

        app.paid(Payloads.PACKS);
        app.awaitTagging();

        assertThat(app.wiring.creditBalance().of(ADA).credits()).isEqualTo(300);
        assertThat(app.audits("shopify.tag")).singleElement().satisfies(a -> {
            assertThat(a.detail().get("error").toString()).startsWith("auth:");
            assertThat(a.detail().toString()).doesNotContain(ShopifyApp.ADMIN_TOKEN);
        });
        assertThat(app.tagCalls()).hasSize(1);
    }

    @Test
    void aReplayAfterAFailedTaggingTagsAgainWithoutCreditingAgain() {
        shopify.stubFor(post(ShopifyApp.GRAPHQL)
                .willReturn(aResponse().withStatus(403).withBody("{\"errors\": \"forbidden\"}")));
        app.paid(Payloads.PACKS);
        app.awaitTagging();
        shopify.resetAll();
        shopify.stubFor(post(ShopifyApp.GRAPHQL).willReturn(okJson("""
                {"data": {"tagsAdd": {"node": {"id": "gid://shopify/Customer/7390123456789"}, "userErrors": []}}}""")));

        var replay = app.wiring
                .shopify()
                .orders()
                .apply(
                        ShopifyOrderJson.parse(Payloads.bytes(Payloads.PACKS)),
                        me.minav3.mma.shopify.Delivery.replay(
                                me.minav3.mma.common.Actor.cli("shopify replay"), "orders/paid"));
        app.awaitTagging();

        assertThat(replay)
                .isInstanceOfSatisfying(
                        me.minav3.mma.shopify.OrderOutcome.Credited.class,
                        c -> assertThat(c.alreadyCredited()).isTrue());
        assertThat(app.wiring.creditBalance().of(ADA).credits()).isEqualTo(300);
        assertThat(app.audits("shopify.tag"))
                .extracting(a -> a.detail().get("outcome"))
                .containsExactlyInAnyOrder("failed", "tagged");
    }

    @Test
    void aStoredOutOfSupportVersionFallsForwardToTheDefaultAndAPublishedOneMovesTheCalls() {
        // A running installation keeps the v1 value it was seeded with.
        app.wiring
                .publishConfig()
                .publish("mma.shopify", java.util.Map.of("api_version", "2025-07"), me.minav3.mma.common.Actor.SYSTEM);
        shopify.stubFor(post(urlPathMatching("/admin/api/[^/]+/graphql.json")).willReturn(okJson("""
                {"data": {"tagsAdd": {"node": {"id": "gid://shopify/Customer/7390123456789"}, "userErrors": []}}}""")));

        app.paid(Payloads.PACKS);
        app.awaitTagging();
        var warning = app.wiring.shopifyApiVersion().current().warning();
        app.clock.advance(java.time.Duration.ofHours(1));
        app.wiring
                .publishConfig()
                .publish("mma.shopify", java.util.Map.of("api_version", "2026-04"), me.minav3.mma.common.Actor.SYSTEM);
        app.deliver(Payloads.bytes(Payloads.PACKS), "orders/updated", "wh-later");
        app.awaitTagging();

        assertThat(shopify.findAll(postRequestedFor(urlPathMatching("/admin/api/.*"))))
                .extracting(r -> r.getUrl())
                .containsExactly("/admin/api/2026-10/graphql.json", "/admin/api/2026-04/graphql.json");
        assertThat(warning).contains("2025-07").contains("out of support").contains("2026-10");
        assertThat(app.wiring.shopifyApiVersion().current().warning()).isNull();
    }
}
