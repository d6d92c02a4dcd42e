package me.minav3.mma.port;

import java.util.Optional;
import me.minav3.mma.domain.PassId;
import me.minav3.mma.domain.SessionInfo;

/** Studio sessions: {@code session:<id>} rows, when a user's studio visit began. */
public interface Sessions {

    /** Writes a {@code session:<id>} row (a new studio session began). */
    void open(SessionInfo session);

    /** The customer's most recent session. */
    Optional<SessionInfo> latest(PassId passId);
}
