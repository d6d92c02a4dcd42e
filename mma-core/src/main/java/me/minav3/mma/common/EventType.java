package me.minav3.mma.common;

import java.util.Arrays;
import java.util.Locale;

/** The {@code mg_meta.event_type} of an MMA event (spec §12.3). */
public enum EventType {
    LIKE,
    DISLIKE,
    DOWNLOAD,
    PREFERENCE_SET,
    CREATE,
    TWEAK,
    FEEDBACK,
    ANIMATE,
    SUGGESTION,
    /** An edit tool run on a still (issue 23, decision 045). */
    EDIT,
    /** A Shopify refund line and what it took back (decision 029); written by the ledger, not by the user. */
    SHOPIFY_REFUND,
    /** Takes back the user's like or dislike of a generation (decision 031: the later event wins). */
    CLEAR;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Events that teach MMA the user's taste (a clear takes back an earlier like or dislike). */
    public boolean isTasteSignal() {
        return this == LIKE || this == DISLIKE || this == DOWNLOAD || this == CLEAR;
    }

    /** Like, dislike or clear: of these, the latest one about a generation is the user's reaction to it. */
    public boolean isReaction() {
        return this == LIKE || this == DISLIKE || this == CLEAR;
    }

    public static EventType fromWire(String wire) {
        String normalized = wire == null ? "" : wire.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(t -> t.wire().equals(normalized))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown event type '" + wire + "'"));
    }
}
