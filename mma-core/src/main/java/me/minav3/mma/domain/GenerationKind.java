package me.minav3.mma.domain;

import java.util.Arrays;

/** How a generation was started, which decides its pipeline: stored as {@code mg_mma_vars.kind}. */
public enum GenerationKind {
    CREATE("create", MmaMode.STILL),
    TWEAK("tweak", MmaMode.STILL),
    ANIMATE("animate", MmaMode.VIDEO),
    VIDEO_FEEDBACK("video_feedback", MmaMode.VIDEO);

    private final String wire;
    private final MmaMode mode;

    GenerationKind(String wire, MmaMode mode) {
        this.wire = wire;
        this.mode = mode;
    }

    public String wire() {
        return wire;
    }

    /** What a generation of this kind makes. */
    public MmaMode mode() {
        return mode;
    }

    public static GenerationKind fromWire(String wire) {
        return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown generation kind '" + wire + "'"));
    }
}
