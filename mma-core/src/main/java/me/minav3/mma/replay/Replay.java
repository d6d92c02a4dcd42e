package me.minav3.mma.replay;

import java.util.List;
import java.util.Objects;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.MmaMode;

/** A generation's GPT steps replayed, in step order, with the vision provider that ran them now. */
public record Replay(GenerationId generationId, MmaMode mode, String kind, String provider, List<ReplayedStep> steps) {

    public Replay {
        Objects.requireNonNull(generationId, "generation id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(provider, "provider");
        steps = List.copyOf(steps);
    }

    /** Whether any prompt (not counting captions) came out different. */
    public boolean promptChanged() {
        return steps.stream().anyMatch(s -> s.prompt() && s.changed());
    }

    /** Whether any step, caption or prompt, came out different. */
    public boolean changed() {
        return steps.stream().anyMatch(ReplayedStep::changed);
    }
}
