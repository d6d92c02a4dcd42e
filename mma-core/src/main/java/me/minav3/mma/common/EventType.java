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
    /** A Shopify refund line and what it took back (decision 029); written by the ledger, not by the user. */
    SHOPIFY_REFUND;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Events that teach MMA the user's taste. */
    public boolean isTasteSignal() {
        return this == LIKE || this == DISLIKE || this == DOWNLOAD;
    }

    public static EventType fromWire(String wire) {
        String normalized = wire == null ? "" : wire.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(t -> t.wire().equals(normalized))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown event type '" + wire + "'"));
    }
}
