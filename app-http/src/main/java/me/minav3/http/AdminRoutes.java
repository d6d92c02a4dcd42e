package me.minav3.http;

import io.javalin.http.Context;
import me.minav3.mma.accounts.CustomerTimeline;
import me.minav3.mma.audit.AdminAudit;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.PassId;
import me.minav3.mma.config.ConfigVersion;
import me.minav3.mma.config.ConfigVersions;
import me.minav3.mma.config.PublishConfig;
import me.minav3.mma.credits.AdjustCredits;
import me.minav3.mma.credits.CreditBalance;
import me.minav3.mma.credits.CreditOutcome;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.GrantCredits;
import me.minav3.mma.credits.ReconcileCredits;
import me.minav3.mma.customers.CustomerProfile;
import me.minav3.mma.customers.SearchCustomers;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.generation.ErrorReport;
import me.minav3.mma.generation.SearchGenerations;
import me.minav3.mma.studio.GenerationTrail;

/** Spec §10: everything an admin sees and does. Every call is audited (actor, route, method, status). */
public final class AdminRoutes {

    private static final String ADMIN = "admin";

    /** What the back office reads and does, each a core use case. */
    public record UseCases(
            SearchGenerations generations,
            GenerationTrail trail,
            CreditBalance creditBalance,
            GrantCredits grantCredits,
            AdjustCredits adjustCredits,
            SearchCustomers searchCustomers,
            CustomerTimeline customerTimeline,
            ErrorReport errorReport,
            ReconcileCredits reconcileCredits,
            ConfigVersions configVersions,
            PublishConfig publishConfig,
            AdminAudit audit) {}

    private final UseCases useCases;

    public AdminRoutes(UseCases useCases) {
        this.useCases = useCases;
    }

    static final BodySpec GRANT = BodySpec.named("GrantRequest", "Matcha for a customer")
            .required("pass_id", BodySpec.Type.TEXT, "the customer")
            .required("amount", BodySpec.Type.INTEGER, "how much", "minimum", 1, "maximum", Matcha.MAX)
            .optional("reason", BodySpec.Type.TEXT, "why (shown in the ledger)")
            .optional("purchase", BodySpec.Type.BOOLEAN, "a purchase rather than a gift (false by default)")
            .optional("request_id", BodySpec.Type.TEXT, "makes the grant idempotent")
            .example("pass_id", "pass:user:0f8e", "amount", 10, "reason", "support", "request_id", "ticket-1")
            .build();
    static final BodySpec PUBLISH = BodySpec.named("PublishConfig", "The next value of a config key")
            .required("value", BodySpec.Type.OBJECT, "the whole new value")
            .example("value", Json.obj("still", 1, "tweak", 1, "video_per_second", 3))
            .build();

    void register(Api api) {
        var admin = Api.Access.ADMIN;
        api.get(
                "/api/admin/generations",
                admin,
                ADMIN,
                "Every generation (pass_id, status, mode, provider, error_kind, from, to, limit, cursor)",
                Api.Doc.of()
                        .id("adminGenerations")
                        .parameters(Paging.parameters(true))
                        .json(200, "GenerationPage")
                        .problems(400, 422),
                this::generations);
        api.get(
                "/api/admin/generations/{id}",
                admin,
                ADMIN,
                "One generation with every step payload, event and its provider cost",
                Api.Doc.of().id("adminGeneration").json(200, "GenerationTrail").problems(404),
                this::generation);
        api.get(
                "/api/admin/customers/{pass_id}/credits",
                admin,
                ADMIN,
                "A customer's balance and credit transactions",
                Api.Doc.of().id("customerCredits").json(200, "CustomerCredits").problems(404, 422),
                this::credits);
        new AdminCustomerRoutes(useCases.adjustCredits(), useCases.searchCustomers(), useCases.customerTimeline())
                .register(api);
        new AdminConfigRoutes(useCases.configVersions(), useCases.publishConfig()).register(api);
        new AdminErrorRoutes(useCases.errorReport()).register(api);
        api.post(
                "/api/admin/credits/grant",
                admin,
                ADMIN,
                "Grant matcha (idempotent by request_id)",
                Api.Doc.of()
                        .id("grantCredits")
                        .body(GRANT)
                        .json(200, "GrantResult")
                        .problems(404, 422),
                this::grant);
        api.get(
                "/api/admin/reconcile",
                admin,
                ADMIN,
                "Balances that differ from their ledger sum",
                Api.Doc.of().id("reconcileReport").json(200, "ReconcileReport"),
                this::reconcile);
        api.post(
                "/api/admin/reconcile",
                admin,
                ADMIN,
                "Write a correcting ledger row for each drift",
                Api.Doc.of().id("reconcileFix").json(200, "ReconcileReport"),
                this::reconcileFix);
        api.get(
                "/api/admin/config",
                admin,
                ADMIN,
                "Every config key with its newest version",
                Api.Doc.of().id("configList").json(200, "ConfigList"),
                this::configList);
        api.get(
                "/api/admin/config/{key}",
                admin,
                ADMIN,
                "A config key: newest value and its versions",
                Api.Doc.of().id("configShow").json(200, "ConfigHistory").problems(404),
                this::configShow);
        api.post(
                "/api/admin/config/{key}",
                admin,
                ADMIN,
                "Publish the next version of a config key",
                Api.Doc.of()
                        .id("configPublish")
                        .body(PUBLISH)
                        .json(200, "ConfigVersion")
                        .problems(404, 422),
                this::configPublish);
        api.get(
                "/api/admin/audit",
                admin,
                ADMIN,
                "The newest audit entries",
                Api.Doc.of().id("auditLog").json(200, "AuditLog"),
                this::audit);
    }

    /**
     * Writes the audit row of an admin call once its status is known, naming the signed-in caller (refused ones
     * too). False, and nothing written, when nobody signed in: anonymous probes are counted, not stored.
     */
    boolean audited(Context ctx) {
        Caller caller = ctx.attribute(Caller.ATTRIBUTE);
        if (caller == null) {
            return false;
        }
        useCases.audit()
                .recordCall(
                        caller.passId().value(),
                        Routes.template(ctx),
                        ctx.method().name(),
                        ctx.status().getCode(),
                        Json.obj(
                                "path",
                                ctx.path(),
                                "email",
                                caller.identity().email(),
                                "user_id",
                                caller.identity().userId()));
        return true;
    }

    private Actor actor(Context ctx) {
        return new Actor(
                Caller.of(ctx).passId().value(),
                Routes.template(ctx),
                ctx.method().name());
    }

    private void generations(Context ctx) {
        String passId = ctx.queryParam("pass_id");
        var query = Paging.query(ctx, passId == null ? null : passId(passId), true);
        ctx.json(Paging.page(useCases.generations().page(query), query.limit(), Views::generation));
    }

    private void generation(Context ctx) {
        ctx.json(Views.audit(useCases.trail().of(StudioRoutes.id(ctx))));
    }

    private void credits(Context ctx) {
        PassId passId = passId(ctx.pathParam("pass_id"));
        var balance = useCases.creditBalance().of(passId);
        ctx.json(Json.obj(
                "pass_id",
                passId.value(),
                "credits",
                balance.credits(),
                "expires_at",
                balance.expiresAt(),
                "expired",
                balance.expired(),
                "transactions",
                useCases.creditBalance().history(passId, 200).stream()
                        .map(t -> Json.obj(
                                "id",
                                t.id().value(),
                                "delta",
                                t.delta(),
                                "reason",
                                t.reason().wire(),
                                "source",
                                t.source(),
                                "ref_type",
                                t.refType(),
                                "ref_id",
                                t.refId(),
                                "note",
                                t.note(),
                                "created_at",
                                t.createdAt()))
                        .toList()));
    }

    private void grant(Context ctx) {
        Bodies body = Bodies.of(ctx, GRANT);
        Long amount = body.longValue("amount");
        if (amount == null || amount < 1 || amount > Matcha.MAX) {
            throw new InvalidInput("amount must be a whole number of matcha from 1 to " + Matcha.MAX);
        }
        GrantCredits.Request request;
        try {
            request = new GrantCredits.Request(
                    passId(body.requiredText("pass_id")),
                    Matcha.of(amount),
                    body.bool("purchase") ? CreditReason.PURCHASE : CreditReason.GRANT,
                    "admin",
                    body.text("reason"),
                    body.text("request_id"),
                    CustomerProfile.NONE);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
        CreditOutcome outcome = useCases.grantCredits().grant(request, actor(ctx));
        ctx.json(Json.obj(
                "applied",
                outcome instanceof CreditOutcome.Applied,
                "balance",
                outcome.balance(),
                "pass_id",
                request.passId().value()));
    }

    private void reconcile(Context ctx) {
        ctx.json(report(useCases.reconcileCredits().run(false, actor(ctx))));
    }

    private void reconcileFix(Context ctx) {
        ctx.json(report(useCases.reconcileCredits().run(true, actor(ctx))));
    }

    private static Object report(ReconcileCredits.Report report) {
        return Json.obj(
                "clean",
                report.drifts().isEmpty(),
                "drifts",
                report.drifts().stream()
                        .map(d -> Json.obj(
                                "pass_id",
                                d.passId().value(),
                                "balance",
                                d.balance(),
                                "ledger_sum",
                                d.ledgerSum(),
                                "difference",
                                d.difference(),
                                "fixed",
                                report.fixed().contains(d)))
                        .toList());
    }

    private void configList(Context ctx) {
        ctx.json(Json.obj(
                "keys",
                useCases.configVersions().latestOfEach().stream()
                        .map(AdminRoutes::config)
                        .toList()));
    }

    private void configShow(Context ctx) {
        String key = ctx.pathParam("key");
        var versions = useCases.configVersions().history(key);
        if (versions.isEmpty()) {
            throw new NotFound("no config " + key);
        }
        var view = config(versions.get(0));
        view.put(
                "versions",
                versions.stream()
                        .map(v -> Json.obj(
                                "version", v.version(), "id", v.id(), "actor", v.actor(), "created_at", v.createdAt()))
                        .toList());
        ctx.json(view);
    }

    private void configPublish(Context ctx) {
        Bodies body = Bodies.of(ctx, PUBLISH);
        var value = body.object("value");
        ConfigVersion published = useCases.publishConfig().publish(ctx.pathParam("key"), value, actor(ctx));
        ctx.json(config(published));
    }

    private void audit(Context ctx) {
        ctx.json(Json.obj(
                "entries",
                useCases.audit().recent(200).stream()
                        .map(a -> Json.obj(
                                "id",
                                a.id(),
                                "actor",
                                a.actor(),
                                "action",
                                a.action(),
                                "route",
                                a.route(),
                                "method",
                                a.method(),
                                "status",
                                a.status(),
                                "detail",
                                a.detail(),
                                "created_at",
                                a.at()))
                        .toList()));
    }

    static java.util.Map<String, Object> config(ConfigVersion v) {
        return Json.obj(
                "key",
                v.key(),
                "version",
                v.version(),
                "id",
                v.id(),
                "actor",
                v.actor(),
                "created_at",
                v.createdAt(),
                "value",
                v.value());
    }

    static PassId passId(String text) {
        try {
            return PassId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
    }
}
