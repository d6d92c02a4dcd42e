package me.minav3.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTxId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules that protect money and history hold in the database itself, whatever SQL a person runs. */
class DatabaseRulesTest {

    private static final DatabaseUrl URL = TestDatabase.freshUrl();
    private static final PassId ALICE = PassId.user("alice");
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @BeforeAll
    static void grantAlice() {
        try (MegaDatabase db = MegaDatabase.open(URL, 2)) {
            db.credits()
                    .post(new CreditEntry(
                            CreditTxId.grant("rules-1"),
                            ALICE,
                            5,
                            CreditReason.GRANT,
                            "test",
                            null,
                            null,
                            null,
                            null,
                            T0,
                            Json.obj()));
        }
    }

    private static List<String> column(String sql) throws SQLException {
        try (Connection c = URL.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    @Test
    void thePublicSchemaHoldsExactlyTheThreeMegaTables() throws SQLException {
        assertThat(column("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"))
                .containsExactly("mega_admin", "mega_customers", "mega_generations");
        assertThat(
                        column(
                                "SELECT table_schema FROM information_schema.tables WHERE table_name = 'flyway_schema_history'"))
                .containsExactly("mina_flyway");
    }

    @Test
    void everyColumnIsMgPrefixed() throws SQLException {
        assertThat(column("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'"))
                .isNotEmpty()
                .allSatisfy(name -> assertThat(name).startsWith("mg_"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "UPDATE public.mega_generations SET mg_delta = 500 WHERE mg_id = 'credit_transaction:grant:rules-1'",
                "DELETE FROM public.mega_generations WHERE mg_id = 'credit_transaction:grant:rules-1'",
                "DELETE FROM public.mega_generations",
                "TRUNCATE public.mega_generations CASCADE"
            })
    void creditRowsCannotBeUpdatedOrDeleted(String sql) throws SQLException {
        assertThatThrownBy(() -> TestDatabase.execute(URL, sql))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("append-only")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23001"));
        assertThat(
                        column(
                                "SELECT mg_delta FROM public.mega_generations WHERE mg_id = 'credit_transaction:grant:rules-1'"))
                .containsExactly("5");
    }

    @Test
    void stepAndEventRowsCannotBeUpdatedOrDeleted() throws SQLException {
        TestDatabase.execute(URL, """
                INSERT INTO public.mega_generations (mg_id, mg_record_type, mg_pass_id, mg_step_no, mg_step_type,
                    mg_parent_id, mg_payload, mg_created_at, mg_updated_at)
                VALUES ('mma_step:g1:1', 'mma_step', 'pass:user:alice', 1, 'scan_product', 'generation:g1',
                    '{"input":{},"output":{},"timing":{},"error":null}', now(), now());
                INSERT INTO public.mega_generations (mg_id, mg_record_type, mg_pass_id, mg_meta, mg_created_at, mg_updated_at)
                VALUES ('mma_event:e1', 'mma_event', 'pass:user:alice', '{"event_type":"like"}', now(), now())""");

        for (String sql : List.of(
                "UPDATE public.mega_generations SET mg_step_type = 'x' WHERE mg_id = 'mma_step:g1:1'",
                "DELETE FROM public.mega_generations WHERE mg_id = 'mma_step:g1:1'",
                "UPDATE public.mega_generations SET mg_meta = '{\"event_type\":\"dislike\"}' WHERE mg_id = 'mma_event:e1'",
                "DELETE FROM public.mega_generations WHERE mg_id = 'mma_event:e1'")) {
            assertThatThrownBy(() -> TestDatabase.execute(URL, sql)).hasMessageContaining("append-only");
        }
    }

    @Test
    void aGenerationRowChangesButNeverItsIdRecordTypeOrPassId() throws SQLException {
        TestDatabase.execute(URL, """
                INSERT INTO public.mega_generations (mg_id, mg_record_type, mg_pass_id, mg_generation_id, mg_mma_mode,
                    mg_mma_status, mg_created_at, mg_updated_at)
                VALUES ('generation:rules-g', 'generation', 'pass:user:alice', 'generation:rules-g', 'still', 'queued',
                    now(), now())""");

        TestDatabase.execute(
                URL,
                "UPDATE public.mega_generations SET mg_mma_status = 'scanning' WHERE mg_id = 'generation:rules-g'");
        for (String sql : List.of(
                "UPDATE public.mega_generations SET mg_pass_id = 'pass:user:bob' WHERE mg_id = 'generation:rules-g'",
                "UPDATE public.mega_generations SET mg_id = 'generation:rules-h' WHERE mg_id = 'generation:rules-g'",
                "UPDATE public.mega_generations SET mg_record_type = 'session' WHERE mg_id = 'generation:rules-g'")) {
            assertThatThrownBy(() -> TestDatabase.execute(URL, sql))
                    .as(sql)
                    .hasMessageContaining("never change")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23001"));
        }
        assertThat(column("SELECT mg_mma_status || ' ' || mg_pass_id FROM public.mega_generations"
                        + " WHERE mg_id = 'generation:rules-g'"))
                .containsExactly("scanning pass:user:alice");
    }

    @Test
    void aBalanceCannotGoBelowZero() {
        assertThatThrownBy(() -> TestDatabase.execute(
                        URL, "UPDATE public.mega_customers SET mg_credits = -1 WHERE mg_pass_id = 'pass:user:alice'"))
                .hasMessageContaining("mega_customers_credits_never_negative");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "('generation:x1', 'credit_transaction')",
                "('credit_transaction', 'credit_transaction')",
                "('session:x2', 'generation')",
                "('feedback:x3', 'unknown_type')"
            })
    void theIdPrefixMustNameTheRecordType(String idAndType) {
        assertThatThrownBy(() -> TestDatabase.execute(
                        URL,
                        "INSERT INTO public.mega_generations (mg_id, mg_record_type, mg_pass_id, mg_delta, mg_reason, mg_source, "
                                + "mg_created_at, mg_updated_at) SELECT v.id, v.t, 'pass:user:alice', 1, 'grant', 'sql', now(), now() "
                                + "FROM (VALUES " + idAndType + ") AS v(id, t)"))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23514"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://bucket.r2.example/x.png?X-Amz-Signature=abc",
                "https://cdn.example/x.png?token=abc",
                "https://cdn.example/x.png?a=1&Expires=123",
                "file:///etc/passwd"
            })
    void signedOrNonHttpOutputUrlsAreRefused(String url) {
        assertThatThrownBy(() -> TestDatabase.execute(URL, """
                INSERT INTO public.mega_generations (mg_id, mg_record_type, mg_pass_id, mg_mma_mode, mg_mma_status,
                    mg_output_url, mg_created_at, mg_updated_at)
                VALUES ('generation:u%d', 'generation', 'pass:user:alice', 'still', 'done', '%s', now(), now())""".formatted(Math.abs(url.hashCode()), url)))
                .hasMessageContaining("mega_generations_output_url_permanent");
    }

    @Test
    void configVersionsAreImmutable() throws SQLException {
        TestDatabase.execute(URL, """
                INSERT INTO public.mega_admin (mg_id, mg_record_type, mg_key, mg_version, mg_value, mg_created_at)
                VALUES ('app_config:mma.costs:v1', 'app_config', 'mma.costs', 1, '{"still":1}', now())""");

        assertThatThrownBy(
                        () -> TestDatabase.execute(
                                URL,
                                "UPDATE public.mega_admin SET mg_value = '{\"still\":0}' WHERE mg_id = 'app_config:mma.costs:v1'"))
                .hasMessageContaining("immutable");
        assertThatThrownBy(() -> TestDatabase.execute(
                        URL, "DELETE FROM public.mega_admin WHERE mg_id = 'app_config:mma.costs:v1'"))
                .hasMessageContaining("immutable");
    }

    @Test
    void passIdsMustHaveOneOfTheThreeForms() {
        assertThatThrownBy(() -> TestDatabase.execute(URL, """
                INSERT INTO public.mega_customers (mg_pass_id, mg_created_at, mg_updated_at)
                VALUES ('pass:shopify:0', now(), now())""")).hasMessageContaining("mega_customers_pass_id_form");
    }
}
