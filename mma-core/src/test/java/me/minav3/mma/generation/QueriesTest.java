package me.minav3.mma.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import me.minav3.mma.audit.AdminAudit;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.config.ConfigVersions;
import me.minav3.mma.credits.CreditsLeft;
import me.minav3.mma.customers.CustomerProfile;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.studio.GenerationTrail;
import me.minav3.mma.testing.InMemoryMega;
import me.minav3.mma.testing.MutableClock;
import me.minav3.mma.testing.SequentialIds;
import org.junit.jupiter.api.Test;

/** The reads the apps make: unknown generations are "not found", config versions, the admin audit, credits left. */
class QueriesTest {

    private final InMemoryMega mega = new InMemoryMega();
    private final MutableClock clock = new MutableClock();

    @Test
    void anUnknownGenerationIsNotFoundByIdAndHasNoTrail() {
        GenerationId unknown = GenerationId.parse(UUID.randomUUID().toString());

        assertThat(new FindGeneration(mega).find(unknown)).isEmpty();
        assertThatThrownBy(() -> new FindGeneration(mega).get(unknown))
                .isInstanceOf(NotFound.class)
                .hasMessage("no generation " + unknown.mgId());
        assertThatThrownBy(() -> new FindGeneration(mega).owned(unknown, PassId.user("ann")))
                .isInstanceOf(NotFound.class)
                .hasMessage("no generation " + unknown.mgId());
        assertThatThrownBy(() -> new GenerationTrail(mega, mega, mega).of(unknown))
                .isInstanceOf(NotFound.class)
                .hasMessage("no generation " + unknown.mgId());
    }

    @Test
    void configVersionsReadTheNewestOrAGivenVersionAndTheHistoryNewestFirst() {
        mega.publish("mma.test", Map.of("n", 1), "cli:ann", clock.now());
        mega.publish("mma.test", Map.of("n", 2), "cli:ann", clock.now());
        ConfigVersions versions = new ConfigVersions(mega);

        assertThat(versions.find("mma.test", null).orElseThrow().version()).isEqualTo(2);
        assertThat(versions.find("mma.test", 1).orElseThrow().value()).isEqualTo(Map.of("n", 1));
        assertThat(versions.find("mma.test", 3)).isEmpty();
        assertThat(versions.history("mma.test")).extracting(v -> v.version()).containsExactly(2, 1);
        assertThat(versions.latestOfEach()).extracting(v -> v.key()).contains("mma.test");
    }

    @Test
    void everyAdminCallIsOneAuditRowListedNewestFirst() {
        AdminAudit audit = new AdminAudit(mega, clock, new SequentialIds("a"));

        audit.recordCall(
                "pass:user:boss", "/api/admin/reconcile", "GET", 200, Json.obj("path", "/api/admin/reconcile"));
        clock.advance(Duration.ofSeconds(1));
        audit.recordCall("anonymous", "/api/admin/config", "GET", 401, Json.obj("path", "/api/admin/config"));

        assertThat(audit.recent(10))
                .extracting(a -> a.id(), a -> a.actor(), a -> a.action(), a -> a.status())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("admin_audit:a-000002", "anonymous", "http.admin", 401),
                        org.assertj.core.groups.Tuple.tuple(
                                "admin_audit:a-000001", "pass:user:boss", "http.admin", 200));
        assertThat(audit.recent(1)).hasSize(1);
    }

    @Test
    void creditsLeftIsTheStoredBalanceAndZeroForNoCustomer() {
        mega.ensure(PassId.user("ann"), CustomerProfile.NONE, clock.now());

        assertThat(new CreditsLeft(mega).of(PassId.user("ann"))).isZero();
        assertThat(new CreditsLeft(mega).of(PassId.user("nobody"))).isZero();
    }
}
