package me.minav3.mma.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.PassId;
import me.minav3.mma.generation.Generation;
import org.jspecify.annotations.Nullable;

/** The account lifecycle on the MEGA tables: a customer's rows for an export, disabling, and erasure (decision 022). */
public interface Accounts {

    /**
     * Every row about the customer as stored: its MEGA_CUSTOMERS row and all its MEGA_GENERATIONS rows, oldest first,
     * each as column name → value (jsonb columns as nested maps); empty when there is no such customer.
     */
    Optional<AccountRows> rows(PassId passId);

    /**
     * The customer's sessions, generations, events (with or without a generation), feedback and credit movements —
     * not steps — newest first (time, then id), strictly older than {@code before} (null: from the newest).
     */
    List<TimelineEntry> timeline(PassId passId, TimelineEntry.@Nullable Cursor before, int limit);

    /** Sets whether the account is disabled; false when there is no such customer. */
    boolean setDisabled(PassId passId, boolean disabled, Instant at);

    /** The customer's generations that have not finished (queued or running), oldest first. */
    List<Generation> unfinished(PassId passId);

    /** The id of every generation the customer ever made (erased ones too): where its outputs are stored. */
    List<GenerationId> generationIds(PassId passId);

    /**
     * In one transaction: marks the account deleted and disabled, erases its personal data from all three tables
     * (decision 022 lists the columns), and hides its generations; credit rows keep their amounts. Repeating it is
     * harmless. False when there is no such customer.
     */
    boolean erase(PassId passId, Instant at);

    /** A customer's stored rows. */
    record AccountRows(Map<String, Object> customer, List<Map<String, Object>> rows) {
        public AccountRows {
            customer = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(customer));
            rows = List.copyOf(rows);
        }
    }
}
