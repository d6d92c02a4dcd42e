package me.minav3.http;

import java.util.List;
import java.util.Map;
import me.minav3.mma.domain.Generation;
import me.minav3.mma.domain.Json;
import me.minav3.mma.domain.MmaEvent;
import me.minav3.mma.domain.StepRecord;

/** The JSON shapes of generations, steps and events, shared by the CLI ({@code --json}) and the HTTP API. */
public final class Views {

    private Views() {
    }

    /** The stored userMessages lines, oldest first. */
    public static List<String> userMessages(Generation g) {
        return Json.list(g.section("userMessages"), "lines").stream()
                .map(line -> line instanceof Map<?, ?> map ? String.valueOf(map.get("text")) : String.valueOf(line))
                .toList();
    }

    public static Map<String, Object> generation(Generation g) {
        var settings = g.section("settings");
        var inputs = g.section("inputs");
        return Json.obj(
                "generation_id", g.id().mgId(),
                "pass_id", g.passId().value(),
                "parent_id", g.parentId() == null ? null : g.parentId().mgId(),
                "session_id", g.sessionId(),
                "mode", g.mode().wire(),
                "kind", Json.string(g.vars(), "kind", null),
                "status", g.status().wire(),
                "output_url", g.outputUrl(),
                "prompt", g.prompt(),
                "provider", g.provider(),
                "model", g.model(),
                "error", g.error(),
                "brief", Json.string(inputs, "brief", null),
                "style", Json.string(settings, "style", null),
                "aspect_ratio", Json.string(settings, "aspect_ratio", null),
                "settings", settings,
                "assets", g.section("assets"),
                "user_messages", userMessages(g),
                "latency_ms", g.latencyMs(),
                "attempts", g.attempts(),
                "created_at", g.createdAt(),
                "updated_at", g.updatedAt());
    }

    public static Map<String, Object> step(StepRecord s) {
        return Json.obj("id", s.mgId(), "step_no", s.stepNo(), "step_type", s.stepType(), "payload", s.payload(),
                "created_at", s.createdAt());
    }

    public static Map<String, Object> event(MmaEvent e) {
        return Json.obj("id", e.mgId(), "event_type", e.type().wire(), "pass_id", e.passId().value(),
                "generation_id", e.generationId() == null ? null : e.generationId().mgId(), "text", e.text(),
                "meta", e.meta(), "created_at", e.at());
    }

    /** A generation with its whole trace: every step payload and every event (audit, admin). */
    public static Map<String, Object> audit(Generation g, List<StepRecord> steps, List<MmaEvent> events) {
        var view = generation(g);
        view.put("vars", g.vars());
        view.put("meta", g.meta());
        view.put("steps", steps.stream().map(Views::step).toList());
        view.put("events", events.stream().map(Views::event).toList());
        return view;
    }
}
