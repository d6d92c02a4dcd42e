package me.minav3.mma.common;

import java.util.Arrays;
import java.util.Locale;

/** Where a generation is in the MMA pipeline: queued → scanning → prompting → generating → postscan → done | error. */
public enum MmaStatus {
    QUEUED,
    SCANNING,
    PROMPTING,
    GENERATING,
    POSTSCAN,
    DONE,
    ERROR;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isTerminal() {
        return this == DONE || this == ERROR;
    }

    /** Stages only move forward; any unfinished stage may end in error. */
    public boolean canMoveTo(MmaStatus next) {
        if (isTerminal()) {
            return false;
        }
        return next == ERROR || next.ordinal() >= ordinal();
    }

    public static MmaStatus fromWire(String wire) {
        return Arrays.stream(values())
                .filter(s -> s.wire().equals(wire))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown MMA status: " + wire));
    }
}
