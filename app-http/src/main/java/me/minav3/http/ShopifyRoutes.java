package me.minav3.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import me.minav3.http.shopify.ShopifyWebhook;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.TakeBackRecord;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.shopify.CheckoutLinks;
import me.minav3.mma.shopify.ListRefunds;

/**
 * Spec §5: the Shopify order and refund webhooks (signed, raw body), checkout links for matcha packs, and the
 * console's read of refunds: what each refunded line took back and what it could not (decision 029).
 */
public final class ShopifyRoutes {

    private static final String SHOP = "shopify";

    private static final int DEFAULT_REFUNDS = 100;

    private final ShopifyWebhook webhook;
    private final CheckoutLinks links;
    private final ListRefunds refunds;

    public ShopifyRoutes(ShopifyWebhook webhook, CheckoutLinks links, ListRefunds refunds) {
        this.webhook = webhook;
        this.links = links;
        this.refunds = refunds;
    }

    void register(Api api) {
        api.post(
                "/api/shopify/orders-paid",
                Api.Access.PUBLIC,
                SHOP,
                "Shopify order webhook (orders/paid, orders/create): X-Shopify-Hmac-Sha256 over the raw body",
                webhookDoc(
                        "shopifyOrderWebhook",
                        "orders/paid or orders/create (others are acknowledged, ignored)",
                        "A Shopify order"),
                ctx -> answer(ctx, webhook.handle(cappedBody(ctx), ctx.headerMap())));
        api.post(
                "/api/shopify/refunds",
                Api.Access.PUBLIC,
                SHOP,
                "Shopify refund webhook (refunds/create): takes back the refunded pack lines' matcha, never below zero",
                webhookDoc(
                                "shopifyRefundWebhook",
                                "refunds/create (order topics are applied as orders; others acknowledged, ignored)",
                                "A Shopify refund (id, order_id, refund_line_items)")
                        .answer(400, ApiSchemas.PROBLEM_JSON, ApiSchemas.ref(ApiSchemas.PROBLEM)),
                ctx -> answer(ctx, webhook.handleRefund(cappedBody(ctx), ctx.headerMap())));
        api.get(
                "/api/admin/refunds",
                Api.Access.ADMIN,
                "admin",
                "Shopify refund lines, newest first: matcha owed, taken back and not taken back (already spent)",
                Api.Doc.of()
                        .id("adminRefunds")
                        .query("pass_id", "only this customer's refunds", Json.obj("type", "string"))
                        .query(
                                "limit",
                                "how many lines",
                                Json.obj(
                                        "type",
                                        "integer",
                                        "minimum",
                                        1,
                                        "maximum",
                                        ListRefunds.MAX,
                                        "default",
                                        DEFAULT_REFUNDS))
                        .json(200, "RefundList")
                        .problems(404, 422),
                this::refundList);
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
                                "how many packs",
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

    /** A signed Shopify webhook: the signature, topic and delivery headers, the raw body, its answers. */
    private static Api.Doc webhookDoc(String id, String topics, String body) {
        return Api.Doc.of()
                .id(id)
                .security(ApiSchemas.shopifySignature())
                .header("X-Shopify-Topic", topics, Json.obj("type", "string"))
                .header("X-Shopify-Webhook-Id", "the delivery's id", Json.obj("type", "string"))
                .content(
                        Api.JSON,
                        Json.obj(
                                "type",
                                "object",
                                "description",
                                body + ", exactly as Shopify sends it (signed: never re-serialize it)"))
                .json(200, "WebhookAnswer")
                .answer(401, ApiSchemas.PROBLEM_JSON, ApiSchemas.ref(ApiSchemas.PROBLEM))
                .problems(413, 503);
    }

    private static void answer(Context ctx, ShopifyWebhook.Response response) {
        ctx.status(response.status()).json(response.body()).contentType(response.contentType());
    }

    private void refundList(Context ctx) {
        String passId = ctx.queryParam("pass_id");
        PassId filter;
        try {
            filter = passId == null || passId.isBlank() ? null : PassId.parse(passId.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("pass_id: " + e.getMessage());
        }
        int limit = limit(ctx.queryParam("limit"));
        List<TakeBackRecord> lines = refunds.list(filter, limit);
        ctx.json(Json.obj(
                "pass_id",
                filter == null ? null : filter.value(),
                "refunds",
                lines.stream().map(ShopifyRoutes::refundLine).toList(),
                "owed",
                lines.stream().mapToLong(TakeBackRecord::owed).sum(),
                "taken",
                lines.stream().mapToLong(TakeBackRecord::taken).sum(),
                "not_taken_back",
                lines.stream().mapToLong(TakeBackRecord::notTakenBack).sum()));
    }

    private static int limit(@org.jspecify.annotations.Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_REFUNDS;
        }
        try {
            int limit = Integer.parseInt(raw.strip());
            if (limit >= 1 && limit <= ListRefunds.MAX) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidInput("limit must be a whole number from 1 to " + ListRefunds.MAX);
    }

    /** One refund line as the console reads it ({@code GET /api/admin/refunds}). */
    private static Map<String, Object> refundLine(TakeBackRecord r) {
        return Json.obj(
                "take_back_id",
                r.id().value(),
                "pass_id",
                r.passId().value(),
                "refund_id",
                r.detail().get("refund_id"),
                "order_id",
                r.detail().get("order_id"),
                "refund_line_id",
                r.detail().get("refund_line_id"),
                "line_item_id",
                r.detail().get("line_item_id"),
                "sku",
                r.detail().get("sku"),
                "quantity",
                r.detail().get("quantity"),
                "purchase_id",
                r.purchase().value(),
                "owed",
                r.owed(),
                "taken",
                r.taken(),
                "not_taken_back",
                r.notTakenBack(),
                "status",
                r.status().wire(),
                "created_at",
                r.at().toString());
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
        if (quantity < 1 || quantity > CheckoutLinks.MAX_QUANTITY) {
            throw new InvalidInput(
                    "quantity must be between 1 and " + CheckoutLinks.MAX_QUANTITY + ", was " + quantity);
        }
        String chosen = pack != null ? pack : links.defaultPack().orElse(null);
        var url =
                chosen == null ? java.util.Optional.<String>empty() : links.forPack(chosen, quantity, caller.passId());
        String link = url.orElseThrow(() -> new NotFound(
                links.configured()
                        ? "no such matcha pack" + (pack == null ? "" : " " + pack)
                        : "the shop is not set up on this server"));
        ctx.json(Json.obj("url", link, "pack", chosen, "quantity", quantity, "packs", links.packs()));
    }
}
