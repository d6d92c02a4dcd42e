package me.minav3.adapters.postgres;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The rows written by the release before the typed generation document (commit 449f758), captured as JSON in
 * {@code fixtures/stored-generations/} (see the README there): one file per scenario and state.
 */
final class StoredGenerations {

    static final List<String> SCENARIOS =
            List.of("create-full", "create-text", "tweak", "animate-still", "animate-upload", "video-feedback");
    static final List<String> STATES = List.of("queued", "half-done", "done");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One captured database: every customer and every {@code mega_generations} row, and the generation it is about. */
    record Capture(
            String scenario,
            String state,
            String target,
            List<Map<String, Object>> customers,
            List<Map<String, Object>> rows) {

        /** The captured row of the generation this file is about. */
        Map<String, Object> targetRow() {
            return rows.stream()
                    .filter(r -> target.equals(r.get("mg_id")))
                    .findFirst()
                    .orElseThrow();
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> targetVars() {
            return (Map<String, Object>) targetRow().get("mg_mma_vars");
        }

        /** Every captured generation row (the target and its parents). */
        List<Map<String, Object>> generationRows() {
            return rows.stream()
                    .filter(r -> "generation".equals(r.get("mg_record_type")))
                    .toList();
        }

        /** Inserts the captured rows as they are (plain SQL, every column) into a migrated database. */
        void insertInto(DatabaseUrl url) {
            try (Connection c = url.connect()) {
                insert(
                        c,
                        "mega_customers",
                        customers.stream().map(Capture::migrated).toList());
                insert(c, "mega_generations", rows);
            } catch (SQLException e) {
                throw new IllegalStateException("could not insert " + scenario + "." + state, e);
            }
        }

        /**
         * A captured customer row as the migrations since 449f758 leave it: the columns they add hold their defaults
         * ({@code mg_revoked_tokens} {@code {}}, {@code mg_tokens_not_before} null; migration V4;
         * {@code mg_tool_pool} 0; migration V7).
         */
        static Map<String, Object> migrated(Map<String, Object> customer) {
            Map<String, Object> row = new java.util.LinkedHashMap<>(customer);
            row.putIfAbsent("mg_revoked_tokens", Map.of());
            row.putIfAbsent("mg_tool_pool", 0);
            return row;
        }

        private static void insert(Connection c, String table, List<Map<String, Object>> rows) throws SQLException {
            String sql = "INSERT INTO public." + table + " SELECT * FROM jsonb_populate_record(NULL::public." + table
                    + ", CAST(? AS jsonb))";
            try (PreparedStatement insert = c.prepareStatement(sql)) {
                for (Map<String, Object> row : rows) {
                    insert.setString(1, JSON.writeValueAsString(row));
                    insert.executeUpdate();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private StoredGenerations() {}

    static Capture load(String scenario, String state) {
        String name = "/fixtures/stored-generations/" + scenario + "." + state + ".json";
        try (InputStream in = StoredGenerations.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            Map<String, Object> file = JSON.readValue(in, new TypeReference<>() {});
            return new Capture(
                    scenario,
                    state,
                    (String) file.get("target"),
                    rows(file.get("mega_customers")),
                    rows(file.get("mega_generations")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Object rows) {
        return (List<Map<String, Object>>) rows;
    }

    /**
     * The shape of a JSON tree: the same keys in every object, and the kind of every value (object, list, text,
     * number, boolean or null); list items are compared as far as both lists go.
     */
    static Object shape(Object value) {
        if (value instanceof Map<?, ?> map) {
            var shape = new java.util.TreeMap<String, Object>();
            map.forEach((k, v) -> shape.put(k.toString(), shape(v)));
            return shape;
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "list" : List.of("list of", shape(list.get(0)));
        }
        if (value == null) {
            return "null";
        }
        if (value instanceof Number) {
            return "number";
        }
        return value instanceof Boolean ? "boolean" : "text";
    }
}
