package me.minav3.mma.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import me.minav3.mma.common.Json;

/**
 * One {@code admin_audit} row.
 *
 * @param actor  who acted: a pass id, or {@code cli:<os user>} for the command line
 * @param action what was done, e.g. {@code credits.grant}, {@code config.publish}
 * @param route  the HTTP route or CLI command
 * @param method HTTP method, or {@code CLI}
 * @param status HTTP status or exit code
 */
public record AuditEntry(
        String id,
        String actor,
        String action,
        String route,
        String method,
        int status,
        Map<String, Object> detail,
        Instant at) {

    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
        detail = Json.copy(detail);
    }
}
