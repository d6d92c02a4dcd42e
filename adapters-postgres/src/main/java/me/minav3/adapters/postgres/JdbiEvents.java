package me.minav3.adapters.postgres;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.common.PassId;
import me.minav3.mma.studio.StudioEvents;
import me.minav3.mma.studio.TasteSignal;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jspecify.annotations.Nullable;

/** {@code mma_event} rows: user interactions, and the taste signals MMA learns from. */
final class JdbiEvents implements StudioEvents {

    private final Jdbi jdbi;
    private final JsonCodec json;
    private final RowMapper<MmaEvent> rows;

    JdbiEvents(Jdbi jdbi, JsonCodec json) {
        this.jdbi = jdbi;
        this.json = json;
        this.rows = (rs, ctx) -> {
            var meta = json.readMapOrEmpty(rs.getString("mg_meta"));
            String generation = rs.getString("mg_generation_id");
            return new MmaEvent(
                    rs.getString("mg_id").substring("mma_event:".length()),
                    PassId.parse(rs.getString("mg_pass_id")),
                    EventType.fromWire(Json.string(meta, "event_type", "")),
                    generation == null ? null : GenerationId.parse(generation),
                    Json.stringOrNull(meta, "text"),
                    meta,
                    Timestamps.readRequired(rs, "mg_created_at"));
        };
    }

    @Override
    public void record(MmaEvent event) {
        Database.run(() -> jdbi.useHandle(h -> insert(h, event)));
    }

    /** Inserts in the caller's transaction (a generation and the event that created it commit together). */
    void insert(org.jdbi.v3.core.Handle h, MmaEvent event) {
        h.createUpdate("""
                        INSERT INTO public.mega_generations
                               (mg_id, mg_record_type, mg_pass_id, mg_generation_id, mg_meta, mg_created_at, mg_updated_at)
                        VALUES (:id, 'mma_event', :pass_id, :generation, CAST(:meta AS jsonb), :at, :at)
                        ON CONFLICT (mg_id) DO NOTHING""")
                .bind("id", event.mgId())
                .bind("pass_id", event.passId().value())
                .bind(
                        "generation",
                        event.generationId() == null
                                ? null
                                : event.generationId().mgId())
                .bind("meta", metaJson(event))
                .bind("at", Timestamps.bind(event.at()))
                .execute();
    }

    /** The event row's {@code mg_meta}: the event's meta with its type and text. */
    String metaJson(MmaEvent event) {
        var meta = Json.mutableCopy(event.meta());
        meta.put("event_type", event.type().wire());
        if (event.text() != null) {
            meta.put("text", event.text());
        }
        return java.util.Objects.requireNonNull(json.write(meta), "event meta");
    }

    @Override
    public List<MmaEvent> about(GenerationId id) {
        return Database.call(() -> jdbi.withHandle(
                h -> h.createQuery("""
                        SELECT mg_id, mg_pass_id, mg_generation_id, mg_meta::text AS mg_meta, mg_created_at
                          FROM public.mega_generations
                         WHERE mg_generation_id = :id AND mg_record_type = 'mma_event'
                         ORDER BY mg_created_at, mg_id""").bind("id", id.mgId()).map(rows).list()));
    }

    /**
     * Per generation the latest reaction (like, dislike or clear) and the latest download, newest first, with what
     * the generation was; a clear yields nothing. Binds {@code pass_id} and {@code limit}.
     */
    private static final String SIGNALS = """
            WITH latest AS (
                SELECT DISTINCT ON (e.mg_generation_id, e.mg_meta->>'event_type' = 'download')
                       e.mg_meta->>'event_type' AS event_type, e.mg_generation_id, e.mg_created_at, e.mg_id
                  FROM public.mega_generations e
                 WHERE e.mg_pass_id = :pass_id AND e.mg_record_type = 'mma_event'
                   AND e.mg_generation_id IS NOT NULL
                   AND e.mg_meta->>'event_type' IN ('like', 'dislike', 'clear', 'download')
                 ORDER BY e.mg_generation_id, e.mg_meta->>'event_type' = 'download',
                          e.mg_created_at DESC, e.mg_id DESC)
            SELECT e.event_type, e.mg_generation_id, e.mg_created_at, e.mg_id,
                   g.mg_mma_vars->'settings'->>'style' AS style, g.mg_prompt,
                   g.mg_mma_vars->'scans'->>'output_still_crt' AS caption
              FROM latest e
              LEFT JOIN public.mega_generations g ON g.mg_id = e.mg_generation_id
             WHERE e.event_type <> 'clear'
             ORDER BY e.mg_created_at DESC, e.mg_id DESC
             LIMIT :limit""";

    private static final RowMapper<TasteSignal> SIGNAL = (rs, ctx) -> new TasteSignal(
            EventType.fromWire(rs.getString("event_type")),
            GenerationId.parse(rs.getString("mg_generation_id")),
            rs.getString("style"),
            rs.getString("mg_prompt"),
            rs.getString("caption"),
            Timestamps.readRequired(rs, "mg_created_at"));

    @Override
    public List<TasteSignal> tasteSignals(PassId passId, int limit) {
        return Database.call(() -> jdbi.withHandle(h -> h.createQuery(SIGNALS)
                .bind("pass_id", passId.value())
                .bind("limit", limit)
                .map(SIGNAL)
                .list()));
    }

    /**
     * One statement: the customer's preferences on one row (null without a customer row), joined to every signal;
     * without signals that row comes alone, its signal columns null.
     */
    @Override
    public TasteInputs tasteInputs(PassId passId, int limit) {
        List<TasteRow> found = Database.call(() -> jdbi.withHandle(h -> h.createQuery(
                        "WITH signals AS (" + SIGNALS + """
                        )
                        SELECT c.preferences, s.*
                          FROM (SELECT (SELECT mg_mma_preferences::text FROM public.mega_customers
                                         WHERE mg_pass_id = :pass_id) AS preferences) c
                          LEFT JOIN signals s ON true
                         ORDER BY s.mg_created_at DESC, s.mg_id DESC""")
                .bind("pass_id", passId.value())
                .bind("limit", limit)
                .map((rs, ctx) -> new TasteRow(
                        rs.getString("preferences"), rs.getString("event_type") == null ? null : SIGNAL.map(rs, ctx)))
                .list()));
        return new TasteInputs(
                CustomerRows.preferences(json.readMap(found.getFirst().preferences())),
                found.stream().map(TasteRow::signal).filter(Objects::nonNull).toList());
    }

    /** A row of {@link #tasteInputs}: the preferences (the same on every row) and a signal, if there is one. */
    private record TasteRow(
            @Nullable String preferences, @Nullable TasteSignal signal) {}

    @Override
    public Map<GenerationId, EventType> reactions(PassId passId, Collection<GenerationId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<GenerationId, EventType> out = new LinkedHashMap<>();
        Database.run(() -> jdbi.useHandle(h -> h.createQuery("""
                        SELECT DISTINCT ON (mg_generation_id) mg_generation_id, mg_meta->>'event_type' AS event_type
                          FROM public.mega_generations
                         WHERE mg_pass_id = :pass_id AND mg_record_type = 'mma_event'
                           AND mg_generation_id IN (<ids>)
                           AND mg_meta->>'event_type' IN ('like', 'dislike', 'clear')
                         ORDER BY mg_generation_id, mg_created_at DESC, mg_id DESC""")
                .bind("pass_id", passId.value())
                .bindList("ids", ids.stream().map(GenerationId::mgId).toList())
                .map((rs, ctx) -> Map.entry(
                        GenerationId.parse(rs.getString("mg_generation_id")),
                        EventType.fromWire(rs.getString("event_type"))))
                .forEach(e -> {
                    if (e.getValue() != EventType.CLEAR) {
                        out.put(e.getKey(), e.getValue());
                    }
                })));
        return out;
    }
}
