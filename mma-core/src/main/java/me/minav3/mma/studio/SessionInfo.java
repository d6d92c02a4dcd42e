package me.minav3.mma.studio;

import java.time.Instant;
import me.minav3.mma.common.PassId;

/** A studio session ({@code session:<id>} row): where a user's visit began. */
public record SessionInfo(String id, PassId passId, Instant startedAt) {
}
