package me.minav3.mma.common;

import java.util.Arrays;
import java.util.Locale;

/** The record types of MEGA_GENERATIONS (spec §11.2); the wire name is also the {@code mg_id} prefix. */
public enum RecordType {
    SESSION,
    GENERATION,
    FEEDBACK,
    CREDIT_TRANSACTION,
    MMA_STEP,
    MMA_EVENT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Rows of these types are history: the database refuses to update or delete them. */
    public boolean isAppendOnly() {
        return this == CREDIT_TRANSACTION || this == MMA_STEP || this == MMA_EVENT;
    }

    public static RecordType fromWire(String wire) {
        return Arrays.stream(values())
                .filter(t -> t.wire().equals(wire))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown record type: " + wire));
    }
}
