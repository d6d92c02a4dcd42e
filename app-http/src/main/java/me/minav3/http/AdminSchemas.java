package me.minav3.http;

import static me.minav3.http.ApiSchemas.array;
import static me.minav3.http.ApiSchemas.bool;
import static me.minav3.http.ApiSchemas.dateTime;
import static me.minav3.http.ApiSchemas.integer;
import static me.minav3.http.ApiSchemas.nullableDateTime;
import static me.minav3.http.ApiSchemas.nullableInteger;
import static me.minav3.http.ApiSchemas.nullableString;
import static me.minav3.http.ApiSchemas.object;
import static me.minav3.http.ApiSchemas.ref;
import static me.minav3.http.ApiSchemas.string;

import java.util.LinkedHashMap;
import java.util.Map;
import me.minav3.mma.accounts.TimelineEntry;
import me.minav3.mma.common.Json;

/** The schemas of the console's admin answers (issue 20), in {@code components} beside {@link ApiSchemas}. */
final class AdminSchemas {

    private AdminSchemas() {}

    static Map<String, Object> schemas() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put(
                "CreditAdjusted",
                object(
                        "An adjustment of a balance",
                        "pass_id",
                        string("the customer"),
                        "credit_id",
                        string("the ledger row's deterministic id"),
                        "delta",
                        integer("matcha added (negative: taken away)"),
                        "applied",
                        bool("false when this adjustment id was applied before (nothing changed now)"),
                        "balance",
                        integer("the balance now")));
        s.put(
                "CustomerRow",
                object(
                        "A customer as the console lists it",
                        "pass_id",
                        string("the customer"),
                        "email",
                        nullableString("the email, if known"),
                        "shopify_customer_id",
                        nullableInteger("the Shopify customer id, if known"),
                        "balance",
                        integer("matcha held"),
                        "expires_at",
                        nullableDateTime("when the matcha expire"),
                        "disabled",
                        bool("an admin disabled the account (or it was deleted)"),
                        "deleted",
                        bool("the account was deleted (personal data erased)"),
                        "created_at",
                        dateTime("when the customer first appeared"),
                        "last_active",
                        nullableDateTime("last seen")));
        s.put(
                "CustomerPage",
                object(
                        "Customers found, in pass id order",
                        "items",
                        array(ref("CustomerRow"), "this page"),
                        "next_cursor",
                        nullableString("pass as cursor for the next page; null on the last")));
        s.put(
                "CustomerTimeline",
                object(
                        "A customer's timeline, newest first",
                        "pass_id",
                        string("the customer"),
                        "entries",
                        array(
                                object(
                                        "One entry",
                                        "kind",
                                        ApiSchemas.enumOf(
                                                TimelineEntry.Kind.values(), TimelineEntry.Kind::wire, "what it is"),
                                        "id",
                                        string("the row's id"),
                                        "at",
                                        dateTime("when"),
                                        "generation_id",
                                        nullableString("the generation it is about (events without one: null)"),
                                        "detail",
                                        ApiSchemas.freeObject(
                                                "generation: status, mode, output_url, error, provider, model; "
                                                        + "credit: delta, reason, source, ref_type, ref_id, note; "
                                                        + "event, feedback, session: meta (event_type, text…)")),
                                "newest first"),
                        "next_cursor",
                        nullableString("pass as cursor for the next page; null on the last")));
        s.put(
                "ConfigDiff",
                object(
                        "What changed between two versions of a config key",
                        "key",
                        string("the key"),
                        "from",
                        integer("the older version"),
                        "to",
                        integer("the newer version"),
                        "changes",
                        array(
                                object(
                                        "One difference",
                                        "path",
                                        string("a JSON pointer into the value, e.g. /still"),
                                        "op",
                                        ApiSchemas.enumOf(
                                                me.minav3.mma.config.ConfigDiff.Op.values(),
                                                me.minav3.mma.config.ConfigDiff.Op::wire,
                                                "added, removed or changed"),
                                        "from",
                                        Json.obj("description", "the value before (null when added)"),
                                        "to",
                                        Json.obj("description", "the value after (null when removed)")),
                                "in path order")));
        s.put(
                "ErrorReport",
                object(
                        "Failed generations by provider and failure kind",
                        "window",
                        ApiSchemas.enumOf(java.util.List.of("24h", "7d"), "how far back"),
                        "since",
                        dateTime("the start of the window"),
                        "failed",
                        integer("failed generations in the window"),
                        "truncated",
                        bool("more failed than one report reads (2000)"),
                        "groups",
                        array(
                                object(
                                        "Failures of one provider and kind",
                                        "provider",
                                        string("the provider the failing step named (mma when none)"),
                                        "kind",
                                        string("the failure kind: timeout, rate_limited, server_error, invalid_input…"),
                                        "failed",
                                        integer("how many"),
                                        "refunds",
                                        integer("how many were refunded (a refund row in the ledger)"),
                                        "refunded_matcha",
                                        integer("matcha given back"),
                                        "last_at",
                                        dateTime("the newest failure"),
                                        "recent",
                                        array(string("a generation id"), "up to five, newest first")),
                                "most failures first")));
        return s;
    }
}
