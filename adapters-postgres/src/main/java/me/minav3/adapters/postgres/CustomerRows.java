package me.minav3.adapters.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.customers.Customer;
import me.minav3.mma.customers.Preferences;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/** Maps MEGA_CUSTOMERS rows. */
final class CustomerRows implements RowMapper<Customer> {

    static final String COLUMNS = """
            mg_pass_id, mg_credits, mg_expires_at, mg_last_active, mg_email, mg_user_id, mg_shopify_customer_id,
            mg_mma_preferences::text AS mg_mma_preferences, mg_mma_preferences_updated_at, mg_meta::text AS mg_meta,
            mg_created_at, mg_updated_at, mg_disabled, mg_deleted_at""";

    private final JsonCodec json;

    CustomerRows(JsonCodec json) {
        this.json = json;
    }

    @Override
    public Customer map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Customer(
                PassId.parse(rs.getString("mg_pass_id")),
                rs.getLong("mg_credits"),
                Timestamps.read(rs, "mg_expires_at"),
                Timestamps.read(rs, "mg_last_active"),
                rs.getString("mg_email"),
                rs.getString("mg_user_id"),
                rs.getObject("mg_shopify_customer_id", Long.class),
                preferences(json.readMap(rs.getString("mg_mma_preferences"))),
                Timestamps.read(rs, "mg_mma_preferences_updated_at"),
                json.readMapOrEmpty(rs.getString("mg_meta")),
                Timestamps.readRequired(rs, "mg_created_at"),
                Timestamps.read(rs, "mg_updated_at"),
                rs.getBoolean("mg_disabled"),
                Timestamps.read(rs, "mg_deleted_at"));
    }

    static Map<String, Object> preferencesJson(Preferences preferences) {
        return Json.obj(
                "hard_blocks", preferences.hardBlocks(), "tag_weights", new LinkedHashMap<>(preferences.tagWeights()));
    }

    /** The stored preferences document as {@link Preferences}; {@link Preferences#NONE} when there is none. */
    static Preferences preferences(@Nullable Map<String, Object> stored) {
        if (stored == null) {
            return Preferences.NONE;
        }
        List<String> blocks =
                Json.list(stored, "hard_blocks").stream().map(String::valueOf).toList();
        Map<String, Double> weights = new LinkedHashMap<>();
        Json.object(stored, "tag_weights")
                .forEach((tag, weight) -> weights.put(tag, weight instanceof Number n ? n.doubleValue() : 0.0));
        return new Preferences(blocks, weights);
    }
}
