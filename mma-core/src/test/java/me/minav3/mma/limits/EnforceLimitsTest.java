package me.minav3.mma.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.PassId;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.credits.ChargeCredits;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTransaction;
import me.minav3.mma.credits.ExpiryPolicy;
import me.minav3.mma.credits.GrantCredits;
import me.minav3.mma.limits.LimitOutcome.Allowed;
import me.minav3.mma.limits.LimitOutcome.Limited;
import me.minav3.mma.testing.InMemoryMega;
import me.minav3.mma.testing.InMemoryUsageMeters;
import me.minav3.mma.testing.MutableClock;
import me.minav3.mma.testing.SequentialIds;
import org.junit.jupiter.api.Test;

class EnforceLimitsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:15:20Z"));
    private final InMemoryMega mega = new InMemoryMega();
    private final ConfigService config = new ConfigService(mega, clock, Duration.ZERO);
    private final EnforceLimits limits =
            new EnforceLimits(new InMemoryUsageMeters(), config, new ChargeCredits(mega, clock), clock);
    private final PassId ana = new PassId("pass:user:ana");

    EnforceLimitsTest() {
        config.seedDefaults();
    }

    private void publish(Map<String, Object> value) {
        mega.publish(ConfigKeys.LIMITS, value, "test", clock.now());
    }

    @Test
    void versionOneLimitsCreatesPerMinuteAndSaysWhenTheMinuteEnds() {
        for (int i = 0; i < 20; i++) {
            assertThat(limits.create(ana)).isInstanceOf(Allowed.class);
        }
        Limited limited = (Limited) limits.create(ana);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(40));
        assertThat(limited.message()).isEqualTo("You reached the limit of 20 creates per minute; try again in 40 s.");
        clock.advance(Duration.ofSeconds(40));
        assertThat(limits.create(ana)).isInstanceOf(Allowed.class);
    }

    @Test
    void suggestionsAreLimitedPerHour() {
        for (int i = 0; i < 30; i++) {
            assertThat(limits.suggest(ana)).isInstanceOf(Allowed.class);
        }
        Limited limited = (Limited) limits.suggest(ana);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofMinutes(45).minusSeconds(20));
        assertThat(limited.what()).contains("Type for me");
    }

    @Test
    void uploadsCountFilesPerHourAndBytesPerDay() {
        publish(Json.obj("uploads_per_hour", 3, "upload_bytes_per_day", 1000));
        assertThat(limits.upload(ana, 900)).isInstanceOf(Allowed.class);
        Limited bytes = (Limited) limits.upload(ana, 200);
        assertThat(bytes.what()).isEqualTo("uploaded bytes");
        assertThat(bytes.per()).isEqualTo("per day");
        assertThat(limits.upload(ana, 50)).isInstanceOf(Allowed.class);
        assertThat(limits.upload(ana, 50)).isInstanceOf(Allowed.class);
        assertThat(((Limited) limits.upload(ana, 0)).what()).isEqualTo("uploads");
    }

    @Test
    void aNullLimitIsNoLimitAndDisabledTurnsAllOff() {
        publish(Json.obj("url_imports_per_hour", null, "open_streams", 1));
        for (int i = 0; i < 100; i++) {
            assertThat(limits.importUrl(ana)).isInstanceOf(Allowed.class);
        }
        assertThat(limits.openStream(ana)).isInstanceOf(Allowed.class);
        assertThat(limits.openStream(ana)).isInstanceOf(Limited.class);
        publish(Json.obj("enabled", false, "open_streams", 1));
        assertThat(limits.openStream(ana)).isInstanceOf(Allowed.class);
    }

    @Test
    void aClosedStreamGivesItsSlotBack() {
        publish(Json.obj("open_streams", 2));
        Allowed first = (Allowed) limits.openStream(ana);
        assertThat(limits.openStream(ana)).isInstanceOf(Allowed.class);
        assertThat(limits.openStream(ana)).isInstanceOf(Limited.class);
        first.release().run();
        assertThat(limits.openStream(ana)).isInstanceOf(Allowed.class);
        assertThat(limits.openStream(ana)).isInstanceOf(Limited.class);
        clock.advance(Duration.ofMinutes(15));
        assertThat(limits.openStream(ana))
                .as("slots expire after stream_slot_minutes")
                .isInstanceOf(Allowed.class);
    }

    @Test
    void typeForMeIsFreeInVersionOne() {
        limits.suggest(ana);
        assertThat(mega.history(ana, 10)).isEmpty();
    }

    @Test
    void aPricedTypeForMeChargesOncePerBlockOfUsesEvenInParallelAndNeverRefunds() throws Exception {
        publish(Json.obj("suggestion_price", Json.obj("matcha", 1, "every", 10)));
        grant(5);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<LimitOutcome>> uses = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                uses.add(pool.submit(() -> limits.suggest(ana)));
            }
            for (Future<LimitOutcome> use : uses) {
                assertThat(use.get()).isInstanceOf(Allowed.class);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(mega.history(ana, 50))
                .filteredOn(t -> t.reason() == CreditReason.SUGGESTION)
                .extracting(t -> t.id().value(), CreditTransaction::delta)
                .containsExactlyInAnyOrder(
                        tuple("credit_transaction:suggest:pass:user:ana:0", -1L),
                        tuple("credit_transaction:suggest:pass:user:ana:1", -1L),
                        tuple("credit_transaction:suggest:pass:user:ana:2", -1L));
        assertThat(mega.drifts()).isEmpty();
    }

    @Test
    void aPricedTypeForMeWithoutMatchaNeedsMatchaAndChargesNothing() {
        publish(Json.obj("suggestion_price", Json.obj("matcha", 2, "every", 10)));
        grant(1);
        LimitOutcome.NeedMatcha broke = (LimitOutcome.NeedMatcha) limits.suggest(ana);
        assertThat(broke.message()).isEqualTo("\"Type for me\" costs 2 matcha per 10 uses; you have 1.");
        assertThat(mega.history(ana, 10)).extracting(CreditTransaction::reason).containsExactly(CreditReason.GRANT);
        grant(5);
        assertThat(limits.suggest(ana)).as("the block is paid by the next use").isInstanceOf(Allowed.class);
        assertThat(limits.suggest(ana)).isInstanceOf(Allowed.class);
        assertThat(mega.history(ana, 10))
                .filteredOn(t -> t.reason() == CreditReason.SUGGESTION)
                .hasSize(1);
    }

    private final GrantCredits grants =
            new GrantCredits(mega, mega, mega, new ExpiryPolicy(), clock, new SequentialIds("g"));

    private void grant(long matcha) {
        grants.grant(
                new GrantCredits.Request(ana, Matcha.of(matcha), CreditReason.GRANT, "test", null, null, null),
                Actor.SYSTEM);
    }
}
