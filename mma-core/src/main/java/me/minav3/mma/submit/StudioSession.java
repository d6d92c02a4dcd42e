package me.minav3.mma.submit;

import org.jspecify.annotations.Nullable;

/** The studio session a request is made in: none, a given one, or the caller's current one (looked up on submit). */
public sealed interface StudioSession {

    /** Not made in a studio (the CLI, a batch). */
    StudioSession NONE = new Given(null);

    /** The caller's latest studio session, if they have one (the studio's requests). */
    StudioSession CURRENT = new Current();

    /** A known session id, or none for null. */
    static StudioSession of(@Nullable String sessionId) {
        return sessionId == null ? NONE : new Given(sessionId);
    }

    /** A session the caller named (null: none). */
    record Given(@Nullable String id) implements StudioSession {}

    /** Whichever session the caller opened last. */
    record Current() implements StudioSession {}
}
