package me.minav3.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * Decision 065: MEGA_GENERATIONS' row rules moved from ten CHECK constraints (V1) into one CHECK calling
 * {@code public.mega_generations_rules} (V11). The same rows must be refused, with the same error: thousands of rows,
 * each inserted into a database migrated only up to V10 and into one migrated to this build, must meet the same
 * verdict (accepted, or the SQLSTATE and the constraint it names).
 */
class GenerationRulesTest {

    /** The ten constraints of V1, which the function's refusals still name. */
    private static final List<String> RULES = List.of(
            "mega_generations_credit_shape",
            "mega_generations_delta_only_on_credits",
            "mega_generations_event_type",
            "mega_generations_generation_shape",
            "mega_generations_id_prefix_is_record_type",
            "mega_generations_mode",
            "mega_generations_output_url_permanent",
            "mega_generations_record_type",
            "mega_generations_status",
            "mega_generations_step_shape");

    private static final List<String> TYPES =
            List.of("session", "generation", "feedback", "credit_transaction", "mma_step", "mma_event");

    private static final String COLUMNS = "mg_id, mg_record_type, mg_delta, mg_reason, mg_source, mg_mma_mode,"
            + " mg_mma_status, mg_step_no, mg_step_type, mg_parent_id, mg_payload, mg_meta, mg_output_url";

    /**
     * Inserts every candidate row on its own, undoing the ones that go in, and answers each row's verdict: "accepted",
     * or the SQLSTATE and the constraint the error names.
     */
    private static final String VERDICTS = """
            CREATE FUNCTION pg_temp.verdicts() RETURNS TABLE (n integer, verdict text) LANGUAGE plpgsql AS $$
            DECLARE
                r record;
                state text;
                named text;
            BEGIN
                FOR r IN SELECT * FROM candidates ORDER BY candidates.n LOOP
                    n := r.n;
                    BEGIN
                        INSERT INTO public.mega_generations (%1$s, mg_pass_id, mg_created_at, mg_updated_at)
                        SELECT %1$s, 'pass:user:rules', now(), now() FROM candidates c WHERE c.n = r.n;
                        RAISE EXCEPTION 'undo' USING ERRCODE = 'MINA0';
                    EXCEPTION
                        WHEN SQLSTATE 'MINA0' THEN
                            verdict := 'accepted';
                        WHEN OTHERS THEN
                            GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, named = CONSTRAINT_NAME;
                            verdict := state || ' ' || coalesce(named, '');
                    END;
                    RETURN NEXT;
                END LOOP;
            END $$""".formatted(COLUMNS);

    private static DatabaseUrl before;
    private static DatabaseUrl now;

    @BeforeAll
    static void databases() throws SQLException {
        now = TestDatabase.freshUrl();
        before = TestDatabase.emptyUrl();
        MegaDatabase.migrateUpTo(before, "10");
        for (DatabaseUrl url : List.of(before, now)) {
            TestDatabase.execute(url, """
                    INSERT INTO public.mega_customers (mg_pass_id, mg_created_at, mg_updated_at)
                    VALUES ('pass:user:rules', now(), now())""");
        }
    }

    @Test
    void theFunctionRefusesExactlyTheRowsTheTenConstraintsRefusedNamingTheSameRule() throws SQLException {
        List<Object[]> rows = candidates(new Random(65), 6_000);

        Map<Integer, String> expected = verdicts(before, rows);
        Map<Integer, String> actual = verdicts(now, rows);

        assertThat(constraintNames(before)).containsExactlyInAnyOrderElementsOf(RULES);
        assertThat(constraintNames(now)).containsExactly("mega_generations_rules");
        // Not vacuous: the rows reach every rule, and acceptance, many times over.
        Map<String, Integer> seen = new TreeMap<>();
        expected.values().forEach(v -> seen.merge(v, 1, Integer::sum));
        assertThat(seen.get("accepted")).as(seen.toString()).isGreaterThan(300);
        for (String rule : RULES) {
            assertThat(seen.get("23514 " + rule)).as(rule + " in " + seen).isGreaterThan(20);
        }
        List<String> differences = new ArrayList<>();
        expected.forEach((n, verdict) -> {
            if (!verdict.equals(actual.get(n))) {
                differences.add(describe(rows.get(n)) + ": V10 " + verdict + ", now " + actual.get(n));
            }
        });
        assertThat(differences).isEmpty();
    }

    @Test
    void anUpdateIsHeldToTheRulesTooAndTheErrorNamesTheRule() throws SQLException {
        TestDatabase.execute(now, """
                INSERT INTO public.mega_generations (mg_id, mg_record_type, mg_pass_id, mg_mma_mode, mg_mma_status,
                    mg_created_at, mg_updated_at)
                VALUES ('generation:rules-update', 'generation', 'pass:user:rules', 'still', 'queued', now(), now())""");

        assertThatThrownBy(() -> TestDatabase.execute(
                        now,
                        "UPDATE public.mega_generations SET mg_mma_status = 'finished'"
                                + " WHERE mg_id = 'generation:rules-update'"))
                .isInstanceOfSatisfying(PSQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("23514");
                    assertThat(e.getServerErrorMessage()).isNotNull();
                    assertThat(e.getServerErrorMessage().getConstraint()).isEqualTo("mega_generations_status");
                    assertThat(e.getServerErrorMessage().getTable()).isEqualTo("mega_generations");
                });
        TestDatabase.execute(
                now,
                "UPDATE public.mega_generations SET mg_mma_status = 'done' WHERE mg_id = 'generation:rules-update'");
    }

    @Test
    void everyConstraintOfTheThreeTablesIsValidated() throws SQLException {
        try (Connection c = now.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        SELECT conname FROM pg_constraint
                         WHERE conrelid IN ('public.mega_customers'::regclass, 'public.mega_generations'::regclass,
                                            'public.mega_admin'::regclass)
                           AND NOT convalidated""")) {
            assertThat(rs.next()).as("a constraint left NOT VALID").isFalse();
        }
    }

    private static List<String> constraintNames(DatabaseUrl url) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = url.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        SELECT conname FROM pg_constraint
                         WHERE conrelid = 'public.mega_generations'::regclass AND contype = 'c'""")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static Map<Integer, String> verdicts(DatabaseUrl url, List<Object[]> rows) throws SQLException {
        try (Connection c = url.connect();
                Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TEMP TABLE candidates (n integer PRIMARY KEY, mg_id text, mg_record_type text,
                        mg_delta bigint, mg_reason text, mg_source text, mg_mma_mode text, mg_mma_status text,
                        mg_step_no integer, mg_step_type text, mg_parent_id text, mg_payload jsonb, mg_meta jsonb,
                        mg_output_url text)""");
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO candidates VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?)")) {
                for (int n = 0; n < rows.size(); n++) {
                    Object[] row = rows.get(n);
                    insert.setInt(1, n);
                    for (int i = 0; i < row.length; i++) {
                        int sqlType = i == 2 ? Types.BIGINT : i == 7 ? Types.INTEGER : Types.VARCHAR;
                        insert.setObject(i + 2, row[i], sqlType);
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            s.execute(VERDICTS);
            Map<Integer, String> verdicts = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT n, verdict FROM pg_temp.verdicts()")) {
                while (rs.next()) {
                    verdicts.put(rs.getInt(1), rs.getString(2));
                }
            }
            assertThat(verdicts).hasSize(rows.size());
            return verdicts;
        }
    }

    /**
     * Rows in the order of {@link #COLUMNS}: a third are well-formed rows of their type that break one rule on purpose
     * (each rule in turn), a third are well-formed rows with zero to two columns drawn again (acceptance is common), and
     * a third are drawn column by column.
     */
    private static List<Object[]> candidates(Random random, int count) {
        List<Object[]> rows = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            Object[] row;
            switch (n % 3) {
                case 0 -> row = breaking(random, (n / 3) % RULES.size(), n);
                case 1 -> {
                    row = wellFormed(random, pick(random, TYPES), n);
                    int changes = random.nextInt(3);
                    for (int i = 0; i < changes; i++) {
                        int column = random.nextInt(row.length);
                        row[column] = drawn(random, column, (String) row[1], n);
                    }
                }
                default -> {
                    row = new Object[13];
                    row[1] = random.nextInt(8) == 0 ? "unknown" : pick(random, TYPES);
                    for (int column = 0; column < row.length; column++) {
                        if (column != 1) {
                            row[column] = drawn(random, column, (String) row[1], n);
                        }
                    }
                }
            }
            rows.add(row);
        }
        return rows;
    }

    /** A well-formed row with the rule {@code RULES.get(rule)} broken, and only that one. */
    private static Object[] breaking(Random random, int rule, int n) {
        return switch (rule) {
            case 0 -> with(wellFormed(random, "credit_transaction", n), 2, 0L);
            case 1 -> with(wellFormed(random, pick(random, List.of("generation", "mma_event")), n), 2, 5L);
            case 2 -> with(wellFormed(random, "mma_event", n), 11, "{\"kind\": \"like\"}");
            case 3 -> with(wellFormed(random, "generation", n), 5, null);
            case 4 -> with(wellFormed(random, pick(random, TYPES), n), 0, "bogus:r" + n);
            case 5 -> with(wellFormed(random, pick(random, TYPES), n), 5, "gif");
            case 6 -> with(wellFormed(random, "generation", n), 12, "https://cdn.example/a.png?Expires=1");
            case 7 -> with(with(wellFormed(random, "session", n), 1, "unknown"), 0, "unknown:r" + n);
            case 8 -> with(wellFormed(random, pick(random, TYPES), n), 6, "bogus");
            case 9 -> with(wellFormed(random, "mma_step", n), 10, "{\"input\": 1, \"output\": 2}");
            default -> throw new IllegalArgumentException("rule " + rule);
        };
    }

    private static Object[] with(Object[] row, int column, Object value) {
        row[column] = value;
        return row;
    }

    private static Object[] wellFormed(Random random, String type, int n) {
        boolean credit = type.equals("credit_transaction");
        boolean generation = type.equals("generation");
        boolean step = type.equals("mma_step");
        return new Object[] {
            type + ":r" + n,
            type,
            credit ? (Object) (long) (random.nextBoolean() ? 5 : -1) : null,
            credit ? "grant" : null,
            credit ? "test" : null,
            generation ? pick(random, List.of("still", "video")) : null,
            generation ? pick(random, List.of("queued", "generating", "done", "error")) : null,
            step ? (Object) (1 + random.nextInt(5)) : null,
            step ? "scan" : null,
            step ? "generation:p" : null,
            step ? "{\"input\": {}, \"output\": {}, \"timing\": {}, \"error\": null}" : null,
            type.equals("mma_event") ? "{\"event_type\": \"like\"}" : "{}",
            generation && random.nextBoolean() ? "https://cdn.example/a.png" : null
        };
    }

    /** A value for one column, valid or not, NULL included. */
    private static Object drawn(Random random, int column, String type, int n) {
        return switch (column) {
            case 0 ->
                pick(random, List.of(type, pick(random, TYPES), "bogus", ""))
                        + pick(random, List.of(":r" + n, ":", "", "r" + n, ":r" + n + ":x"));
            case 1 -> pick(random, List.of("unknown", pick(random, TYPES), pick(random, TYPES)));
            case 2 -> pick(random, Arrays.asList(null, 0L, 5L, -3L));
            case 3, 4 -> pick(random, Arrays.asList(null, "grant"));
            case 5 -> pick(random, Arrays.asList(null, "still", "video", "gif"));
            case 6 ->
                pick(
                        random,
                        Arrays.asList(
                                null,
                                "queued",
                                "scanning",
                                "prompting",
                                "generating",
                                "postscan",
                                "done",
                                "error",
                                "bogus"));
            case 7 -> pick(random, Arrays.asList(null, 0, 1, 3, -1));
            case 8 -> pick(random, Arrays.asList(null, "scan"));
            case 9 -> pick(random, Arrays.asList(null, "generation:p"));
            case 10 ->
                pick(
                        random,
                        Arrays.asList(
                                null,
                                "{\"input\": 1, \"output\": 2, \"timing\": 3, \"error\": null}",
                                "{\"input\": 1}",
                                "[]",
                                "\"input output timing error\""));
            case 11 ->
                pick(
                        random,
                        Arrays.asList(
                                null,
                                "{}",
                                "{\"event_type\": \"like\"}",
                                "{\"event_type\": null}",
                                "[\"event_type\"]"));
            case 12 ->
                pick(
                        random,
                        Arrays.asList(
                                null,
                                "https://cdn.example/a.png",
                                "HTTP://cdn.example/a.png",
                                "ftp://cdn.example/a.png",
                                "https://b.r2.example/a.png?X-Amz-Signature=1",
                                "https://cdn.example/a.png?v=1&Token=1",
                                "https://cdn.example/a.png?tokens=1"));
            default -> throw new IllegalArgumentException("column " + column);
        };
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String describe(Object[] row) {
        StringBuilder text = new StringBuilder();
        String[] names = COLUMNS.split(", *");
        for (int i = 0; i < row.length; i++) {
            text.append(i == 0 ? "" : ", ").append(names[i]).append('=').append(row[i]);
        }
        return text.toString();
    }
}
