package me.minav3.mma.generation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import me.minav3.mma.common.MmaMode;

/** How a generation was started, which decides its pipeline: stored as {@code mg_mma_vars.kind}. */
public enum GenerationKind {
    CREATE,
    TWEAK,
    ANIMATE,
    VIDEO_FEEDBACK,
    /** An edit tool run on a finished still (issue 23, decision 045): a still of its own, parent = the edited one. */
    EDIT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What a generation of this kind makes. */
    public MmaMode mode() {
        return switch (this) {
            case CREATE, TWEAK, EDIT -> MmaMode.STILL;
            case ANIMATE, VIDEO_FEEDBACK -> MmaMode.VIDEO;
        };
    }

    /**
     * The sentence that tells the user where the matcha of a generation of this kind went when it failed or was
     * cancelled: a tool run's share goes back to the tool pool, not to the balance (decision 042).
     */
    public String refundSentence() {
        return this == EDIT ? "Its share of matcha went back to your tool pool." : "Your matcha was refunded.";
    }

    /** The kind stored as {@code wire}, or empty for one this release does not know (a newer release wrote it). */
    public static Optional<GenerationKind> find(String wire) {
        return Arrays.stream(values()).filter(k -> k.wire().equals(wire)).findFirst();
    }
}
