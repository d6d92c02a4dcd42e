package me.minav3.mma.audit;

import java.util.List;

/** {@code admin_audit} rows in MEGA_ADMIN: who moved money or config, and admin reads. */
public interface AuditLog {

    /** Writes the row; an id recorded before is ignored, so a deterministic id records its event once. */
    void record(AuditEntry entry);

    /** Newest first. */
    List<AuditEntry> recent(int limit);
}
