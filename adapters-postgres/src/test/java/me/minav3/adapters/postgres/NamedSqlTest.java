package me.minav3.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code :name} statements of the plain-JDBC path (decision 053), run on a real server. */
class NamedSqlTest {

    private static Connection connection;

    @BeforeAll
    static void connect() throws SQLException {
        connection = TestDatabase.freshUrl().connect();
    }

    @AfterAll
    static void disconnect() throws SQLException {
        connection.close();
    }

    @Test
    void aNameUsedTwiceIsBoundOnceAndCastsQuotesAndIdentifiersAreLeftAsTheyAre() throws SQLException {
        NamedSql sql = NamedSql.of("""
                SELECT :word::text || ':not_a_name' || :word AS "odd:column", 'it''s :quoted' AS quoted,
                       :n + 1 AS n, :at AS at""");

        assertThat(sql.jdbc()).isEqualTo("""
                SELECT ?::text || ':not_a_name' || ? AS "odd:column", 'it''s :quoted' AS quoted,
                       ? + 1 AS n, ? AS at""");
        Instant at = Instant.parse("2026-12-06T08:30:00.123456Z");
        try (var select = sql.prepare(connection);
                ResultSet rs = select.text("word", "matcha")
                        .number("n", 41L)
                        .instant("at", at)
                        .query()) {
            rs.next();
            assertThat(rs.getString("odd:column")).isEqualTo("matcha:not_a_namematcha");
            assertThat(rs.getString("quoted")).isEqualTo("it's :quoted");
            assertThat(rs.getLong("n")).isEqualTo(42);
            assertThat(Timestamps.read(rs, "at")).isEqualTo(at);
        }
    }

    @Test
    void aStatementWithAParameterLeftUnboundIsRefusedBeforeItRuns() throws SQLException {
        NamedSql sql = NamedSql.of("SELECT CAST(:a AS text), CAST(:b AS text)");
        try (var select = sql.prepare(connection)) {
            select.text("a", "x");
            assertThatThrownBy(select::query)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(":b is not bound");
        }
    }

    @Test
    void aNameTheStatementDoesNotHaveIsRefused() throws SQLException {
        try (var select = NamedSql.of("SELECT CAST(:a AS text)").prepare(connection)) {
            assertThatThrownBy(() -> select.text("b", "x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(":b is not a parameter");
        }
    }

    @Test
    void nullsAreBoundAsSqlNulls() throws SQLException {
        NamedSql sql = NamedSql.of(
                "SELECT CAST(:t AS text) IS NULL, CAST(:n AS bigint) IS NULL, CAST(:at AS timestamptz) IS NULL");
        try (var select = sql.prepare(connection);
                ResultSet rs = select.text("t", null)
                        .number("n", (Long) null)
                        .instant("at", null)
                        .query()) {
            rs.next();
            assertThat(rs.getBoolean(1)).isTrue();
            assertThat(rs.getBoolean(2)).isTrue();
            assertThat(rs.getBoolean(3)).isTrue();
        }
    }

    @Test
    void aBareQuestionMarkOrAnOpenQuoteIsRefusedWhenTheStatementIsWritten() {
        assertThatThrownBy(() -> NamedSql.of("SELECT mg_meta ? 'key' FROM public.mega_generations"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bare ?");
        assertThatThrownBy(() -> NamedSql.of("SELECT 'open"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unterminated quote");
    }
}
