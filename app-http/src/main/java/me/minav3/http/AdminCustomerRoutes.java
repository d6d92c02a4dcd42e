package me.minav3.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import me.minav3.mma.accounts.CustomerTimeline;
import me.minav3.mma.accounts.TimelineEntry;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.AdjustCredits;
import me.minav3.mma.customers.Customer;
import me.minav3.mma.customers.SearchCustomers;
import me.minav3.mma.error.InvalidInput;
import org.jspecify.annotations.Nullable;

/** The console's customer routes (issue 20): search customers, adjust a balance up or down with a reason. */
final class AdminCustomerRoutes {

    private static final String ADMIN = "admin";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    static final BodySpec ADJUST = BodySpec.named("CreditAdjustment", "A correction of a customer's balance")
            .required(
                    "delta",
                    BodySpec.Type.INTEGER,
                    "matcha to add, or to take away when negative (never below zero)",
                    "minimum",
                    -Matcha.MAX,
                    "maximum",
                    Matcha.MAX)
            .required("reason", BodySpec.Type.TEXT, "why (required; in the ledger and the audit)", "maxLength", 500)
            .optional(
                    "adjustment_id",
                    BodySpec.Type.TEXT,
                    "the client's id of this adjustment (or the Idempotency-Key header): the same id applies once",
                    "pattern",
                    "^[A-Za-z0-9._:-]{1,120}$")
            .example("delta", -5, "reason", "charged twice for one still", "adjustment_id", "adj-0f8e-1")
            .build();

    private final AdjustCredits adjustCredits;
    private final SearchCustomers searchCustomers;
    private final CustomerTimeline timeline;

    AdminCustomerRoutes(AdjustCredits adjustCredits, SearchCustomers searchCustomers, CustomerTimeline timeline) {
        this.adjustCredits = adjustCredits;
        this.searchCustomers = searchCustomers;
        this.timeline = timeline;
    }

    void register(Api api) {
        api.get(
                "/api/admin/customers",
                Api.Access.ADMIN,
                ADMIN,
                "Find customers by email (its start, any case), pass id or Shopify customer id",
                Api.Doc.of()
                        .id("searchCustomers")
                        .query(
                                "q",
                                "an email or its start, a pass id (or its last part), a Shopify customer id",
                                ApiSchemas.string("what to look for"))
                        .query(
                                "limit",
                                "how many per page (default 20)",
                                Json.obj("type", "integer", "minimum", 1, "maximum", SearchCustomers.MAX_LIMIT))
                        .query("cursor", "the next_cursor of the previous page", Json.obj("type", "string"))
                        .json(200, "CustomerPage")
                        .problems(400, 422),
                this::search);
        api.get(
                "/api/admin/customers/{pass_id}/timeline",
                Api.Access.ADMIN,
                ADMIN,
                "A customer's sessions, generations, events (with or without a generation) and credit movements, "
                        + "newest first",
                Api.Doc.of()
                        .id("customerTimeline")
                        .query(
                                "limit",
                                "how many per page (default 50)",
                                Json.obj("type", "integer", "minimum", 1, "maximum", CustomerTimeline.MAX_LIMIT))
                        .query("cursor", "the next_cursor of the previous page", Json.obj("type", "string"))
                        .json(200, "CustomerTimeline")
                        .problems(400, 404, 422),
                this::timeline);
        api.post(
                "/api/admin/customers/{pass_id}/credits",
                Api.Access.ADMIN,
                ADMIN,
                "Adjust a balance up or down with a reason (idempotent by adjustment_id / Idempotency-Key)",
                Api.Doc.of()
                        .id("adjustCredits")
                        .body(ADJUST)
                        .header(
                                IDEMPOTENCY_KEY,
                                "the adjustment id when the body has none",
                                ApiSchemas.string("1-120 letters, digits or . _ : -"))
                        .json(200, "CreditAdjusted")
                        .problems(404, 409, 422),
                this::adjust);
    }

    private void search(Context ctx) {
        String cursor = ctx.queryParam("cursor");
        int limit = limit(ctx, 20);
        SearchCustomers.Page page =
                searchCustomers.search(ctx.queryParam("q"), cursor == null ? null : AdminRoutes.passId(cursor), limit);
        ctx.json(Json.obj(
                "items",
                page.customers().stream().map(AdminCustomerRoutes::customer).toList(),
                "next_cursor",
                page.next() == null ? null : page.next().value()));
    }

    private void timeline(Context ctx) {
        PassId passId = AdminRoutes.passId(ctx.pathParam("pass_id"));
        CustomerTimeline.Page page = timeline.of(passId, timelineCursor(ctx.queryParam("cursor")), limit(ctx, 50));
        ctx.json(Json.obj(
                "pass_id",
                passId.value(),
                "entries",
                page.entries().stream()
                        .map(e -> Json.obj(
                                "kind",
                                e.kind().wire(),
                                "id",
                                e.id(),
                                "at",
                                e.at(),
                                "generation_id",
                                e.generationId(),
                                "detail",
                                e.detail()))
                        .toList(),
                "next_cursor",
                page.next() == null
                        ? null
                        : Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(
                                        (page.next().at() + "|" + page.next().id()).getBytes(StandardCharsets.UTF_8))));
    }

    private static TimelineEntry.@Nullable Cursor timelineCursor(@Nullable String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            return new TimelineEntry.Cursor(Instant.parse(parts[0]), parts[1]);
        } catch (RuntimeException e) {
            throw HttpProblem.badRequest("cursor is not one this API gave");
        }
    }

    private static int limit(Context ctx, int otherwise) {
        String limit = ctx.queryParam("limit");
        try {
            return limit == null ? otherwise : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest("limit is a whole number");
        }
    }

    static Map<String, Object> customer(Customer c) {
        return Json.obj(
                "pass_id",
                c.passId().value(),
                "email",
                c.email(),
                "shopify_customer_id",
                c.shopifyCustomerId(),
                "balance",
                c.credits(),
                "expires_at",
                c.expiresAt(),
                "disabled",
                c.disabled(),
                "deleted",
                c.deleted(),
                "created_at",
                c.createdAt(),
                "last_active",
                c.lastActive());
    }

    private void adjust(Context ctx) {
        Bodies body = Bodies.of(ctx, ADJUST);
        PassId passId = AdminRoutes.passId(ctx.pathParam("pass_id"));
        Long delta = body.longValue("delta");
        String key = adjustmentKey(body.text("adjustment_id"), ctx.header(IDEMPOTENCY_KEY));
        AdjustCredits.Request request;
        try {
            request = new AdjustCredits.Request(passId, delta == null ? 0 : delta, body.requiredText("reason"), key);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
        AdjustCredits.Result result = adjustCredits.adjust(request, actor(ctx));
        ctx.json(Json.obj(
                "pass_id",
                passId.value(),
                "credit_id",
                result.id().value(),
                "delta",
                request.delta(),
                "applied",
                result.applied(),
                "balance",
                result.balance()));
    }

    private static String adjustmentKey(@Nullable String inBody, @Nullable String inHeader) {
        if (inBody != null && inHeader != null && !inBody.equals(inHeader)) {
            throw new InvalidInput("adjustment_id and the Idempotency-Key header differ: send one id");
        }
        String key = inBody != null ? inBody : inHeader;
        if (key == null || key.isBlank()) {
            throw new InvalidInput(
                    "an adjustment id is required (adjustment_id or the Idempotency-Key header), so a retry applies once");
        }
        return key;
    }

    static Actor actor(Context ctx) {
        return new Actor(
                Caller.of(ctx).passId().value(),
                Routes.template(ctx),
                ctx.method().name());
    }
}
