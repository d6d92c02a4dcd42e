package me.minav3.http;

import io.javalin.http.Context;
import java.util.Map;
import me.minav3.mma.common.Json;
import me.minav3.mma.error.AccessDenied;
import me.minav3.mma.error.ConfigurationError;
import me.minav3.mma.error.Conflict;
import me.minav3.mma.error.GenerationFailed;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.error.InvalidUpload;
import me.minav3.mma.error.MinaException;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.error.StorageFailure;
import me.minav3.mma.generation.CreateOutcome;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** RFC 9457 problem details, and the one place that maps failures and business refusals to HTTP statuses. */
final class Problems {

    static final String CONTENT_TYPE = "application/problem+json";
    /**
     * All a user learns of a storage fault (the details, endpoint and SDK text included, go to the log). True on
     * every route: uploads and imports store before anything is charged, a create charges in the same transaction
     * that a database fault rolls back, and a generation whose stage fails on storage is refunded.
     */
    static final String STORAGE_DETAIL =
            "Storage is unavailable right now; nothing was charged. Please try again in a moment.";

    private static final Logger log = LoggerFactory.getLogger(Problems.class);
    private static final String TYPE_BASE = "https://minav3.me/problems/";

    private Problems() {}

    static int status(MinaException failure) {
        return switch (failure) {
            case InvalidUpload e -> 422;
            case InvalidInput e -> 422;
            case NotFound e -> 404;
            case Conflict e -> 409;
            case AccessDenied e -> e.reason() == AccessDenied.Reason.UNAUTHENTICATED ? 401 : 403;
            case ProviderFailure e -> 502;
            case StorageFailure e -> 503;
            case ConfigurationError e -> 503;
            case GenerationFailed e -> 500;
        };
    }

    static String title(MinaException failure) {
        return switch (failure) {
            case InvalidUpload e -> "Upload refused";
            case InvalidInput e -> "Invalid input";
            case NotFound e -> "Not found";
            case Conflict e -> "Conflict";
            case AccessDenied e -> e.reason() == AccessDenied.Reason.UNAUTHENTICATED ? "Sign in needed" : "Not allowed";
            case ProviderFailure e -> "A provider failed";
            case StorageFailure e -> "Storage unavailable";
            case ConfigurationError e -> "Not configured";
            case GenerationFailed e -> "Generation failed";
        };
    }

    static void send(Context ctx, MinaException failure) {
        int status = status(failure);
        String detail = failure.getMessage();
        if (failure instanceof StorageFailure) {
            log.warn(
                    "storage_unavailable route={} request_id={} error=\"{}\" cause={}",
                    ctx.path(),
                    ctx.attribute(RequestLog.REQUEST_ID),
                    failure.getMessage(),
                    failure.getCause() == null
                            ? "-"
                            : failure.getCause().getClass().getName());
            detail = STORAGE_DETAIL;
        } else if (failure instanceof ProviderFailure provider) {
            // The provider's own words (its error text, hosts, internals) are for the log only (decision 019).
            log.warn(
                    "provider_failed route={} request_id={} provider={} kind={} error=\"{}\"",
                    ctx.path(),
                    ctx.attribute(RequestLog.REQUEST_ID),
                    provider.provider(),
                    provider.kind(),
                    failure.getMessage());
            detail = providerDetail(provider);
        }
        write(ctx, status, body(status, title(failure), detail, ctx));
    }

    /** What a user learns of a provider failure: who and what kind, in our words. */
    static String providerDetail(ProviderFailure failure) {
        String what = switch (failure.kind()) {
            case TIMEOUT -> "took too long";
            case RATE_LIMITED, QUOTA -> "is busy";
            case SERVER_ERROR, CONNECTION, OUTPUT_UNAVAILABLE -> "is not answering properly";
            case CLIENT_ERROR, TASK_FAILED -> "could not do this with what it was given";
            case AUTH, CONFIGURATION -> "is not set up correctly on this server";
            case MALFORMED_REPLY -> "gave an answer we could not use";
        };
        return "The " + failure.provider() + " service " + what
                + ". Please try again in a moment; the request id helps " + "us find it.";
    }

    /** A create the business refused: 402 "I need matcha", with the balance and what it needed. */
    static void send(Context ctx, CreateOutcome.Refused refused) {
        record Refusal(String detail, long balance, long needed) {}
        Refusal refusal = switch (refused) {
            case CreateOutcome.InsufficientMatcha r ->
                new Refusal(
                        "this costs " + r.needed() + " matcha and you have " + r.balance(), r.balance(), r.needed());
            case CreateOutcome.Expired r -> new Refusal("your matcha expired on " + r.expiredAt(), 0, 1);
        };
        var body = body(402, "I need matcha", refusal.detail(), ctx);
        body.put("balance", refusal.balance());
        body.put("needed", refusal.needed());
        if (refused instanceof CreateOutcome.InsufficientMatcha r && r.offer() != null) {
            var offer = r.offer();
            body.put("switch_to", Json.obj("engine", offer.engine(), "label", offer.label(), "cost", offer.cost()));
        }
        write(ctx, 402, body);
    }

    /** A problem that is not a domain failure (malformed body, unknown route, rate limit…). */
    static void send(Context ctx, int status, String title, @Nullable String detail) {
        write(ctx, status, body(status, title, detail, ctx));
    }

    private static Map<String, Object> body(int status, String title, @Nullable String detail, Context ctx) {
        return Json.obj(
                "type",
                TYPE_BASE + title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"),
                "title",
                title,
                "status",
                status,
                "detail",
                detail,
                "instance",
                ctx.path(),
                "request_id",
                ctx.attribute(RequestLog.REQUEST_ID));
    }

    private static void write(Context ctx, int status, Map<String, Object> body) {
        ctx.status(status).json(body).contentType(CONTENT_TYPE);
    }
}
