package me.minav3.adapters.postgres;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.limits.Meter;
import me.minav3.mma.limits.MeterCharge;
import me.minav3.mma.limits.Metering;
import me.minav3.mma.limits.UsageMeters;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code usage_meter} rows in MEGA_ADMIN (migration V6): one per customer and counter. A use is one conditional
 * upsert that checks and counts: PostgreSQL locks the row for {@code ON CONFLICT DO UPDATE} and evaluates its
 * {@code WHERE} on the newest version, so parallel uses on any number of processes never count past a cap, and a
 * refused use returns no row and changes nothing.
 */
final class JdbiUsageMeters implements UsageMeters {

    private static final String STREAMS = "streams";

    private final Jdbi jdbi;
    private final JsonCodec json;

    JdbiUsageMeters(Jdbi jdbi, JsonCodec json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    private static String id(String counter, PassId passId) {
        return "usage_meter:" + counter + ":" + passId.value();
    }

    @Override
    public Metering take(PassId passId, String counter, List<MeterCharge> charges, Instant now) {
        long second = now.getEpochSecond();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (MeterCharge c : charges) {
            rows.add(Json.obj(
                    "meter", c.meter().wire(), "amount", c.amount(), "cap", c.cap(), "win", c.windowStart(second)));
        }
        String id = id(counter, passId);
        Optional<String> counted = Database.call(() -> jdbi.withHandle(h -> h.createQuery("""
                        WITH charge AS (
                            SELECT * FROM jsonb_to_recordset(CAST(:charges AS jsonb))
                                       AS c(meter text, amount bigint, cap bigint, win bigint))
                        INSERT INTO public.mega_admin AS a (mg_id, mg_record_type, mg_key, mg_value, mg_created_at)
                        SELECT :id, 'usage_meter', :key,
                               jsonb_object_agg(c.meter, jsonb_build_object('window', c.win, 'used', c.amount)), :now
                          FROM charge c
                        HAVING bool_and(c.amount <= c.cap)
                        ON CONFLICT (mg_id) DO UPDATE
                           SET mg_value = a.mg_value || (
                                   SELECT jsonb_object_agg(c.meter, jsonb_build_object('window', c.win, 'used', c.amount
                                          + CASE WHEN (a.mg_value #>> ARRAY[c.meter, 'window'])::bigint = c.win
                                                 THEN (a.mg_value #>> ARRAY[c.meter, 'used'])::bigint ELSE 0 END))
                                     FROM charge c)
                         WHERE a.mg_record_type = 'usage_meter'
                           AND NOT EXISTS (
                                   SELECT 1 FROM charge c
                                    WHERE c.amount + CASE WHEN (a.mg_value #>> ARRAY[c.meter, 'window'])::bigint = c.win
                                                          THEN (a.mg_value #>> ARRAY[c.meter, 'used'])::bigint ELSE 0 END
                                          > c.cap)
                        RETURNING a.mg_value::text""")
                .bind("charges", json.write(rows))
                .bind("id", id)
                .bind("key", passId.value())
                .bind("now", Timestamps.bind(now))
                .mapTo(String.class)
                .findOne()));
        if (counted.isEmpty()) {
            return refusal(id, charges, second);
        }
        Map<String, Object> stored = json.readMap(counted.get());
        Map<Meter, Long> used = new EnumMap<>(Meter.class);
        for (MeterCharge c : charges) {
            used.put(c.meter(), Json.number(Json.object(stored, c.meter().wire()), "used", c.amount()));
        }
        return new Metering.Counted(used);
    }

    /** Which meter is full, read after a refusal (the refused path only). */
    private Metering refusal(String id, List<MeterCharge> charges, long second) {
        Map<String, Object> stored = Database.call(() -> jdbi.withHandle(h -> h.createQuery("""
                        SELECT mg_value::text FROM public.mega_admin WHERE mg_id = :id AND mg_record_type = 'usage_meter'""")
                .bind("id", id)
                .mapTo(String.class)
                .findOne()
                .map(json::readMap)
                .orElse(Map.of())));
        for (MeterCharge c : charges) {
            Map<String, Object> window = Json.object(stored, c.meter().wire());
            long used = Json.number(window, "window", -1) == c.windowStart(second) ? Json.number(window, "used", 0) : 0;
            if (used + c.amount() > c.cap()) {
                return new Metering.Refused(c.meter(), Instant.ofEpochSecond(c.windowEnd(second)));
            }
        }
        // Counted away between the two statements (a window just turned): the first meter's window is the answer.
        MeterCharge first = charges.get(0);
        return new Metering.Refused(first.meter(), Instant.ofEpochSecond(first.windowEnd(second)));
    }

    @Override
    public boolean holdSlot(PassId passId, String slot, int cap, Instant now, Instant until) {
        Map<String, Object> held = new LinkedHashMap<>();
        held.put(slot, until.toEpochMilli());
        return Database.call(() -> jdbi.withHandle(h -> h.createQuery("""
                        INSERT INTO public.mega_admin AS a (mg_id, mg_record_type, mg_key, mg_value, mg_created_at)
                        SELECT :id, 'usage_meter', :key, CAST(:held AS jsonb), :now
                         WHERE :cap >= 1
                        ON CONFLICT (mg_id) DO UPDATE
                           SET mg_value = (SELECT coalesce(jsonb_object_agg(s.key, s.value), '{}'::jsonb)
                                             FROM jsonb_each(a.mg_value) s
                                            WHERE (s.value #>> '{}')::bigint > :nowMillis)
                                          || CAST(:held AS jsonb)
                         WHERE a.mg_record_type = 'usage_meter'
                           AND (SELECT count(*) FROM jsonb_each(a.mg_value) s
                                 WHERE (s.value #>> '{}')::bigint > :nowMillis) < :cap
                        RETURNING a.mg_id""")
                .bind("id", id(STREAMS, passId))
                .bind("key", passId.value())
                .bind("held", json.write(held))
                .bind("cap", cap)
                .bind("now", Timestamps.bind(now))
                .bind("nowMillis", now.toEpochMilli())
                .mapTo(String.class)
                .findOne()
                .isPresent()));
    }

    @Override
    public void releaseSlot(PassId passId, String slot) {
        Database.run(() -> jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE public.mega_admin SET mg_value = mg_value - :slot
                         WHERE mg_id = :id AND mg_record_type = 'usage_meter' AND jsonb_exists(mg_value, :slot)""")
                .bind("id", id(STREAMS, passId))
                .bind("slot", slot)
                .execute()));
    }
}
