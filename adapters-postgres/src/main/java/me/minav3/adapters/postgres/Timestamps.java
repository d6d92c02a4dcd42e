package me.minav3.adapters.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** timestamptz columns as {@link Instant}s (JDBC speaks OffsetDateTime). */
final class Timestamps {

    private Timestamps() {}

    static @Nullable OffsetDateTime bind(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** A NOT NULL column. */
    static Instant readRequired(ResultSet rs, String column) throws SQLException {
        return Objects.requireNonNull(read(rs, column), column);
    }

    static @Nullable Instant read(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
