package me.minav3.mma.domain;

import java.time.Instant;

/** A studio session ({@code session:<id>} row): where a user's visit began. */
public record SessionInfo(String id, PassId passId, Instant startedAt) {
}
