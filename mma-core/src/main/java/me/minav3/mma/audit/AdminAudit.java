package me.minav3.mma.audit;

import java.util.List;
import java.util.Map;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.IdGenerator;

/** The admin audit: every admin call is recorded once its status is known, and the newest entries are listed. */
public final class AdminAudit {

    private final AuditLog audit;
    private final Clock clock;
    private final IdGenerator ids;

    public AdminAudit(AuditLog audit, Clock clock, IdGenerator ids) {
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
    }

    /** Writes one {@code admin_audit} row (action {@code http.admin}) for a finished admin call. */
    public void recordCall(String actor, String route, String method, int status, Map<String, Object> detail) {
        audit.record(new AuditEntry(
                "admin_audit:" + ids.newId(), actor, "http.admin", route, method, status, detail, clock.now()));
    }

    /** The newest entries, newest first. */
    public List<AuditEntry> recent(int limit) {
        return audit.recent(limit);
    }
}
