package me.minav3.mma.common;

import java.util.Arrays;
import java.util.Locale;

/** What a generation makes: a still image or a video. */
public enum MmaMode {
    STILL,
    VIDEO;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MmaMode fromWire(String wire) {
        return Arrays.stream(values())
                .filter(m -> m.wire().equals(wire))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("unknown mode '" + wire + "' (expected still or video)"));
    }
}
