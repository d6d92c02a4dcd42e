package me.minav3.mma.studio;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import me.minav3.mma.common.PassId;

/** Studio sessions: {@code session:<id>} rows, when a user's studio visit began and ended. */
public interface Sessions {

    /** Writes a {@code session:<id>} row (a new studio session began). */
    void open(SessionInfo session);

    /** The customer's most recent session. */
    Optional<SessionInfo> latest(PassId passId);

    /**
     * Records the end of every session of the customer that is still open (their end time and why); sessions
     * already ended keep theirs. Returns the ids of the sessions it ended.
     */
    List<String> endOpen(PassId passId, Instant endedAt, SessionEnd reason);
}
