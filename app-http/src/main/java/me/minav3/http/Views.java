package me.minav3.http;

import java.util.List;
import java.util.Map;
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

/** The JSON shapes of generations, steps and events, shared by the CLI ({@code --json}) and the HTTP API. */
public final class Views {

    private Views() {}

    /** The stored userMessages lines, oldest first. */
    public static List<String> userMessages(Generation g) {
        return g.document().messages().lines().stream()
                .map(line -> String.valueOf(line.text()))
                .toList();
    }

    public static Map<String, Object> generation(Generation g) {
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
                "output_url", g.outputUrl(),
                "prompt", g.prompt(),
                "provider", g.provider(),
                "model", g.model(),
                "error", g.error(),
                "brief", d.inputs() == null ? null : d.inputs().brief(),
                "style", style,
                "aspect_ratio", settings == null ? null : settings.aspectRatio(),
                "settings", settings == null ? Map.of() : GenerationDocumentCodec.settings(settings),
                "assets", d.assets() == null ? Map.of() : GenerationDocumentCodec.assets(d.assets()),
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
