package me.minav3.http;

import static me.minav3.http.ApiSchemas.array;
import static me.minav3.http.ApiSchemas.dateTime;
import static me.minav3.http.ApiSchemas.integer;
import static me.minav3.http.ApiSchemas.object;
import static me.minav3.http.ApiSchemas.ref;
import static me.minav3.http.ApiSchemas.string;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.styles.PresetStyle;
import me.minav3.mma.styles.Styles;
import me.minav3.mma.styles.UserStyle;
import me.minav3.mma.styles.catalog.StyleCatalog;

/**
 * Style references (issue 24.3, decision 032): the published presets and the limit, and the user's own styles made
 * from their uploads. Another user's style id answers 404 like an unknown one.
 */
public final class StyleRoutes {

    private static final String STUDIO = "studio";

    static final BodySpec SAVE = BodySpec.named("SaveStyleRequest", "A style of my own, from images I uploaded")
            .required("name", BodySpec.Type.TEXT, "what to call it", "maxLength", 40)
            .required(
                    "image_urls",
                    BodySpec.Type.TEXTS,
                    "1 to max_images_per_style of my uploaded images (their URLs)",
                    "minItems",
                    1)
            .example("name", "Linen mornings", "image_urls", List.of("http://localhost:8080/assets/uploads/x.png"))
            .build();

    private final Styles styles;

    public StyleRoutes(Styles styles) {
        this.styles = styles;
    }

    void register(Api api) {
        var user = Api.Access.USER;
        api.get(
                "/api/styles",
                user,
                STUDIO,
                "The style presets, my own styles and how many one still may use",
                Api.Doc.of().id("listStyles").json(200, "Styles"),
                this::list);
        api.post(
                "/api/styles",
                user,
                STUDIO,
                "Save a style of my own from my uploaded images",
                Api.Doc.of().id("saveStyle").body(SAVE).json(201, "UserStyle").problems(409, 422),
                this::save);
        api.delete(
                "/api/styles/{id}",
                user,
                STUDIO,
                "Delete one of my own styles",
                Api.Doc.of().id("deleteStyle").noContent(204).problems(404),
                this::delete);
    }

    private void list(Context ctx) {
        PassId owner = Caller.of(ctx).passId();
        StyleCatalog catalog = styles.catalog();
        ctx.json(Json.obj(
                "max_per_still",
                catalog.maxPerStill(),
                "max_images_per_style",
                catalog.maxImagesPerStyle(),
                "presets",
                styles.presets().stream().map(StyleRoutes::preset).toList(),
                "mine",
                styles.mine(owner).stream().map(StyleRoutes::mine).toList()));
    }

    private void save(Context ctx) {
        Bodies body = Bodies.of(ctx, SAVE);
        UserStyle saved = styles.save(Caller.of(ctx).passId(), body.requiredText("name"), body.texts("image_urls"));
        ctx.status(201).json(mine(saved));
    }

    private void delete(Context ctx) {
        styles.delete(Caller.of(ctx).passId(), ctx.pathParam("id"));
        ctx.status(204);
    }

    private static Map<String, Object> preset(PresetStyle p) {
        return Json.obj(
                "id",
                p.id(),
                "name",
                p.name(),
                "cue",
                p.cue(),
                "hero_url",
                p.heroUrl(),
                "reference_urls",
                p.referenceUrls());
    }

    private static Map<String, Object> mine(UserStyle s) {
        return Json.obj(
                "id",
                s.id(),
                "name",
                s.name(),
                "reference_urls",
                s.referenceUrls(),
                "created_at",
                s.createdAt().toString());
    }

    /** The answers' schemas, for the OpenAPI document. */
    static Map<String, Object> schemas() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put(
                "PresetStyle",
                object(
                        "A published style preset",
                        "id",
                        string("its id, for styles in a still request"),
                        "name",
                        string("its name"),
                        "cue",
                        string("what it tells the prompt writer"),
                        "hero_url",
                        string("its thumbnail"),
                        "reference_urls",
                        array(string("an image"), "the reference images sent to the image model")));
        s.put(
                "UserStyle",
                object(
                        "A style of my own",
                        "id",
                        string("its id (starts with my-)"),
                        "name",
                        string("its name"),
                        "reference_urls",
                        array(string("one of my uploaded images"), "its reference images"),
                        "created_at",
                        dateTime("when it was saved")));
        s.put(
                "Styles",
                object(
                        "The styles I can choose",
                        "max_per_still",
                        integer("how many styles one still may use"),
                        "max_images_per_style",
                        integer("how many images a style of my own holds"),
                        "presets",
                        array(ref("PresetStyle"), "the published presets"),
                        "mine",
                        array(ref("UserStyle"), "my own styles, oldest first")));
        return s;
    }
}
