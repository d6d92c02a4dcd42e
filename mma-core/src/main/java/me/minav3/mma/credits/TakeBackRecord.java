package me.minav3.mma.credits;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;

/**
 * What one take-back decided, stored once per {@link TakeBack#id()} as the {@code mma_event} row
 * {@code mma_event:<id without the credit_transaction prefix>} (event type {@code shopify_refund}), also when nothing
 * could be taken: {@code owed} matcha were due, {@code taken} came off the balance (the ledger row of the same id
 * exists only when {@code taken > 0}), the rest had been spent already. This class spells the row's keys.
 */
public record TakeBackRecord(
        CreditTxId id,
        PassId passId,
        CreditTxId purchase,
        long owed,
        long taken,
        Instant at,
        Map<String, Object> detail) {

    private static final String CREDIT_PREFIX = "credit_transaction:";

    /** How much of what was owed came back. */
    public enum Status {
        /** All of it. */
        TAKEN_BACK,
        /** Part of it: the balance was smaller than what was owed. */
        PARTLY_TAKEN_BACK,
        /** None of it: the balance was empty. */
        NOT_TAKEN_BACK,
        /** Nothing was owed (a quantity of 0, or earlier refunds of the line took all it bought). */
        NOTHING_OWED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public TakeBackRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(passId, "pass id");
        Objects.requireNonNull(purchase, "purchase");
        Objects.requireNonNull(at, "at");
        if (owed < 0 || taken < 0 || taken > owed) {
            throw new IllegalArgumentException("a take-back takes 0 to owed matcha: owed " + owed + ", taken " + taken);
        }
        detail = Json.copy(detail);
    }

    /** Matcha owed but not taken back: the customer had spent them. */
    public long notTakenBack() {
        return owed - taken;
    }

    public Status status() {
        if (owed == 0) {
            return Status.NOTHING_OWED;
        }
        return taken == owed ? Status.TAKEN_BACK : taken == 0 ? Status.NOT_TAKEN_BACK : Status.PARTLY_TAKEN_BACK;
    }

    /** The id of the record's {@code mma_event} row, without its {@code mma_event:} prefix. */
    public String eventId() {
        return eventIdOf(id);
    }

    /** {@code shopify_refund:<refund>:<line>} for {@code credit_transaction:shopify_refund:<refund>:<line>}. */
    public static String eventIdOf(CreditTxId id) {
        return id.value().substring(CREDIT_PREFIX.length());
    }

    /** The {@code mg_meta} of the record's event row. */
    public Map<String, Object> eventMeta() {
        Map<String, Object> meta = new LinkedHashMap<>(detail);
        meta.put("event_type", EventType.SHOPIFY_REFUND.wire());
        meta.put("take_back_id", id.value());
        meta.put("purchase_id", purchase.value());
        meta.put("owed", owed);
        meta.put("taken", taken);
        meta.put("not_taken_back", notTakenBack());
        meta.put("status", status().wire());
        return meta;
    }

    /** Reads an event row written from {@link #eventMeta()}. */
    public static TakeBackRecord fromEvent(PassId passId, Map<String, Object> meta, Instant at) {
        Map<String, Object> detail = new LinkedHashMap<>(meta);
        for (String key :
                new String[] {"event_type", "take_back_id", "purchase_id", "owed", "taken", "not_taken_back", "status"
                }) {
            detail.remove(key);
        }
        return new TakeBackRecord(
                new CreditTxId(Json.string(meta, "take_back_id", "")),
                passId,
                new CreditTxId(Json.string(meta, "purchase_id", "")),
                number(meta, "owed"),
                number(meta, "taken"),
                at,
                detail);
    }

    private static long number(Map<String, Object> meta, String key) {
        return meta.get(key) instanceof Number n ? n.longValue() : 0;
    }
}
