package me.minav3.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import me.minav3.http.shopify.ShopifyWebhook;
import me.minav3.mma.common.Json;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.shopify.CheckoutLinks;

/** Spec §5: the Shopify order webhook (signed, raw body) and checkout links for matcha packs. */
public final class ShopifyRoutes {

    private static final String SHOP = "shopify";

    private final ShopifyWebhook webhook;
    private final CheckoutLinks links;

    public ShopifyRoutes(ShopifyWebhook webhook, CheckoutLinks links) {
        this.webhook = webhook;
        this.links = links;
    }

    void register(Api api) {
        api.post(
                "/api/shopify/orders-paid",
                Api.Access.PUBLIC,
                SHOP,
                "Shopify order webhook (orders/paid, orders/create): X-Shopify-Hmac-Sha256 over the raw body",
                Api.Doc.of()
                        .id("shopifyOrderWebhook")
                        .security(ApiSchemas.shopifySignature())
                        .header(
                                "X-Shopify-Topic",
                                "orders/paid or orders/create (others are acknowledged, ignored)",
                                Json.obj("type", "string"))
                        .header("X-Shopify-Webhook-Id", "the delivery's id", Json.obj("type", "string"))
                        .content(
                                Api.JSON,
                                Json.obj(
                                        "type",
                                        "object",
                                        "description",
                                        "A Shopify order, exactly as "
                                                + "Shopify sends it (signed: never re-serialize it)"))
                        .json(200, "WebhookAnswer")
                        .answer(401, ApiSchemas.PROBLEM_JSON, ApiSchemas.ref(ApiSchemas.PROBLEM))
                        .problems(413, 503),
                this::webhook);
        api.get(
                "/api/checkout",
                Api.Access.USER,
                SHOP,
                "Checkout link for a matcha pack (pack=MINA-50, quantity=1)",
                Api.Doc.of()
                        .id("checkout")
                        .query(
                                "pack",
                                "a pack's SKU (the default pack when left out)",
                                Json.obj("type", "string", "examples", java.util.List.of("MINA-50")))
                        .query(
                                "quantity",
                                "how many packs (with pack)",
                                Json.obj(
                                        "type",
                                        "integer",
                                        "minimum",
                                        1,
                                        "maximum",
                                        CheckoutLinks.MAX_QUANTITY,
                                        "default",
                                        1))
                        .json(200, "Checkout")
                        .problems(400, 404, 422),
                this::checkout);
    }

    private void webhook(Context ctx) throws IOException {
        ShopifyWebhook.Response response = webhook.handle(cappedBody(ctx), ctx.headerMap());
        ctx.status(response.status()).json(response.body()).contentType(response.contentType());
    }

    /**
     * The raw body, refused (413) beyond {@link ShopifyWebhook#MAX_BODY_BYTES} before the signature is checked and
     * without reading more than the cap: an unsigned sender cannot make the server hold a large body.
     */
    private static byte[] cappedBody(Context ctx) throws IOException {
        int cap = ShopifyWebhook.MAX_BODY_BYTES;
        if (ctx.contentLength() > cap) {
            throw tooLarge(cap);
        }
        byte[] body;
        try (InputStream in = ctx.bodyInputStream()) {
            body = in.readNBytes(cap + 1);
        }
        if (body.length > cap) {
            throw tooLarge(cap);
        }
        return body;
    }

    private static HttpProblem tooLarge(int cap) {
        return new HttpProblem(413, "Body too large", "a webhook body is at most " + cap / (1024 * 1024) + " MB");
    }

    private void checkout(Context ctx) {
        Caller caller = Caller.of(ctx);
        String pack = ctx.queryParam("pack");
        int quantity;
        try {
            quantity = ctx.queryParam("quantity") == null ? 1 : Integer.parseInt(ctx.queryParam("quantity"));
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest("quantity must be a whole number");
        }
        var url = pack == null ? links.forDefaultPack(caller.passId()) : links.forPack(pack, quantity, caller.passId());
        String link = url.orElseThrow(() -> new NotFound(
                links.configured()
                        ? "no such matcha pack" + (pack == null ? "" : " " + pack)
                        : "the shop is not set up on this server"));
        ctx.json(Json.obj(
                "url", link, "pack", pack == null ? links.defaultPack().orElse(null) : pack, "packs", links.packs()));
    }
}
