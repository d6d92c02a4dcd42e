package me.minav3.http;

import static me.minav3.http.ApiSchemas.array;
import static me.minav3.http.ApiSchemas.bool;
import static me.minav3.http.ApiSchemas.enumOf;
import static me.minav3.http.ApiSchemas.freeObject;
import static me.minav3.http.ApiSchemas.integer;
import static me.minav3.http.ApiSchemas.mode;
import static me.minav3.http.ApiSchemas.object;
import static me.minav3.http.ApiSchemas.ref;
import static me.minav3.http.ApiSchemas.string;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import me.minav3.mma.common.Json;
import me.minav3.mma.replay.PromptDiff;
import me.minav3.mma.replay.Replay;
import me.minav3.mma.replay.ReplaySample;
import me.minav3.mma.replay.ReplayedStep;

/** The JSON of a replay and of a replay sample (decision 030), shared by {@code mina replay --json} and the API. */
public final class ReplayViews {

    private ReplayViews() {}

    /** A generation's GPT steps replayed, each beside its original with the word diff. */
    public static Map<String, Object> replay(Replay replay) {
        return Json.obj(
                "generation_id",
                replay.generationId().mgId(),
                "mode",
                replay.mode().wire(),
                "kind",
                replay.kind(),
                "provider",
                replay.provider(),
                "changed",
                replay.promptChanged(),
                "steps",
                replay.steps().stream().map(ReplayViews::step).toList());
    }

    private static Map<String, Object> step(ReplayedStep step) {
        return Json.obj(
                "step_no",
                step.stepNo(),
                "step_type",
                step.stepType(),
                "context_key",
                step.contextKey(),
                "recorded_version",
                step.recordedVersion(),
                "replayed_version",
                step.replayedVersion(),
                "field",
                step.field(),
                "prompt",
                step.prompt(),
                "changed",
                step.changed(),
                "original",
                step.original(),
                "replayed",
                step.replayed(),
                "diff",
                step.diff().parts().stream()
                        .map(p -> Json.obj("op", p.op().wire(), "text", p.text()))
                        .toList(),
                "diff_text",
                step.diff().text());
    }

    /** How many of the last finished generations got a different prompt, and each one's replay. */
    public static Map<String, Object> sample(ReplaySample sample) {
        return Json.obj(
                "config",
                new LinkedHashMap<String, Object>(new TreeMap<>(sample.versions())),
                "replayed",
                sample.replays().size(),
                "prompts_changed",
                sample.promptsChanged(),
                "prompts_unchanged",
                sample.promptsUnchanged(),
                "skipped",
                sample.skipped().stream()
                        .map(s -> Json.obj("generation_id", s.generationId().mgId(), "reason", s.reason()))
                        .toList(),
                "generations",
                sample.replays().stream().map(ReplayViews::replay).toList());
    }

    /** The schemas of {@link #replay} and {@link #sample}, for the API description. */
    static Map<String, Object> schemas() {
        Map<String, Object> step = object(
                "One GPT step run again",
                "step_no",
                integer("the step's number in the generation"),
                "step_type",
                string("e.g. scan_product, gpt_reader, gpt_feedback_still, gpt_reader_motion"),
                "context_key",
                string("the mma.ctx.* key the step runs with"),
                "recorded_version",
                integer("the version the step recorded when it ran"),
                "replayed_version",
                integer("the version it ran under now"),
                "field",
                string("the reply field compared: crt (a caption), clean_prompt or motion_prompt"),
                "prompt",
                bool("whether the field is a prompt (false: a caption of an image)"),
                "changed",
                bool("whether the replayed text differs from the original"),
                "original",
                string("what the step wrote then"),
                "replayed",
                string("what it writes now"),
                "diff",
                array(
                        object(
                                "A run of words",
                                "op",
                                enumOf(PromptDiff.Op.values(), PromptDiff.Op::wire, "same, removed or added"),
                                "text",
                                string("the words")),
                        "the word diff from original to replayed"),
                "diff_text",
                string("the same diff on one line: [-removed-] {+added+}"));
        Map<String, Object> replay = object(
                "A generation's GPT steps replayed; nothing charged or stored",
                "generation_id",
                string("the generation"),
                "mode",
                mode(),
                "kind",
                string("create, tweak, animate or video_feedback"),
                "provider",
                string("the vision provider that ran the replay"),
                "changed",
                bool("whether any prompt (captions not counted) came out different"),
                "steps",
                array(step, "the GPT steps in order"));
        return Json.obj(
                "Replay",
                replay,
                "ReplaySample",
                object(
                        "The last finished generations replayed under the given versions",
                        "config",
                        freeObject("the versions given, by context key"),
                        "replayed",
                        integer("how many generations were replayed"),
                        "prompts_changed",
                        integer("how many got a different prompt"),
                        "prompts_unchanged",
                        integer("how many got the same prompts"),
                        "skipped",
                        array(
                                object(
                                        "A generation that could not be replayed",
                                        "generation_id",
                                        string("the generation"),
                                        "reason",
                                        string("why, e.g. its images are gone")),
                                "the generations left out"),
                        "generations",
                        array(ref("Replay"), "each replay, newest generation first")));
    }
}
