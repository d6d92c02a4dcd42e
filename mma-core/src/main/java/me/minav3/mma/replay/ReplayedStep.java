package me.minav3.mma.replay;

import java.util.Objects;

/**
 * One GPT step of a generation run again: the context version it recorded and the one it ran under now, the text it
 * produced then ({@code field} of its output: a caption or a prompt) and now, and the word diff between them.
 */
public record ReplayedStep(
        int stepNo,
        String stepType,
        String contextKey,
        int recordedVersion,
        int replayedVersion,
        String field,
        String original,
        String replayed,
        PromptDiff diff) {

    public ReplayedStep {
        Objects.requireNonNull(stepType, "step type");
        Objects.requireNonNull(contextKey, "context key");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(replayed, "replayed");
        Objects.requireNonNull(diff, "diff");
    }

    /** Whether the replay wrote something else (exact text, not just words). */
    public boolean changed() {
        return !original.equals(replayed);
    }

    /** Whether the step writes a prompt for the image or video model (not a caption of an image). */
    public boolean prompt() {
        return !field.equals(ReplayGeneration.CAPTION);
    }
}
