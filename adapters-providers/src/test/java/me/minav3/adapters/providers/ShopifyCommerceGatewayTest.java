package me.minav3.adapters.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static me.minav3.adapters.providers.Wire.json;
import static me.minav3.adapters.providers.Wire.okJson;
import static me.minav3.adapters.providers.Wire.tree;
import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import me.minav3.mma.common.ProviderTrace;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.error.ProviderFailure.Kind;
import org.junit.jupiter.api.Test;

class ShopifyCommerceGatewayTest extends ProviderContractTest {

    private static final String PATH = "/admin/api/2025-07/graphql.json";
    private static final long CUSTOMER = 7_390_123_456L;

    @Test
    void sendsTheTagsAddMutationForTheCustomerGid() {
        server.stubFor(post(PATH).willReturn(okJson(tagged())));

        ProviderTrace trace = tag();

        var sent = server.findAll(postRequestedFor(urlEqualTo(PATH))).get(0);
        assertThat(sent.getHeader("X-Shopify-Access-Token")).isEqualTo(SHOPIFY_TOKEN);
        assertThat(sent.getHeader("Content-Type")).startsWith("application/json");
        var body = tree(sent.getBodyAsString());
        assertThat(body.path("query").asText())
                .contains("mutation tagsAdd($id: ID!, $tags: [String!]!)")
                .contains("tagsAdd(id: $id, tags: $tags)")
                .contains("userErrors { field message }");
        assertThat(body.path("variables"))
                .isEqualTo(tree(
                        Wire.text(obj("id", "gid://shopify/Customer/" + CUSTOMER, "tags", List.of("Mina-users")))));
        assertThat(trace.attempts())
                .singleElement()
                .satisfies(a -> assertThat(a).containsEntry("status", 200));
        assertThat(trace.request()).containsEntry("url", server.baseUrl() + PATH);
    }

    @Test
    void userErrorsAreAFailureAndNotRetried() {
        server.stubFor(post(PATH)
                .willReturn(okJson(obj(
                        "data",
                        obj(
                                "tagsAdd",
                                obj(
                                        "node",
                                        null,
                                        "userErrors",
                                        List.of(obj(
                                                "field", List.of("id"), "message", "Customer does not exist"))))))));

        ProviderFailure failure = failure(this::tag);

        assertThat(failure.kind()).isEqualTo(Kind.CLIENT_ERROR);
        assertThat(failure.getMessage()).contains("Customer does not exist");
        assertThat(server.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(1);
    }

    @Test
    void aThrottledQueryIsRetried() {
        server.stubFor(post(PATH)
                .inScenario("throttle")
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("ok")
                .willReturn(okJson(obj(
                        "errors",
                        List.of(obj(
                                "message",
                                "Throttled",
                                "extensions",
                                obj(
                                        "code",
                                        "THROTTLED",
                                        "documentation",
                                        "https://shopify.dev/api/usage/rate-limits")))))));
        server.stubFor(
                post(PATH).inScenario("throttle").whenScenarioStateIs("ok").willReturn(okJson(tagged())));

        ProviderTrace trace = tag();

        assertThat(trace.attempts()).hasSize(2);
        assertThat((String) trace.attempts().get(0).get("error")).contains("Throttled");
        assertThat(time.sleeps()).hasSize(1);
    }

    @Test
    void aWrongTokenIsAnAuthFailureNotRetried() {
        server.stubFor(post(PATH)
                .willReturn(json(
                        401,
                        obj(
                                "errors",
                                "[API] Invalid API key or access token (unrecognized login or wrong password)"))));

        ProviderFailure failure = failure(this::tag);

        assertThat(failure.kind()).isEqualTo(Kind.AUTH);
        assertThat(failure.getMessage()).contains("Invalid API key or access token");
        assertThat(server.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(1);
    }

    @Test
    void serverErrorsAreRetriedWithBackoffUntilTheAttemptsRunOut() {
        server.stubFor(post(PATH).willReturn(aResponse().withStatus(503)));

        ProviderFailure failure = failure(this::tag);

        assertThat(failure.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(server.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(4);
        assertThat(time.sleeps()).hasSize(3);
    }

    @Test
    void theLoggingGatewayOnlyRecordsWhatItWouldHaveDone() {
        ProviderTrace trace = RealProviders.loggingCommerceGateway().addCustomerTags(CUSTOMER, List.of("Mina-users"));

        assertThat(RealProviders.loggingCommerceGateway().name()).isEqualTo("local");
        assertThat(trace.request()).containsEntry("customer_id", CUSTOMER).containsEntry("tags", List.of("Mina-users"));
        assertThat(trace.response()).containsEntry("logged_only", true);
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    private ProviderTrace tag() {
        return kept(providers.commerceGateways().get("shopify").addCustomerTags(CUSTOMER, List.of("Mina-users")));
    }

    /** A tagsAdd reply as documented. */
    private static Map<String, Object> tagged() {
        return obj(
                "data",
                        obj(
                                "tagsAdd",
                                obj("node", obj("id", "gid://shopify/Customer/" + CUSTOMER), "userErrors", List.of())),
                "extensions",
                        obj(
                                "cost",
                                obj(
                                        "requestedQueryCost",
                                        10,
                                        "actualQueryCost",
                                        10,
                                        "throttleStatus",
                                        obj(
                                                "maximumAvailable",
                                                2000.0,
                                                "currentlyAvailable",
                                                1990,
                                                "restoreRate",
                                                100.0))));
    }
}
