package me.minav3.http;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import me.minav3.mma.assets.AssetKind;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.credits.CreditReason;

/**
 * The schemas of what the API answers, in {@code components}: the JSON each route writes (see {@link Views} and the
 * route classes), the problem of RFC 9457 and the events of a generation's stream. Enums come from the core's own
 * enums. Request bodies are {@link BodySpec}s next to their handlers. Tests validate every real answer against
 * these (decision 018).
 */
final class ApiSchemas {

    static final String PROBLEM = "Problem";
    static final String NEED_MATCHA = "NeedMatcha";
    static final String PROBLEM_JSON = Problems.CONTENT_TYPE;

    private ApiSchemas() {}

    static Map<String, Object> ref(String schema) {
        return Json.obj("$ref", "#/components/schemas/" + schema);
    }

    // Building blocks ------------------------------------------------------------------------------------------

    static Map<String, Object> string(String description) {
        return Json.obj("type", "string", "description", description);
    }

    static Map<String, Object> nullableString(String description) {
        return Json.obj("type", List.of("string", "null"), "description", description);
    }

    static Map<String, Object> dateTime(String description) {
        return Json.obj("type", "string", "format", "date-time", "description", description);
    }

    static Map<String, Object> nullableDateTime(String description) {
        return Json.obj("type", List.of("string", "null"), "format", "date-time", "description", description);
    }

    static Map<String, Object> integer(String description) {
        return Json.obj("type", "integer", "format", "int64", "description", description);
    }

    static Map<String, Object> nullableInteger(String description) {
        return Json.obj("type", List.of("integer", "null"), "format", "int64", "description", description);
    }

    static Map<String, Object> number(String description) {
        return Json.obj("type", "number", "description", description);
    }

    static Map<String, Object> bool(String description) {
        return Json.obj("type", "boolean", "description", description);
    }

    static Map<String, Object> array(Map<String, Object> items, String description) {
        return Json.obj("type", "array", "items", items, "description", description);
    }

    /** A JSON object whose keys this API does not fix (settings, payloads, config values). */
    static Map<String, Object> freeObject(String description) {
        return Json.obj("type", "object", "description", description);
    }

    static <E extends Enum<E>> Map<String, Object> enumOf(E[] values, Function<E, String> wire, String description) {
        return Json.obj(
                "type", "string", "enum", Arrays.stream(values).map(wire).toList(), "description", description);
    }

    static Map<String, Object> enumOf(List<String> values, String description) {
        return Json.obj("type", "string", "enum", values, "description", description);
    }

    /**
     * A closed object: every property is always present (null when it has no value), no other property appears.
     *
     * @param properties name and schema, in pairs
     */
    static Map<String, Object> object(String description, Object... properties) {
        Map<String, Object> props = Json.obj(properties);
        return Json.obj(
                "type",
                "object",
                "description",
                description,
                "additionalProperties",
                false,
                "required",
                List.copyOf(props.keySet()),
                "properties",
                props);
    }

    private static Map<String, Object> with(Map<String, Object> closed, Object... more) {
        @SuppressWarnings("unchecked")
        Map<String, Object> props = new LinkedHashMap<>((Map<String, Object>) closed.get("properties"));
        props.putAll(Json.obj(more));
        Map<String, Object> copy = new LinkedHashMap<>(closed);
        copy.put("properties", props);
        copy.put("required", List.copyOf(props.keySet()));
        return copy;
    }

    private static Map<String, Object> without(Map<String, Object> closed, String property) {
        @SuppressWarnings("unchecked")
        Map<String, Object> props = new LinkedHashMap<>((Map<String, Object>) closed.get("properties"));
        props.remove(property);
        Map<String, Object> copy = new LinkedHashMap<>(closed);
        copy.put("properties", props);
        copy.put("required", List.copyOf(props.keySet()));
        return copy;
    }

    private static Map<String, Object> example(Map<String, Object> schema, Object... keysAndValues) {
        schema.put("examples", List.of(Json.obj(keysAndValues)));
        return schema;
    }

    static Map<String, Object> mode() {
        return enumOf(MmaMode.values(), MmaMode::wire, "what a generation makes");
    }

    static Map<String, Object> status() {
        return enumOf(
                MmaStatus.values(),
                MmaStatus::wire,
                "where the generation is: queued, scanning, prompting, " + "generating, postscan, then done or error");
    }

    static List<String> assetKinds() {
        return Arrays.stream(AssetKind.values()).map(AssetKind::wire).toList();
    }

    static List<String> aspectRatios() {
        return Arrays.stream(AspectRatio.values()).map(AspectRatio::wire).toList();
    }

    static List<String> eventTypes() {
        return Arrays.stream(EventType.values()).map(EventType::wire).toList();
    }

    // The schemas -----------------------------------------------------------------------------------------------

    static Map<String, Object> schemas() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put(
                PROBLEM,
                Json.obj(
                        "type",
                        "object",
                        "description",
                        "A problem (RFC 9457): what went wrong, in words a "
                                + "person can act on; never a database or provider message.",
                        "required",
                        List.of("type", "title", "status", "detail"),
                        "properties",
                        Json.obj(
                                "type",
                                        Json.obj(
                                                "type",
                                                "string",
                                                "format",
                                                "uri",
                                                "description",
                                                "what kind of problem"),
                                "title", string("a short summary of the kind"),
                                "status",
                                        Json.obj(
                                                "type",
                                                "integer",
                                                "minimum",
                                                400,
                                                "maximum",
                                                599,
                                                "description",
                                                "the HTTP status"),
                                "detail", string("what happened this time"),
                                "instance", string("the path that was asked for"),
                                "request_id",
                                        nullableString("the X-Request-Id of the request, to find it in the logs")),
                        "examples",
                        List.of(Json.obj(
                                "type",
                                "https://minav3.me/problems/invalid-input",
                                "title",
                                "Invalid input",
                                "status",
                                422,
                                "detail",
                                "describe what you want, or add an image",
                                "instance",
                                "/api/stills",
                                "request_id",
                                "3f2c9d0e6a1b4c58"))));
        s.put(
                NEED_MATCHA,
                Json.obj(
                        "description",
                        "402: this costs more matcha than the balance (or the matcha expired)",
                        "allOf",
                        List.of(
                                ref(PROBLEM),
                                Json.obj(
                                        "type",
                                        "object",
                                        "required",
                                        List.of("balance", "needed"),
                                        "properties",
                                        Json.obj(
                                                "balance",
                                                integer("matcha left"),
                                                "needed",
                                                integer("matcha this costs"),
                                                "switch_to",
                                                object(
                                                        "'Switch to main' (issue 22): a cheaper still engine the"
                                                                + " balance still covers; absent when there is none",
                                                        "engine",
                                                        string("the engine to send instead"),
                                                        "label",
                                                        string("its name for people"),
                                                        "cost",
                                                        integer("what it costs in matcha")))))));

        s.put(
                "Health",
                object(
                        "Whether the server can work",
                        "status",
                        enumOf(
                                List.of("ok", "degraded", "unavailable"),
                                "degraded: storage is down; unavailable: " + "the database is"),
                        "database",
                        enumOf(List.of("up", "down"), "the database"),
                        "storage",
                        enumOf(List.of("up", "down"), "the asset store"),
                        "warnings",
                        array(string("one"), "what an operator should fix")));
        s.put(
                "AuthConfig",
                object(
                        "Which logins this server offers",
                        "local_login",
                        bool("email codes sent by this server (POST /api/auth/email/start)"),
                        "supabase_url",
                        nullableString("Supabase Auth, when configured"),
                        "supabase_anon_key",
                        nullableString("Supabase's public key, when configured"),
                        "google",
                        bool("Google sign-in through Supabase"),
                        "supabase_email_otp",
                        bool("email codes sent by Supabase")));
        s.put(
                "CodeSent",
                object(
                        "A login code is on its way",
                        "status",
                        enumOf(List.of("sent"), "always sent"),
                        "expires_at",
                        dateTime("when the code stops working")));
        s.put(
                "AccessToken",
                object(
                        "A signed-in session",
                        "access_token",
                        string("send as Authorization: Bearer <token>"),
                        "token_type",
                        enumOf(List.of("bearer"), "always bearer"),
                        "expires_in",
                        integer("seconds until the token expires")));
        s.put(
                "Me",
                object(
                        "Who I am",
                        "pass_id",
                        string("my pass id"),
                        "email",
                        nullableString("my email address"),
                        "credits",
                        integer("matcha left"),
                        "expires_at",
                        nullableDateTime("when my matcha expires"),
                        "expired",
                        bool("whether it has expired"),
                        "last_active",
                        nullableDateTime("when I was last seen"),
                        "session_id",
                        string("the studio session going on"),
                        "new_session",
                        bool("whether this call began the session"),
                        "is_admin",
                        bool("whether I am an admin"),
                        "checkout_url",
                        nullableString("where to buy matcha, when the shop is set up"),
                        "costs",
                        freeObject("matcha per still, tweak and video second (config mma.costs)"),
                        "engines",
                        array(
                                object(
                                        "A still engine I can choose (config mma.engines, issue 22)",
                                        "name",
                                        string("what to send as engine"),
                                        "label",
                                        string("its name for people"),
                                        "still",
                                        integer("matcha per still"),
                                        "tweak",
                                        integer("matcha per tweak"),
                                        "default",
                                        bool("whether a request without engine uses it")),
                                "the still engines, in config order"),
                        "video",
                        object(
                                "what videos offer",
                                "regen_enabled",
                                bool("whether feedback on a video makes a new one"),
                                "estimate_seconds",
                                number("how long a video takes, roughly"),
                                "durations",
                                array(integer("seconds"), "the lengths the video model makes"),
                                "default_duration",
                                integer("the length used when none is chosen"),
                                "model",
                                string("the video model (config mma.provider.<video>.defaults)"),
                                "sound",
                                bool("whether sound can be turned on"),
                                "end_frame",
                                bool("whether an end image can be given"),
                                "quotes",
                                array(
                                        object(
                                                "one choice the model allows and its price",
                                                "seconds",
                                                integer("length"),
                                                "sound",
                                                bool("sound on"),
                                                "end_frame",
                                                bool("with an end image"),
                                                "matcha",
                                                integer("what it costs")),
                                        "every allowed choice with its price (decision 041)")),
                        "preferences",
                        ref("Preferences")));
        Map<String, Object> preferences = object(
                "My hard blocks and tag weights",
                "hard_blocks",
                array(string("a tag"), "what never to show"),
                "tag_weights",
                Json.obj(
                        "type",
                        "object",
                        "additionalProperties",
                        number("weight"),
                        "description",
                        "how much I like each tag"));
        s.put("Preferences", preferences);
        s.put("SavedPreferences", with(preferences, "updated_at", nullableDateTime("when they were saved")));
        s.put(
                "Taste",
                with(
                        preferences,
                        "updated_at",
                        nullableDateTime("when I last saved them"),
                        "learned",
                        Json.obj(
                                "type",
                                "object",
                                "additionalProperties",
                                number("weight"),
                                "description",
                                "the tag weights the next prompt reads: learned from my current likes (+1),"
                                        + " downloads (+1) and dislikes (-1), plus mine counted twice"),
                        "signals_used",
                        integer("how many likes, dislikes and downloads it learned from")));
        s.put(
                "StudioSession",
                object(
                        "A fresh studio session",
                        "session_id",
                        string("the new session"),
                        "started_at",
                        dateTime("when it began"),
                        "ended_sessions",
                        array(string("a session id"), "the sessions this ended")));
        s.put(
                "StoredAsset",
                example(
                        object(
                                "A stored image",
                                "url",
                                string("where it is served"),
                                "key",
                                string("its key in the asset store"),
                                "content_type",
                                string("its media type, read from its bytes"),
                                "bytes",
                                integer("its size")),
                        "url",
                        "http://localhost:8080/assets/uploads/pass-user-ann/product/0f8e.png",
                        "key",
                        "uploads/pass-user-ann/product/0f8e.png",
                        "content_type",
                        "image/png",
                        "bytes",
                        48213));
        s.put(
                "Accepted",
                example(
                        object(
                                "A generation was queued (or the request id named one already made)",
                                "generation_id",
                                string("the generation"),
                                "status",
                                status(),
                                "mode",
                                mode(),
                                "credits_left",
                                nullableInteger("matcha left after the charge; null when nothing new was made"),
                                "stream_url",
                                string("its live stream")),
                        "generation_id",
                        "generation:01a2…",
                        "status",
                        "queued",
                        "mode",
                        "still",
                        "credits_left",
                        4,
                        "stream_url",
                        "/api/generations/generation:01a2…/stream"));
        Map<String, Object> generation = object(
                "A generation",
                "generation_id",
                string("its id"),
                "pass_id",
                string("whose it is"),
                "parent_id",
                nullableString("the generation it came from (tweak, animation)"),
                "session_id",
                nullableString("the studio session it was made in"),
                "mode",
                mode(),
                "kind",
                nullableString("create, tweak, animate..."),
                "status",
                status(),
                "output_url",
                nullableString("the image or video, when done"),
                "prompt",
                nullableString("the prompt the provider got"),
                "provider",
                nullableString("who made it"),
                "model",
                nullableString("with which model"),
                "error",
                nullableString("why it failed, in plain words"),
                "brief",
                nullableString("what was asked for"),
                "style",
                nullableString("the style of a still"),
                "aspect_ratio",
                nullableString("its aspect ratio"),
                "settings",
                freeObject("its settings"),
                "assets",
                freeObject("its input images"),
                "user_messages",
                array(string("a line"), "what MMA said while working"),
                "latency_ms",
                nullableInteger("how long it took"),
                "attempts",
                integer("provider attempts"),
                "created_at",
                dateTime("created"),
                "updated_at",
                dateTime("last changed"));
        s.put("Generation", generation);
        Map<String, Object> liked = bool("my latest like, dislike or clear of it is a like");
        Map<String, Object> disliked = bool("my latest like, dislike or clear of it is a dislike");
        s.put("MyGeneration", with(generation, "liked", liked, "disliked", disliked));
        s.put(
                "ArchiveItem",
                with(
                        without(generation, "user_messages"),
                        "preview_url",
                        nullableString("its picture"),
                        "feedback",
                        nullableString("a tweak's feedback (what made it)"),
                        "liked",
                        liked,
                        "disliked",
                        disliked));
        s.put(
                "ArchivePage",
                object(
                        "A page of my generations, newest first",
                        "items",
                        array(ref("ArchiveItem"), "the page"),
                        "next_cursor",
                        nullableString("pass as cursor for the next page; null on the last one")));
        s.put(
                "GenerationPage",
                object(
                        "A page of generations, newest first",
                        "items",
                        array(ref("Generation"), "the page"),
                        "next_cursor",
                        nullableString("pass as cursor for the next page; null on the last one")));
        s.put(
                "Event",
                object(
                        "Something a user did or MMA recorded",
                        "id",
                        string("its id"),
                        "event_type",
                        enumOf(eventTypes(), "what happened"),
                        "pass_id",
                        string("whose"),
                        "generation_id",
                        nullableString("about which generation"),
                        "text",
                        nullableString("its text (feedback)"),
                        "meta",
                        freeObject("more about it"),
                        "created_at",
                        dateTime("when")));
        s.put(
                "Step",
                object(
                        "One recorded pipeline step",
                        "id",
                        string("its id"),
                        "step_no",
                        integer("its order"),
                        "step_type",
                        string("what it was"),
                        "payload",
                        freeObject("what it sent and got (secrets removed)"),
                        "created_at",
                        dateTime("when")));
        s.put(
                "Cost",
                object(
                        "What a generation's provider steps cost",
                        "usd",
                        string("US dollars, exact decimal text"),
                        "priced_steps",
                        integer("steps with a known cost"),
                        "unpriced_steps",
                        integer("steps with no known cost"),
                        "complete",
                        bool("whether every step had a known cost")));
        s.put(
                "GenerationTrail",
                with(
                        generation,
                        "vars",
                        freeObject("the stored generation document"),
                        "meta",
                        freeObject("its stored meta"),
                        "steps",
                        array(ref("Step"), "every step"),
                        "events",
                        array(ref("Event"), "every event"),
                        "cost",
                        ref("Cost")));
        s.put(
                "Recreate",
                Json.obj(
                        "type",
                        "object",
                        "description",
                        "What the studio loads to make a generation again",
                        "additionalProperties",
                        false,
                        "required",
                        List.of("generation_id", "mode", "brief", "style", "aspect_ratio", "settings", "assets"),
                        "properties",
                        Json.obj(
                                "generation_id", string("the generation"),
                                "mode", mode(),
                                "brief", string("its brief"),
                                "style", string("its style (None when none)"),
                                "aspect_ratio", string("its aspect ratio"),
                                "settings", freeObject("its settings"),
                                "prompt", string("a video's motion text"),
                                "kind", nullableString("create, tweak, animate, video_feedback"),
                                "feedback", string("a tweak's feedback (its brief is the feedback too)"),
                                "parent_brief", string("a tweak's parent's brief"),
                                "parent_id", nullableString("a tweak's parent"),
                                "duration", nullableInteger("a video's seconds"),
                                "assets",
                                        freeObject(
                                                "its input images: product_url, logo_url, inspiration_urls for a still; "
                                                        + "start_image_url, end_image_url for a video"))));
        s.put(
                "MotionSuggestion",
                object(
                        "A motion prompt for an image",
                        "prompt",
                        string("the suggestion"),
                        "user_message",
                        nullableString("what MMA says about it"),
                        "image_url",
                        nullableString("the image it is for"),
                        "event_id",
                        nullableString("the event that recorded it")));
        s.put(
                "Checkout",
                object(
                        "Where to buy matcha",
                        "url",
                        string("the checkout link"),
                        "pack",
                        nullableString("the pack it buys"),
                        "quantity",
                        integer("how many of the pack (1 to 99)"),
                        "packs",
                        array(string("a pack's SKU"), "every pack on sale")));
        s.put(
                "WebhookAnswer",
                Json.obj(
                        "type",
                        "object",
                        "description",
                        "What the webhook did with the delivery: "
                                + "credited, already_credited, ignored (another topic), not_an_order, or why nothing was credited; "
                                + "for a refund: applied, already_applied or not_credited, with owed, taken and not_taken_back",
                        "required",
                        List.of("status"),
                        "properties",
                        Json.obj("status", string("what happened"))));
        s.put(
                "RefundList",
                object(
                        "Shopify refund lines, newest first, and their sums (decision 029)",
                        "pass_id",
                        nullableString("the customer asked for; null for every customer"),
                        "refunds",
                        array(
                                object(
                                        "One refunded pack line and what it took back",
                                        "take_back_id",
                                        string("credit_transaction:shopify_refund:<refund>:<refund line>"),
                                        "pass_id",
                                        string("the customer the order's pack line credited"),
                                        "refund_id",
                                        integer("Shopify's refund id"),
                                        "order_id",
                                        integer("Shopify's order id"),
                                        "refund_line_id",
                                        integer("the refund line item's id"),
                                        "line_item_id",
                                        integer("the order's line item"),
                                        "sku",
                                        nullableString("the SKU Shopify sent"),
                                        "quantity",
                                        integer("packs refunded"),
                                        "purchase_id",
                                        string("the credit row the line bought"),
                                        "owed",
                                        integer("matcha the refunded packs bought"),
                                        "taken",
                                        integer("matcha taken back from the balance"),
                                        "not_taken_back",
                                        integer("matcha owed but already spent (or expired)"),
                                        "status",
                                        enumOf(
                                                java.util.Arrays.stream(
                                                                me.minav3.mma.credits.TakeBackRecord.Status.values())
                                                        .map(me.minav3.mma.credits.TakeBackRecord.Status::wire)
                                                        .toList(),
                                                "how much came back"),
                                        "created_at",
                                        dateTime("when the refund was applied")),
                                "newest first"),
                        "owed",
                        integer("sum over the lines listed"),
                        "taken",
                        integer("sum over the lines listed"),
                        "not_taken_back",
                        integer("sum over the lines listed")));
        s.put(
                "StreamTicket",
                object(
                        "A ticket to open one stream (a generation's, or my balance's)",
                        "ticket",
                        string("pass as ?ticket="),
                        "expires_in",
                        integer("seconds it stays valid"),
                        "stream_url",
                        string("the stream, ticket included")));
        s.put(
                "DeletedAccount",
                object(
                        "The account is deleted: personal data erased, media deleted, the ledger kept",
                        "pass_id",
                        string("the deleted account's pass id"),
                        "deleted",
                        bool("always true"),
                        "deleted_at",
                        dateTime("when"),
                        "refunded_generations",
                        integer("unfinished generations refunded"),
                        "media_deleted",
                        integer("files deleted from the asset store")));
        s.put(
                "AccountDisabled",
                object(
                        "The account is disabled: its tokens get 403",
                        "pass_id",
                        string("the account"),
                        "disabled",
                        bool("always true"),
                        "refunded_generations",
                        integer("unfinished generations refunded")));
        s.put(
                "AccountEnabled",
                object(
                        "The account may sign in again",
                        "pass_id",
                        string("the account"),
                        "disabled",
                        bool("always false")));
        s.put(
                "TokensRevoked",
                object(
                        "Every token of a customer issued until now is refused",
                        "pass_id",
                        string("the customer"),
                        "tokens_not_before",
                        dateTime("tokens issued before this are refused")));
        s.put(
                "CustomerCredits",
                object(
                        "A customer's balance and credit transactions",
                        "pass_id",
                        string("the customer"),
                        "credits",
                        integer("matcha left"),
                        "expires_at",
                        nullableDateTime("when it expires"),
                        "expired",
                        bool("whether it has"),
                        "transactions",
                        array(
                                object(
                                        "A credit transaction",
                                        "id",
                                        string("its id"),
                                        "delta",
                                        integer("matcha added (negative: spent)"),
                                        "reason",
                                        enumOf(CreditReason.values(), CreditReason::wire, "why"),
                                        "source",
                                        nullableString("where it came from"),
                                        "ref_type",
                                        nullableString("what it refers to"),
                                        "ref_id",
                                        nullableString("which one"),
                                        "note",
                                        nullableString("a note"),
                                        "created_at",
                                        dateTime("when")),
                                "newest first")));
        s.put(
                "GrantResult",
                object(
                        "A grant",
                        "applied",
                        bool("false when the request id was used already"),
                        "balance",
                        integer("the balance now"),
                        "pass_id",
                        string("the customer")));
        s.put(
                "ReconcileReport",
                object(
                        "Balances that differ from their ledger",
                        "clean",
                        bool("no drift"),
                        "drifts",
                        array(
                                object(
                                        "A drift",
                                        "pass_id",
                                        string("the customer"),
                                        "balance",
                                        integer("stored balance"),
                                        "ledger_sum",
                                        integer("sum of the ledger"),
                                        "difference",
                                        integer("balance minus ledger"),
                                        "fixed",
                                        bool("whether a correcting row was written")),
                                "each drift")));
        Map<String, Object> config = object(
                "A config key's version",
                "key",
                string("the key"),
                "version",
                integer("its version"),
                "id",
                string("the record id"),
                "actor",
                nullableString("who published it"),
                "created_at",
                dateTime("when"),
                "value",
                freeObject("its value"));
        s.put("ConfigVersion", config);
        s.put(
                "ConfigList",
                object("Every config key with its newest version", "keys", array(ref("ConfigVersion"), "the keys")));
        s.put(
                "ConfigHistory",
                with(
                        config,
                        "versions",
                        array(
                                object(
                                        "A version",
                                        "version",
                                        integer("its number"),
                                        "id",
                                        string("the record id"),
                                        "actor",
                                        nullableString("who published it"),
                                        "created_at",
                                        dateTime("when")),
                                "newest first")));
        s.put(
                "AuditLog",
                object(
                        "The newest audit entries",
                        "entries",
                        array(
                                object(
                                        "An audit entry",
                                        "id",
                                        string("its id"),
                                        "actor",
                                        nullableString("who"),
                                        "action",
                                        string("what"),
                                        "route",
                                        nullableString("on which route"),
                                        "method",
                                        nullableString("with which method"),
                                        "status",
                                        nullableInteger("answered with"),
                                        "detail",
                                        freeObject("more"),
                                        "created_at",
                                        dateTime("when")),
                                "newest first")));

        s.put(
                "StreamMessage",
                object(
                        "event: message (id: its seq). One userMessages line",
                        "seq",
                        integer("its number, also the event id"),
                        "text",
                        string("the line"),
                        "at",
                        nullableDateTime("when it was said")));
        s.put(
                "BalanceEvent",
                object(
                        "event: balance. The customer's matcha right now (sent on open and after each credit movement)",
                        "balance",
                        integer("matcha held"),
                        "expires_at",
                        nullableDateTime("when the matcha expires")));
        s.put("StreamStatus", object("event: status. The generation's status changed", "status", status()));
        s.put(
                "StreamDone",
                object(
                        "event: done. The generation ended; the stream closes",
                        "status",
                        status(),
                        "output_url",
                        nullableString("the image or video"),
                        "error",
                        nullableString("why it failed"),
                        "generation_id",
                        string("the generation")));
        s.putAll(ReplayViews.schemas());
        s.putAll(StyleRoutes.schemas());
        s.putAll(AdminSchemas.schemas());
        return s;
    }

    /** The events of a generation's stream, by SSE event name: the data line of each is this JSON. */
    static Map<String, String> streamEvents() {
        return Map.of("message", "StreamMessage", "status", "StreamStatus", "done", "StreamDone");
    }

    /** {@code text/event-stream}: the events are described as schemas (components StreamMessage, Status, Done). */
    static Map<String, Object> eventStream() {
        return Json.obj(
                "type",
                "string",
                "description",
                "Server-Sent Events. `event: message` (with `id:` = seq; data: "
                        + "StreamMessage), `event: status` (data: StreamStatus), `event: done` (data: StreamDone, then "
                        + "the stream closes); comments keep the connection alive. Reconnect with Last-Event-ID to get "
                        + "only the lines after it.",
                "examples",
                List.of("event: message\nid: 1\ndata: {\"seq\":1,\"text\":\"Reading your brief\","
                        + "\"at\":\"2026-01-01T10:00:00Z\"}\n\nevent: status\ndata: {\"status\":\"generating\"}\n\n"
                        + "event: done\ndata: {\"status\":\"done\",\"output_url\":\"/assets/a.png\",\"error\":null,"
                        + "\"generation_id\":\"mg_gen_0\"}\n\n"),
                "x-events",
                Json.obj("message", ref("StreamMessage"), "status", ref("StreamStatus"), "done", ref("StreamDone")));
    }

    /** {@code text/event-stream} of {@code GET /api/me/balance/stream}: {@code balance} events. */
    static Map<String, Object> balanceStream() {
        return Json.obj(
                "type",
                "string",
                "description",
                "Server-Sent Events. `event: balance` (data: BalanceEvent) at once and whenever the balance or its "
                        + "expiry changes; comments keep the connection alive; the stream ends when the login is "
                        + "signed out.",
                "examples",
                List.of("event: balance\ndata: {\"balance\":105,\"expires_at\":\"2026-02-01T10:00:00Z\"}\n\n"),
                "x-events",
                Json.obj("balance", ref("BalanceEvent")));
    }

    static String problemResponse(int status) {
        return status == 402 ? "NeedMatcha" : "Problem" + status;
    }

    /** One reusable response per problem status. */
    static Map<String, Object> problemResponses() {
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put(
                "Problem",
                Json.obj(
                        "description",
                        "Something went wrong (problem+json)",
                        "content",
                        Json.obj(PROBLEM_JSON, Json.obj("schema", ref(PROBLEM)))));
        for (int status : List.of(400, 401, 403, 404, 406, 409, 413, 415, 416, 422, 429, 503)) {
            Map<String, Object> response = Json.obj(
                    "description",
                    Api.describe(status) + " (problem+json)",
                    "content",
                    Json.obj(PROBLEM_JSON, Json.obj("schema", ref(PROBLEM))));
            if (status == 429) {
                response.put(
                        "headers",
                        Json.obj(
                                "Retry-After",
                                Json.obj("description", "seconds to wait", "schema", Json.obj("type", "integer"))));
            }
            responses.put("Problem" + status, response);
        }
        responses.put(
                "NeedMatcha",
                Json.obj(
                        "description",
                        "I need matcha: buy more and try again (problem+json)",
                        "content",
                        Json.obj(
                                PROBLEM_JSON,
                                Json.obj(
                                        "schema",
                                        ref(NEED_MATCHA),
                                        "examples",
                                        Json.obj(
                                                "needMatcha",
                                                Json.obj(
                                                        "summary",
                                                        "Not enough matcha",
                                                        "value",
                                                        Json.obj(
                                                                "type",
                                                                "https://minav3.me/problems/i-need-matcha",
                                                                "title",
                                                                "I need matcha",
                                                                "status",
                                                                402,
                                                                "detail",
                                                                "this costs 1 matcha and you have 0",
                                                                "instance",
                                                                "/api/stills",
                                                                "request_id",
                                                                "3f2c9d0e6a1b4c58",
                                                                "balance",
                                                                0,
                                                                "needed",
                                                                1)))))));
        return responses;
    }

    static Map<String, Object> securitySchemes() {
        return Json.obj(
                "bearer",
                        Json.obj(
                                "type",
                                "http",
                                "scheme",
                                "bearer",
                                "bearerFormat",
                                "JWT",
                                "description",
                                "The access token of POST /api/auth/email/verify (or a Supabase session's)"),
                "streamTicket",
                        Json.obj(
                                "type",
                                "apiKey",
                                "in",
                                "query",
                                "name",
                                "ticket",
                                "description",
                                "A generation's stream ticket (POST /api/generations/{id}/stream-ticket): opens "
                                        + "that stream only, for 60 s, where a browser's EventSource cannot send a header"),
                "shopifyHmac",
                        Json.obj(
                                "type",
                                "apiKey",
                                "in",
                                "header",
                                "name",
                                "X-Shopify-Hmac-Sha256",
                                "description",
                                "Base64 HMAC-SHA256 of the raw body with the webhook secret (SHOPIFY_WEBHOOK_SECRET)"));
    }

    static List<Map<String, Object>> bearerOrTicket() {
        return List.of(Json.obj("bearer", List.of()), Json.obj("streamTicket", List.of()));
    }

    static List<Map<String, Object>> shopifySignature() {
        return List.of(Json.obj("shopifyHmac", List.of()));
    }

    static String pathParameterDescription(String name) {
        return switch (name) {
            case "id" -> "a generation id (as generation_id gives it)";
            case "pass_id" -> "a customer's pass id";
            case "key" -> "a config key (e.g. mma.costs), or an asset's key";
            default -> name;
        };
    }

    static String tagDescription(String tag) {
        return switch (tag) {
            case "system" -> "Health, metrics, this description and stored files";
            case "auth" -> "Signing in and out";
            case "studio" -> "Stills, uploads, the archive and a generation's live stream";
            case "shopify" -> "Buying matcha";
            case "motion" -> "Videos from stills";
            case "account" -> "My account: export everything, or delete it";
            case "admin" -> "The back office (admins only; every call is audited)";
            default -> tag;
        };
    }
}
