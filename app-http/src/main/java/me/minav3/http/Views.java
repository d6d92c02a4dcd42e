package me.minav3.http;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.GenerationDocument;
import me.minav3.mma.generation.GenerationDocument.Settings;
import me.minav3.mma.generation.GenerationDocument.StillSettings;
import me.minav3.mma.generation.GenerationDocumentCodec;
import me.minav3.mma.generation.StepRecord;
import me.minav3.mma.pricing.CostTotal;
import me.minav3.mma.studio.GenerationTrail;
import org.jspecify.annotations.Nullable;

/** The JSON shapes of generations, steps and events, shared by the CLI ({@code --json}) and the HTTP API. */
public final class Views {

    private Views() {}

    /** The stored userMessages lines, oldest first. */
    public static List<String> userMessages(Generation g) {
        return g.document().messages().lines().stream()
                .map(line -> String.valueOf(line.text()))
                .toList();
    }

    private static final Pattern LOCAL_ASSET =
            Pattern.compile("https?://(localhost|127\\.[0-9.]+|\\[::1\\])(:[0-9]{1,5})?(/assets/[^?#]+)");

    /**
     * A media URL as an answer to {@code origin} gives it (decision 033): a local asset stored under a loopback base
     * ({@code http://localhost:8080/assets/<key>}, what {@code ./mina generate} stores by default) is given under
     * the origin the caller reached ({@code http://localhost:9090/assets/<key>}), which serves the same files; every
     * other URL (R2, links, a configured public base) is given as stored.
     *
     * @param origin {@code scheme://host[:port]} of the request, or null to give every URL as stored
     */
    public static @Nullable String mediaUrl(@Nullable String url, @Nullable String origin) {
        if (url == null || origin == null) {
            return url;
        }
        Matcher local = LOCAL_ASSET.matcher(url);
        return local.matches() ? origin + local.group(3) : url;
    }

    /** The input images of a generation with {@link #mediaUrl} applied to each URL. */
    private static Map<String, Object> mediaUrls(Map<String, Object> assets, @Nullable String origin) {
        Map<String, Object> view = new java.util.LinkedHashMap<>();
        assets.forEach((key, value) -> view.put(
                key,
                switch (value) {
                    case String url -> mediaUrl(url, origin);
                    case List<?> urls ->
                        urls.stream()
                                .map(u -> u instanceof String url ? mediaUrl(url, origin) : u)
                                .toList();
                    case null, default -> value;
                }));
        return view;
    }

    public static Map<String, Object> generation(Generation g) {
        return generation(g, null);
    }

    /** The generation as an answer to {@code origin} gives it (its media URLs: {@link #mediaUrl}). */
    public static Map<String, Object> generation(Generation g, @Nullable String origin) {
        GenerationDocument d = g.document();
        Settings settings = d.settings();
        String style = settings instanceof StillSettings still ? still.style() : null;
        return Json.obj(
                "generation_id", g.id().mgId(),
                "pass_id", g.passId().value(),
                "parent_id", g.parentId() == null ? null : g.parentId().mgId(),
                "session_id", g.sessionId(),
                "mode", g.mode().wire(),
                "kind", GenerationDocumentCodec.storedKind(d),
                "status", g.status().wire(),
                "output_url", mediaUrl(g.outputUrl(), origin),
                "prompt", g.prompt(),
                "provider", g.provider(),
                "model", g.model(),
                "error", g.error(),
                "brief", d.inputs() == null ? null : d.inputs().brief(),
                "style", style,
                "aspect_ratio", settings == null ? null : settings.aspectRatio(),
                "settings", settings == null ? Map.of() : GenerationDocumentCodec.settings(settings),
                "assets", d.assets() == null ? Map.of() : mediaUrls(GenerationDocumentCodec.assets(d.assets()), origin),
                "user_messages", userMessages(g),
                "latency_ms", g.latencyMs(),
                "attempts", g.attempts(),
                "created_at", g.createdAt(),
                "updated_at", g.updatedAt());
    }

    public static Map<String, Object> step(StepRecord s) {
        return Json.obj(
                "id",
                s.mgId(),
                "step_no",
                s.stepNo(),
                "step_type",
                s.stepType(),
                "payload",
                s.payload(),
                "created_at",
                s.createdAt());
    }

    public static Map<String, Object> event(MmaEvent e) {
        return Json.obj(
                "id",
                e.mgId(),
                "event_type",
                e.type().wire(),
                "pass_id",
                e.passId().value(),
                "generation_id",
                e.generationId() == null ? null : e.generationId().mgId(),
                "text",
                e.text(),
                "meta",
                e.meta(),
                "created_at",
                e.at());
    }

    /** A generation with its whole trace and what its provider steps cost (audit, admin). */
    public static Map<String, Object> audit(GenerationTrail.Trail trail) {
        var view = audit(trail.generation(), trail.steps(), trail.events());
        view.put("cost", cost(trail.cost()));
        return view;
    }

    /** A cost total: USD as exact decimal text, and how many provider steps had a known or an unknown cost. */
    public static Map<String, Object> cost(CostTotal total) {
        return Json.obj(
                "usd",
                total.usdText(),
                "priced_steps",
                total.pricedSteps(),
                "unpriced_steps",
                total.unpricedSteps(),
                "complete",
                total.complete());
    }

    /** A generation with its whole trace: every step payload and every event (audit, admin). */
    public static Map<String, Object> audit(Generation g, List<StepRecord> steps, List<MmaEvent> events) {
        var view = generation(g);
        view.put("vars", GenerationDocumentCodec.encode(g.document()));
        view.put("meta", g.meta());
        view.put("steps", steps.stream().map(Views::step).toList());
        view.put("events", events.stream().map(Views::event).toList());
        return view;
    }
}
