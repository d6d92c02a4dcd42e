package me.minav3.mma.studio;

import java.time.Instant;
import me.minav3.mma.common.PassId;
import org.jspecify.annotations.Nullable;

/** A studio session ({@code session:<id>} row): when a user's visit began and, once recorded, when it ended. */
public record SessionInfo(
        String id,
        PassId passId,
        Instant startedAt,
        @Nullable Instant endedAt) {

    /** A session that is still open. */
    public SessionInfo(String id, PassId passId, Instant startedAt) {
        this(id, passId, startedAt, null);
    }

    public boolean ended() {
        return endedAt != null;
    }
}
