package me.minav3.mma.studio;

import java.util.Optional;
import me.minav3.mma.common.PassId;

/** Studio sessions: {@code session:<id>} rows, when a user's studio visit began. */
public interface Sessions {

    /** Writes a {@code session:<id>} row (a new studio session began). */
    void open(SessionInfo session);

    /** The customer's most recent session. */
    Optional<SessionInfo> latest(PassId passId);
}
