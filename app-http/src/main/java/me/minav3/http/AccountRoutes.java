package me.minav3.http;

import io.javalin.http.Context;
import me.minav3.mma.accounts.DeleteAccount;
import me.minav3.mma.accounts.DisableAccount;
import me.minav3.mma.accounts.ExportAccount;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.InvalidInput;

/**
 * Issue 17.4–17.6: a customer exports or deletes their own account; an admin deletes, disables or enables one.
 * Each call is one core use case; the use cases audit with the real actor (and admin calls are audited as every admin
 * call is).
 */
public final class AccountRoutes {

    private static final String ACCOUNT = "account";
    private static final String ADMIN = "admin";

    /** The account lifecycle use cases. */
    public record UseCases(ExportAccount export, DeleteAccount delete, DisableAccount disable) {}

    private final UseCases useCases;

    public AccountRoutes(UseCases useCases) {
        this.useCases = useCases;
    }

    void register(Api api) {
        var user = Api.Access.USER;
        var admin = Api.Access.ADMIN;
        api.get(
                "/api/me/export",
                user,
                ACCOUNT,
                "Everything stored about me as a zip: account.json (every row) and"
                        + " media/ (my uploads and outputs)",
                Api.Doc.of()
                        .id("exportAccount")
                        .answer(
                                200,
                                "application/zip",
                                Json.obj(
                                        "type",
                                        "string",
                                        "format",
                                        "binary",
                                        "description",
                                        "a zip: account.json and media/")),
                this::export);
        api.delete(
                "/api/me",
                user,
                ACCOUNT,
                "Delete my account: personal data erased, media deleted, generations"
                        + " hidden, account disabled; the matcha ledger stays (decision 022)",
                Api.Doc.of().id("deleteMe").json(200, "DeletedAccount"),
                this::deleteMe);
        api.delete(
                "/api/admin/customers/{pass_id}",
                admin,
                ADMIN,
                "Delete a customer's account (as DELETE /api/me)",
                Api.Doc.of().id("deleteCustomer").json(200, "DeletedAccount").problems(404, 422),
                this::deleteCustomer);
        api.post(
                "/api/admin/customers/{pass_id}/disable",
                admin,
                ADMIN,
                "Disable an account: its tokens get 403, its" + " unfinished generations are refunded",
                Api.Doc.of().id("disableCustomer").json(200, "AccountDisabled").problems(404, 422),
                this::disable);
        api.post(
                "/api/admin/customers/{pass_id}/enable",
                admin,
                ADMIN,
                "Enable a disabled account again",
                Api.Doc.of().id("enableCustomer").json(200, "AccountEnabled").problems(404, 422),
                this::enable);
    }

    private void export(Context ctx) throws java.io.IOException {
        PassId passId = Caller.of(ctx).passId();
        var document = useCases.export().document(passId); // a missing customer fails here, before any byte is sent
        ctx.contentType("application/zip");
        ctx.header("Content-Disposition", "attachment; filename=\"mina-account-" + passId.safeSegment() + ".zip\"");
        ctx.header("Cache-Control", "no-store");
        useCases.export().writeZip(passId, document, ctx.outputStream());
    }

    private void deleteMe(Context ctx) {
        ctx.json(deleted(useCases.delete().delete(Caller.of(ctx).passId(), actor(ctx))));
    }

    private void deleteCustomer(Context ctx) {
        ctx.json(deleted(useCases.delete().delete(passId(ctx), actor(ctx))));
    }

    private void disable(Context ctx) {
        var disabled = useCases.disable().disable(passId(ctx), actor(ctx));
        ctx.json(Json.obj(
                "pass_id", disabled.passId().value(), "disabled", true, "refunded_generations", disabled.refunded()));
    }

    private void enable(Context ctx) {
        PassId passId = passId(ctx);
        useCases.disable().enable(passId, actor(ctx));
        ctx.json(Json.obj("pass_id", passId.value(), "disabled", false));
    }

    private static Object deleted(DeleteAccount.Deleted deleted) {
        return Json.obj(
                "pass_id",
                deleted.passId().value(),
                "deleted",
                true,
                "deleted_at",
                deleted.deletedAt(),
                "refunded_generations",
                deleted.refunded(),
                "media_deleted",
                deleted.mediaDeleted());
    }

    private static Actor actor(Context ctx) {
        return new Actor(
                Caller.of(ctx).passId().value(),
                Routes.template(ctx),
                ctx.method().name());
    }

    private static PassId passId(Context ctx) {
        try {
            return PassId.parse(ctx.pathParam("pass_id"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
    }
}
