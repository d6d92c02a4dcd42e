package me.minav3.mma.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import me.minav3.mma.testing.MegaContract;
import org.junit.jupiter.api.Test;

/** What every {@link AuditLog} must do. */
public abstract class AuditLogContract extends MegaContract {

    @Test
    void recordsEntriesAndReadsThemNewestFirst() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant t = Instant.parse("2030-01-01T00:00:00Z");
        stores.audit()
                .record(new AuditEntry(
                        "admin_audit:" + run + "-1",
                        "cli:root",
                        "credits.grant",
                        "credits grant",
                        "CLI",
                        200,
                        Map.of("amount", 5),
                        t));
        stores.audit()
                .record(new AuditEntry(
                        "admin_audit:" + run + "-2",
                        "pass:user:admin",
                        "config.publish",
                        "/api/admin/config/{key}",
                        "POST",
                        200,
                        Map.of("key", "mma.costs"),
                        t.plusSeconds(1)));

        assertThat(stores.audit().recent(2))
                .extracting(AuditEntry::id)
                .containsExactly("admin_audit:" + run + "-2", "admin_audit:" + run + "-1");
        assertThat(stores.audit().recent(2).get(1).detail()).isEqualTo(Map.of("amount", 5));
        assertThat(stores.audit().recent(2).get(0).route()).isEqualTo("/api/admin/config/{key}");
    }

    @Test
    void anIdRecordedTwiceIsKeptOnceAsFirstWritten() {
        String id = "admin_audit:once-" + UUID.randomUUID();
        Instant t = Instant.parse("2001-01-01T00:00:00Z"); // older than the other tests' rows, which read the newest
        stores.audit()
                .record(new AuditEntry(
                        id,
                        "shopify",
                        "shopify.order",
                        "/api/shopify/orders-paid",
                        "POST",
                        202,
                        Map.of("outcome", "no_pack_lines"),
                        t));
        stores.audit()
                .record(new AuditEntry(
                        id,
                        "shopify",
                        "shopify.order",
                        "/api/shopify/orders-paid",
                        "POST",
                        500,
                        Map.of("outcome", "other"),
                        t.plusSeconds(1)));

        assertThat(stores.audit().recent(1000))
                .filteredOn(e -> e.id().equals(id))
                .singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(202));
    }
}
