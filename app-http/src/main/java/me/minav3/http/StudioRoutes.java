package me.minav3.http;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import me.minav3.mma.assets.AssetKind;
import me.minav3.mma.assets.IngestMedia;
import me.minav3.mma.assets.StoredAsset;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.customers.Preferences;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.error.InvalidUpload;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.FindGeneration;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.HideGeneration;
import me.minav3.mma.generation.SearchGenerations;
import me.minav3.mma.providers.ConfiguredEngines;
import me.minav3.mma.studio.DownloadGeneration;
import me.minav3.mma.studio.EnterStudio;
import me.minav3.mma.studio.ReadReactions;
import me.minav3.mma.studio.RecordEvent;
import me.minav3.mma.studio.Recreate;
import me.minav3.mma.studio.SavePreferences;
import me.minav3.mma.submit.Costs;
import me.minav3.mma.submit.CreateStill;
import me.minav3.mma.submit.RequestId;
import me.minav3.mma.submit.StillRequest;
import me.minav3.mma.submit.StudioSession;
import me.minav3.mma.submit.TweakStill;
import me.minav3.mma.submit.VideoOffer;
import me.minav3.mma.taste.ReadTaste;
import org.jspecify.annotations.Nullable;

/** The studio's own routes: profile, uploads, create, tweak, read, events, preferences, archive, recreate. */
public final class StudioRoutes {

    private static final String STUDIO = "studio";

    /** What the studio pages read and do, each a core use case. */
    public record UseCases(
            EnterStudio enterStudio,
            IngestMedia media,
            CreateStill createStill,
            TweakStill tweakStill,
            RecordEvent recordEvent,
            SavePreferences savePreferences,
            FindGeneration generations,
            SearchGenerations archive,
            HideGeneration hide,
            DownloadGeneration download,
            ReadReactions reactions,
            ReadTaste taste) {}

    private final UseCases useCases;
    private final ConfigService config;
    private final Clock clock;
    private final CheckoutUrl checkout;
    private final RequestLimits limits;

    /**
     * @param checkout where "I need matcha" leads a customer
     * @param limits the per-customer limits on creates, uploads and imports
     */
    public StudioRoutes(
            UseCases useCases, ConfigService config, Clock clock, CheckoutUrl checkout, RequestLimits limits) {
        this.useCases = useCases;
        this.config = config;
        this.clock = clock;
        this.checkout = checkout;
        this.limits = limits;
    }

    static final BodySpec FROM_URL = BodySpec.named("ImportFromUrl", "An image to fetch from a link")
            .required("url", BodySpec.Type.TEXT, "an http(s) link to a PNG, JPEG or WebP image", "format", "uri")
            .required("kind", BodySpec.Type.TEXT, "what the image is for", "enum", ApiSchemas.assetKinds())
            .example("url", "https://example.com/cup.png", "kind", "product")
            .build();
    static final BodySpec STILL = BodySpec.named("StillRequest", "What to make: a brief and/or images (at least one)")
            .optional("brief", BodySpec.Type.TEXT, "what you want", "maxLength", StillRequest.MAX_BRIEF)
            .optional("style", BodySpec.Type.TEXT, "a style name (None by default)", "maxLength", 80)
            .optional("aspect_ratio", BodySpec.Type.TEXT, "1:1 by default", "enum", nullable(ApiSchemas.aspectRatios()))
            .optional("product_url", BodySpec.Type.TEXT, "an uploaded product image")
            .optional("logo_url", BodySpec.Type.TEXT, "an uploaded logo")
            .optional(
                    "inspiration_urls",
                    BodySpec.Type.TEXTS,
                    "up to " + AssetKind.MAX_INSPIRATIONS + " inspiration images",
                    "maxItems",
                    AssetKind.MAX_INSPIRATIONS)
            .optional(
                    "styles",
                    BodySpec.Type.TEXTS,
                    "ids of chosen styles (GET /api/styles), at most max_per_still; none is None",
                    "maxItems",
                    StillRequest.MAX_STYLE_IDS)
            .optional(
                    "settings",
                    BodySpec.Type.OBJECT,
                    "quality (1K, 2K or 4K); strength is refused (no configured model takes it)")
            .optional(
                    "request_id",
                    BodySpec.Type.TEXT,
                    "makes the call idempotent: the same id gives the same generation")
            .optional(
                    "engine",
                    BodySpec.Type.TEXT,
                    "the still engine (GET /api/me engines: main, niche…); the default one when absent",
                    "maxLength",
                    32)
            .example("brief", "a matcha cup on marble, morning light", "aspect_ratio", "4:5", "request_id", "7c1e-01")
            .build();
    static final BodySpec TWEAK = BodySpec.named("TweakRequest", "Feedback on a finished still")
            .optional("feedback", BodySpec.Type.TEXT, "what to change")
            .optional("request_id", BodySpec.Type.TEXT, "makes the call idempotent")
            .optional(
                    "engine",
                    BodySpec.Type.TEXT,
                    "the still engine; the tweaked still's own when absent",
                    "maxLength",
                    32)
            .example("feedback", "warmer light")
            .build();
    static final BodySpec EVENT = BodySpec.named("EventRequest", "Something I did with a generation")
            .required(
                    "type",
                    BodySpec.Type.TEXT,
                    "like, dislike, clear (takes back my like or dislike: the later event wins), download or feedback",
                    "enum",
                    List.of("like", "dislike", "clear", "download", "feedback"))
            .optional("text", BodySpec.Type.TEXT, "the feedback")
            .optional(
                    "hard_block",
                    BodySpec.Type.TEXT,
                    "with a dislike: a tag never to show again (joins my hard blocks)",
                    "maxLength",
                    60)
            .example("type", "dislike", "hard_block", "neon")
            .build();
    static final BodySpec PREFERENCES = BodySpec.named(
                    "PreferencesRequest", "My hard blocks and tag weights (replaced)")
            .optional("hard_blocks", BodySpec.Type.TEXTS, "tags never to show")
            .optional("tag_weights", BodySpec.Type.NUMBERS, "how much I like each tag")
            .example("hard_blocks", List.of("plastic"), "tag_weights", Json.obj("minimal", 0.8))
            .build();
    static final BodySpec NOTHING = BodySpec.named("Empty", "Nothing to send (an empty object, or no body)")
            .build();

    private static List<Object> nullable(List<String> values) {
        List<Object> all = new java.util.ArrayList<>(values);
        all.add(null);
        return all;
    }

    void register(Api api) {
        var user = Api.Access.USER;
        api.get(
                "/api/me",
                user,
                STUDIO,
                "Who I am: pass id, matcha, expiry, session; marks last seen",
                Api.Doc.of().id("getMe").json(200, "Me"),
                this::me);
        api.post(
                "/api/studio/sessions",
                user,
                STUDIO,
                "Enter the studio (page load or refresh): the previous session ends,"
                        + " a fresh one begins (spec §9.1)",
                Api.Doc.of().id("beginSession").optionalBody(NOTHING).json(201, "StudioSession"),
                this::beginSession);
        api.post(
                "/api/uploads",
                user,
                STUDIO,
                "Upload an image (multipart: file, kind)",
                Api.Doc.of()
                        .id("uploadImage")
                        .content(
                                "multipart/form-data",
                                Json.obj(
                                        "type",
                                        "object",
                                        "required",
                                        List.of("file", "kind"),
                                        "properties",
                                        Json.obj(
                                                "file",
                                                        Json.obj(
                                                                "type",
                                                                "string",
                                                                "format",
                                                                "binary",
                                                                "description",
                                                                "a PNG, JPEG or WebP image"),
                                                "kind",
                                                        ApiSchemas.enumOf(
                                                                ApiSchemas.assetKinds(), "what the image is for"))))
                        .json(201, "StoredAsset")
                        .problems(400, 413, 415, 422, 429),
                this::upload);
        api.post(
                "/api/uploads/from-url",
                user,
                STUDIO,
                "Import an image from a link",
                Api.Doc.of()
                        .id("importImage")
                        .body(FROM_URL)
                        .json(201, "StoredAsset")
                        .problems(422, 429),
                this::uploadFromUrl);
        api.post(
                "/api/stills",
                user,
                STUDIO,
                "Create a still (charged; refunded if it fails)",
                Api.Doc.of().id("createStill").body(STILL).json(202, "Accepted").problems(402, 404, 422, 429),
                this::createStill);
        api.post(
                "/api/generations/{id}/tweak",
                user,
                STUDIO,
                "A new still from feedback on a finished one",
                Api.Doc.of().id("tweakStill").body(TWEAK).json(202, "Accepted").problems(402, 404, 409, 422, 429),
                this::tweak);
        api.get(
                "/api/generations/{id}",
                user,
                STUDIO,
                "One of my generations",
                Api.Doc.of().id("getGeneration").json(200, "MyGeneration").problems(404),
                this::generation);
        api.post(
                "/api/generations/{id}/events",
                user,
                STUDIO,
                "Like, dislike (optionally with a hard block), clear my like or dislike, download or feedback",
                Api.Doc.of().id("recordEvent").body(EVENT).json(201, "Event").problems(404, 422),
                this::event);
        api.get(
                "/api/generations/{id}/download",
                user,
                STUDIO,
                "The media as a file to save (Content-Disposition: attachment); records one download",
                Api.Doc.of()
                        .id("downloadGeneration")
                        .answer(
                                200,
                                Json.obj("type", "string", "format", "binary", "description", "the image or video"),
                                "image/png",
                                "image/jpeg",
                                "image/webp",
                                "image/gif",
                                "video/mp4")
                        .problems(404),
                this::download);
        api.delete(
                "/api/generations/{id}",
                user,
                STUDIO,
                "Hide one of my generations: gone from my archive and reads; the matcha ledger and audit stay"
                        + " (decision 031)",
                Api.Doc.of().id("hideGeneration").noContent(204).problems(404),
                this::hide);
        api.get(
                "/api/generations/{id}/recreate",
                user,
                STUDIO,
                "Settings and assets to make it again",
                Api.Doc.of().id("recreate").json(200, "Recreate").problems(404),
                this::recreate);
        api.get(
                "/api/preferences",
                user,
                STUDIO,
                "My hard blocks and tag weights, and what the next prompt learns from my likes, dislikes and downloads",
                Api.Doc.of().id("getPreferences").json(200, "Taste"),
                this::taste);
        api.put(
                "/api/preferences",
                user,
                STUDIO,
                "Replace my hard blocks and tag weights",
                Api.Doc.of()
                        .id("savePreferences")
                        .body(PREFERENCES)
                        .json(200, "SavedPreferences")
                        .problems(422),
                this::preferences);
        api.get(
                "/api/archive",
                user,
                STUDIO,
                "My generations, newest first (limit, cursor, mode, liked, from, to)",
                Api.Doc.of()
                        .id("archive")
                        .parameters(Paging.parameters(false))
                        .json(200, "ArchivePage")
                        .problems(400),
                this::archive);
    }

    private void me(Context ctx) {
        Caller caller = Caller.of(ctx);
        EnterStudio.Entered entered = useCases.enterStudio().enter(caller.identity());
        var customer = entered.customer();
        var costs = config.value(ConfigKeys.COSTS);
        var video = config.value(ConfigKeys.VIDEO);
        VideoOffer offer = VideoOffer.of(config);
        ctx.json(Json.obj(
                "pass_id", customer.passId().value(),
                // an unverified email is not stored on the customer (decision 015), but it is the login's own
                "email",
                        customer.email() != null
                                ? customer.email()
                                : caller.identity().email(),
                "credits", customer.credits(),
                "expires_at", customer.expiresAt(),
                "expired", customer.isExpiredAt(clock.now()),
                "last_active", customer.lastActive(),
                "session_id", entered.session().id(),
                "new_session", entered.newSession(),
                "is_admin", caller.admin(),
                "checkout_url", checkout.forCustomer(customer.passId()),
                "costs", costs,
                "engines", engines(),
                "video",
                        Json.obj(
                                "regen_enabled",
                                Json.bool(video, "regen_enabled", false),
                                "estimate_seconds",
                                Json.number(video, "estimate_seconds", 180),
                                "durations",
                                offer.durations(),
                                // Decision 041: what the configured video model allows, each choice with its price.
                                "default_duration",
                                offer.defaultSeconds(),
                                "model",
                                offer.modelName(),
                                "sound",
                                offer.offersSound(),
                                "end_frame",
                                offer.offersEndFrame(),
                                "quotes",
                                offer.quotes()),
                "preferences",
                        Json.obj(
                                "hard_blocks",
                                customer.preferences().hardBlocks(),
                                "tag_weights",
                                customer.preferences().tagWeights())));
    }

    /** The still engines a request may choose, with their prices (issue 22). */
    private List<Map<String, Object>> engines() {
        var engines = ConfiguredEngines.of(config);
        var costs = Costs.from(config);
        return engines.engines().stream()
                .map(e -> Json.obj(
                        "name", e.name(),
                        "label", e.label(),
                        "still", costs.still(e).amount(),
                        "tweak", costs.tweak(e).amount(),
                        "default", e.name().equals(engines.defaultEngine())))
                .toList();
    }

    private void beginSession(Context ctx) {
        Caller caller = Caller.of(ctx);
        if (ctx.bodyAsBytes().length > 0) {
            Bodies.of(ctx, NOTHING); // nothing to send; anything else is refused, before a session changes
        }
        EnterStudio.Entered entered = useCases.enterStudio().begin(caller.identity());
        ctx.status(201)
                .json(Json.obj(
                        "session_id", entered.session().id(),
                        "started_at", entered.session().startedAt(),
                        "ended_sessions", entered.endedSessions()));
    }

    private void upload(Context ctx) throws IOException {
        Caller caller = Caller.of(ctx);
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            throw new HttpProblem(415, "Unsupported media type", "send multipart/form-data with a 'file' and a 'kind'");
        }
        long max = useCases.media().limits().maxBytes();
        UploadedFile file = Uploads.file(ctx, max);
        AssetKind kind = kind(ctx.formParam("kind"));
        byte[] bytes;
        try (InputStream in = file.content()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        }
        limits.upload(caller.passId(), bytes.length);
        stored(ctx, useCases.media().upload(caller.passId(), kind, bytes));
    }

    private void uploadFromUrl(Context ctx) {
        Caller caller = Caller.of(ctx);
        Bodies body = Bodies.of(ctx, FROM_URL);
        AssetKind kind = kind(body.requiredText("kind"));
        URI url;
        try {
            url = new URI(body.requiredText("url").strip());
        } catch (URISyntaxException e) {
            throw new InvalidUpload("that is not a valid link");
        }
        limits.importUrl(caller.passId());
        stored(ctx, useCases.media().importUrl(caller.passId(), kind, url));
    }

    private static void stored(Context ctx, StoredAsset asset) {
        ctx.status(201)
                .json(Json.obj(
                        "url",
                        asset.url(),
                        "key",
                        asset.key().value(),
                        "content_type",
                        asset.type().contentType(),
                        "bytes",
                        asset.bytes()));
    }

    @SuppressWarnings("NullAway") // nulls the called code does not yet declare @Nullable: listed in the issue 25 report
    private static AssetKind kind(@Nullable String text) {
        try {
            return AssetKind.fromWire(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
    }

    @SuppressWarnings("NullAway") // nulls the called code does not yet declare @Nullable: listed in the issue 25 report
    private void createStill(Context ctx) {
        Caller caller = Caller.of(ctx);
        Bodies body = Bodies.of(ctx, STILL);
        AspectRatio ratio;
        try {
            ratio = body.text("aspect_ratio") == null ? null : AspectRatio.parse(body.text("aspect_ratio"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
        StillRequest request = new StillRequest(
                caller.passId(),
                body.text("brief"),
                body.text("style"),
                ratio,
                body.text("product_url"),
                body.text("logo_url"),
                body.texts("inspiration_urls"),
                body.object("settings"),
                RequestId.ofNullable(body.text("request_id")),
                StudioSession.CURRENT,
                body.texts("styles"),
                body.text("engine"));
        limits.create(caller.passId());
        accepted(ctx, useCases.createStill().submit(request));
    }

    @SuppressWarnings("NullAway") // nulls the called code does not yet declare @Nullable: listed in the issue 25 report
    private void tweak(Context ctx) {
        Caller caller = Caller.of(ctx);
        Bodies body = Bodies.of(ctx, TWEAK);
        limits.create(caller.passId());
        accepted(
                ctx,
                useCases.tweakStill()
                        .submit(new TweakStill.Request(
                                caller.passId(),
                                id(ctx),
                                body.text("feedback"),
                                RequestId.ofNullable(body.text("request_id")),
                                StudioSession.CURRENT,
                                body.text("engine"))));
    }

    /** 202 with the new generation, or the business refusal as its problem. */
    static void accepted(Context ctx, CreateOutcome outcome) {
        switch (outcome) {
            case CreateOutcome.Created created -> queued(ctx, created.generation(), created.balance());
            case CreateOutcome.AlreadyExists existing -> queued(ctx, existing.generation(), null);
            case CreateOutcome.Refused refused -> Problems.send(ctx, refused);
        }
    }

    private static void queued(Context ctx, Generation generation, @Nullable Long balance) {
        ctx.status(202)
                .json(Json.obj(
                        "generation_id",
                        generation.id().mgId(),
                        "status",
                        generation.status().wire(),
                        "mode",
                        generation.mode().wire(),
                        "credits_left",
                        balance,
                        "stream_url",
                        "/api/generations/" + generation.id().mgId() + "/stream"));
    }

    private void generation(Context ctx) {
        Generation g = owned(ctx);
        var view = Views.generation(g, origin(ctx));
        reacted(view, useCases.reactions().of(g.passId(), List.of(g)).get(g.id()));
        ctx.json(view);
    }

    private static void reacted(Map<String, Object> view, @Nullable EventType reaction) {
        view.put("liked", reaction == EventType.LIKE);
        view.put("disliked", reaction == EventType.DISLIKE);
    }

    private void download(Context ctx) {
        var file = useCases.download().download(Caller.of(ctx).passId(), id(ctx));
        ctx.contentType(file.contentType());
        // The name is ASCII letters, digits, dashes and a dot (DownloadGeneration.fileName): safe quoted (RFC 6266).
        ctx.header("Content-Disposition", "attachment; filename=\"" + file.fileName() + "\"");
        ctx.header("Cache-Control", "private, no-store");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.result(file.bytes());
    }

    private void hide(Context ctx) {
        useCases.hide().hide(id(ctx), Caller.of(ctx).passId());
        ctx.status(204);
    }

    private void taste(Context ctx) {
        Caller caller = Caller.of(ctx);
        var taste = useCases.taste().of(caller.passId());
        ctx.json(Json.obj(
                "hard_blocks",
                taste.preferences().hardBlocks(),
                "tag_weights",
                taste.preferences().tagWeights(),
                "updated_at",
                taste.updatedAt(),
                "learned",
                taste.profile().weights(),
                "signals_used",
                taste.profile().signalsUsed()));
    }

    @SuppressWarnings("NullAway") // nulls the called code does not yet declare @Nullable: listed in the issue 25 report
    private void event(Context ctx) {
        Caller caller = Caller.of(ctx);
        Bodies body = Bodies.of(ctx, EVENT);
        EventType type;
        try {
            type = EventType.fromWire(body.requiredText("type"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("type must be like, dislike, clear, download or feedback");
        }
        MmaEvent event = useCases.recordEvent()
                .record(caller.passId(), id(ctx), type, body.text("text"), body.text("hard_block"));
        ctx.status(201).json(Views.event(event));
    }

    private void recreate(Context ctx) {
        ctx.json(Recreate.of(owned(ctx)));
    }

    private void preferences(Context ctx) {
        Caller caller = Caller.of(ctx);
        Bodies body = Bodies.of(ctx, PREFERENCES);
        Preferences preferences;
        try {
            preferences = new Preferences(body.texts("hard_blocks"), body.numbers("tag_weights"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
        var saved = useCases.savePreferences().save(caller.passId(), preferences);
        ctx.json(Json.obj(
                "hard_blocks",
                saved.preferences().hardBlocks(),
                "tag_weights",
                saved.preferences().tagWeights(),
                "updated_at",
                saved.preferencesUpdatedAt()));
    }

    private void archive(Context ctx) {
        Caller caller = Caller.of(ctx);
        var query = Paging.query(ctx, caller.passId(), false).withoutHidden();
        List<Generation> items = useCases.archive().page(query);
        var reactions = useCases.reactions().of(caller.passId(), items);
        String origin = origin(ctx);
        ctx.json(Paging.page(items, query.limit(), g -> archiveItem(g, reactions.get(g.id()), origin)));
    }

    private static Map<String, Object> archiveItem(
            Generation g, @Nullable EventType reaction, @Nullable String origin) {
        var view = Views.generation(g, origin);
        view.remove("user_messages");
        view.put("preview_url", view.get("output_url"));
        view.put(
                "feedback",
                g.document().inputs() instanceof me.minav3.mma.generation.GenerationInputs.Tweak tweak
                        ? tweak.feedback()
                        : null);
        reacted(view, reaction);
        return view;
    }

    /** {@code scheme://host[:port]} as the caller reached this server (local media URLs are given under it). */
    private static @Nullable String origin(Context ctx) {
        String host = ctx.host();
        return host == null || !host.matches("[A-Za-z0-9.:\\[\\]-]+") ? null : ctx.scheme() + "://" + host;
    }

    /** The caller's generation named in the path; anyone else's is "not found" (no existence leak). */
    private Generation owned(Context ctx) {
        return useCases.generations().owned(id(ctx), Caller.of(ctx).passId());
    }

    static GenerationId id(Context ctx) {
        try {
            return GenerationId.parse(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw new NotFound("no generation " + ctx.pathParam("id"));
        }
    }
}
