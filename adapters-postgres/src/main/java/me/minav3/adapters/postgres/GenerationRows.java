package me.minav3.adapters.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.GenerationDocumentCodec;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps generation rows of MEGA_GENERATIONS. */
final class GenerationRows implements RowMapper<Generation> {

    static final String COLUMNS = columns("");

    /** The selected columns, each qualified with {@code alias} (e.g. {@code "g."}), named as the mapper reads them. */
    static String columns(String alias) {
        return String.join(
                ", ",
                java.util.stream.Stream.of(
                                "mg_id",
                                "mg_pass_id",
                                "mg_session_id",
                                "mg_parent_id",
                                "mg_mma_mode",
                                "mg_mma_status",
                                "mg_prompt",
                                "mg_output_url",
                                "mg_output_key",
                                "mg_provider",
                                "mg_model",
                                "mg_error",
                                "mg_mma_vars::text AS mg_mma_vars",
                                "mg_meta::text AS mg_meta",
                                "mg_latency_ms",
                                "mg_lease_owner",
                                "mg_lease_until",
                                "mg_attempts",
                                "mg_created_at",
                                "mg_updated_at")
                        .map(column -> alias + column)
                        .toList());
    }

    private final JsonCodec json;

    GenerationRows(JsonCodec json) {
        this.json = json;
    }

    @Override
    public Generation map(ResultSet rs, StatementContext ctx) throws SQLException {
        return read(rs);
    }

    /** The current row of {@code rs}. */
    Generation read(ResultSet rs) throws SQLException {
        String parent = rs.getString("mg_parent_id");
        return new Generation(
                GenerationId.parse(rs.getString("mg_id")),
                PassId.parse(rs.getString("mg_pass_id")),
                rs.getString("mg_session_id"),
                parent == null ? null : GenerationId.parse(parent),
                MmaMode.fromWire(rs.getString("mg_mma_mode")),
                MmaStatus.fromWire(rs.getString("mg_mma_status")),
                rs.getString("mg_prompt"),
                rs.getString("mg_output_url"),
                rs.getString("mg_output_key"),
                rs.getString("mg_provider"),
                rs.getString("mg_model"),
                rs.getString("mg_error"),
                GenerationDocumentCodec.decode(json.readMap(rs.getString("mg_mma_vars"))),
                json.readMapOrEmpty(rs.getString("mg_meta")),
                rs.getObject("mg_latency_ms", Long.class),
                rs.getString("mg_lease_owner"),
                Timestamps.read(rs, "mg_lease_until"),
                rs.getInt("mg_attempts"),
                Timestamps.readRequired(rs, "mg_created_at"),
                Timestamps.read(rs, "mg_updated_at"));
    }
}
