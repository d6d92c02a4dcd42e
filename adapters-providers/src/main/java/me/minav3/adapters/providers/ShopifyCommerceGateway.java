package me.minav3.adapters.providers;

import static me.minav3.mma.common.Json.obj;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import me.minav3.adapters.providers.http.Fault;
import me.minav3.adapters.providers.http.HttpCall;
import me.minav3.adapters.providers.http.ProviderCall;
import me.minav3.adapters.providers.http.ProviderHttp;
import me.minav3.adapters.providers.http.Repeat;
import me.minav3.adapters.providers.http.Timeouts;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.ProviderTrace;
import me.minav3.mma.error.ProviderFailure.Kind;
import me.minav3.mma.shopify.CommerceGateway;
import me.minav3.mma.shopify.ShopifyApiVersion;
import org.jspecify.annotations.Nullable;

/**
 * Shopify Admin GraphQL: tags a customer with the {@code tagsAdd} mutation. GraphQL answers 200 even when it
 * refuses: {@code userErrors} (a refused input) and top-level {@code errors} are failures too, and only a
 * {@code THROTTLED} error is retried.
 */
final class ShopifyCommerceGateway implements CommerceGateway {

    static final String NAME = "shopify";
    static final Timeouts TIMEOUTS = Timeouts.ofMillis(5_000, 10_000, 60_000, 4);
    static final String TAGS_ADD = """
            mutation tagsAdd($id: ID!, $tags: [String!]!) {
              tagsAdd(id: $id, tags: $tags) {
                node { id }
                userErrors { field message }
              }
            }""";

    private final Function<ShopifyApiVersion, URI> endpoint;
    private final Supplier<ShopifyApiVersion> version;
    private final String adminToken;
    private final ProviderHttp http;

    /**
     * @param endpoint the Admin GraphQL URL of an API version
     * @param version  the version to call, asked on every call (config may move it)
     */
    ShopifyCommerceGateway(
            Function<ShopifyApiVersion, URI> endpoint,
            Supplier<ShopifyApiVersion> version,
            String adminToken,
            ProviderHttp http) {
        this.endpoint = endpoint;
        this.version = version;
        this.adminToken = adminToken;
        this.http = http;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProviderTrace addCustomerTags(long shopifyCustomerId, List<String> tags) {
        if (shopifyCustomerId <= 0
                || tags == null
                || tags.isEmpty()
                || tags.stream().anyMatch(t -> t == null || t.isBlank())) {
            throw new IllegalArgumentException("a customer id and at least one non-blank tag are needed");
        }
        ProviderCall call = http.start(NAME, TIMEOUTS);
        Map<String, Object> body = obj(
                "query",
                TAGS_ADD,
                "variables",
                obj("id", "gid://shopify/Customer/" + shopifyCustomerId, "tags", List.copyOf(tags)));
        Map<String, Object> reply = http.send(
                        call,
                        HttpCall.post(
                                "tagsAdd",
                                endpoint.apply(version.get()),
                                Map.of("X-Shopify-Access-Token", adminToken),
                                body,
                                Repeat.IDEMPOTENT),
                        ShopifyCommerceGateway::judge)
                .body();
        Map<String, Object> result = Json.object(Json.object(reply, "data"), "tagsAdd");
        if (result.isEmpty()) {
            throw call.failure(Kind.MALFORMED_REPLY, "reply has no data.tagsAdd");
        }
        List<Object> userErrors = Json.list(result, "userErrors");
        if (!userErrors.isEmpty()) {
            throw call.failure(Kind.CLIENT_ERROR, "tagsAdd refused: " + messages(userErrors));
        }
        return call.trace();
    }

    /** Top-level GraphQL {@code errors}: THROTTLED passes with time; access and query errors do not. */
    static @Nullable Fault judge(int status, Map<String, Object> body) {
        Fault byStatus = Fault.forStatus(status, Fault.detail(body));
        if (byStatus != null || !(body.get("errors") instanceof List<?> errors) || errors.isEmpty()) {
            return byStatus;
        }
        String message = "GraphQL errors: " + messages(Json.list(body, "errors"));
        String code = errors.get(0) instanceof Map<?, ?> first && first.get("extensions") instanceof Map<?, ?> ext
                ? String.valueOf(ext.get("code"))
                : "";
        return switch (code) {
            case "THROTTLED" -> Fault.unsent(Kind.RATE_LIMITED, message);
            case "ACCESS_DENIED" -> Fault.stop(Kind.AUTH, message);
            case "INTERNAL_SERVER_ERROR" -> Fault.retry(Kind.SERVER_ERROR, message);
            default -> Fault.stop(Kind.CLIENT_ERROR, message);
        };
    }

    private static String messages(List<Object> errors) {
        return errors.stream()
                .map(error ->
                        error instanceof Map<?, ?> map ? String.valueOf(map.get("message")) : String.valueOf(error))
                .reduce((a, b) -> a + "; " + b)
                .orElse("");
    }
}
