package me.minav3.adapters.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What PostgreSQL's plans for a statement read, for the tests that hold a statement to the rows it may visit. */
final class Plans {

    /** Binds a statement's parameters for one EXPLAIN. */
    @FunctionalInterface
    interface Binder {
        void bind(NamedSql.Binding statement) throws SQLException;
    }

    private Plans() {}

    /**
     * The database, with autovacuum (and its autoanalyze) off for MEGA_GENERATIONS: the planner sees the statistics a
     * test gave it (or none), not whatever an autoanalyze took at some moment of the set-up.
     */
    static MegaDatabase quiet(MegaDatabase db) {
        db.jdbi().useHandle(h -> h.execute("ALTER TABLE public.mega_generations SET (autovacuum_enabled = false)"));
        return db;
    }

    /** {@code EXPLAIN (ANALYZE, FORMAT JSON)} of {@code sql} as bound, in a transaction rolled back. */
    static JsonNode explain(MegaDatabase db, String sql, Binder binder) throws Exception {
        return db.jdbi().withHandle(h -> {
            var c = h.getConnection();
            c.setAutoCommit(false);
            try (var explain =
                    NamedSql.of("EXPLAIN (ANALYZE, FORMAT JSON) " + sql).prepare(c)) {
                binder.bind(explain);
                try (ResultSet rs = explain.query()) {
                    rs.next();
                    return new ObjectMapper().readTree(rs.getString(1));
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        });
    }

    /** Rows every index, bitmap or table scan of the plan produced or threw away by its filter. */
    static long rowsVisited(JsonNode node) {
        long rows = 0;
        if (node.isArray()) {
            for (JsonNode child : node) {
                rows += rowsVisited(child);
            }
            return rows;
        }
        if (node.has("Plan")) {
            return rowsVisited(node.get("Plan"));
        }
        String type = node.path("Node Type").asText();
        if (type.endsWith("Scan") && !type.equals("CTE Scan") && !type.equals("Subquery Scan")) {
            rows += node.path("Actual Rows").asLong()
                            * Math.max(1, node.path("Actual Loops").asLong())
                    + node.path("Rows Removed by Filter").asLong();
        }
        for (JsonNode child : node.path("Plans")) {
            rows += rowsVisited(child);
        }
        return rows;
    }
}
