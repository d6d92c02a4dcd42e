package me.minav3.mma.replay;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import me.minav3.mma.common.GenerationId;

/**
 * The last finished generations replayed under chosen versions: each replay, and each generation that could not be
 * replayed with the reason (e.g. its images are gone).
 */
public record ReplaySample(Map<String, Integer> versions, List<Replay> replays, List<Skipped> skipped) {

    /** A generation left out of the sample, and why. */
    public record Skipped(GenerationId generationId, String reason) {
        public Skipped {
            Objects.requireNonNull(generationId, "generation id");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public ReplaySample {
        versions = Map.copyOf(versions);
        replays = List.copyOf(replays);
        skipped = List.copyOf(skipped);
    }

    /** How many replayed generations got a different prompt. */
    public long promptsChanged() {
        return replays.stream().filter(Replay::promptChanged).count();
    }

    /** How many replayed generations got the same prompts. */
    public long promptsUnchanged() {
        return replays.size() - promptsChanged();
    }
}
