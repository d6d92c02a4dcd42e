package me.minav3.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import me.minav3.mma.limits.UsageMeters;
import me.minav3.mma.limits.UsageMetersContract;
import org.junit.jupiter.api.Test;

/** The PostgreSQL usage meters keep the same contract as the in-memory fake, on a real server. */
class PostgresUsageMetersTest extends UsageMetersContract {

    private static final DatabaseUrl URL = TestDatabase.freshUrl();
    private static final MegaDatabase DB = MegaDatabase.open(URL, 10);

    @Override
    protected UsageMeters meters() {
        return DB.usageMeters();
    }

    @Test
    void migrationSixAddsItsRecordTypeAndKeepsTheEarlierOnes() {
        assertThatCode(() -> TestDatabase.execute(URL, """
                INSERT INTO mega_admin (mg_id, mg_record_type, mg_key, mg_value, mg_created_at)
                VALUES ('usage_meter:creates:pass:user:rule', 'usage_meter', 'pass:user:rule', '{}', now()),
                       ('login_code:k-rule', 'login_code', 'k-rule', '{}', now())""")).doesNotThrowAnyException();
        assertThatThrownBy(() -> TestDatabase.execute(URL, """
                INSERT INTO mega_admin (mg_id, mg_record_type, mg_key, mg_value, mg_created_at)
                VALUES ('usage_meter:creates:pass:user:other', 'usage_meter', 'pass:user:rule', '{}', now())"""))
                .as("a counter row names its own pass id")
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("mega_admin_usage_meter_shape");
        assertThatThrownBy(() -> TestDatabase.execute(URL, """
                INSERT INTO mega_admin (mg_id, mg_record_type, mg_key, mg_value, mg_created_at)
                VALUES ('usage_meters:x', 'usage_meters', 'x', '{}', now())"""))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("mega_admin_record_type");
    }
}
