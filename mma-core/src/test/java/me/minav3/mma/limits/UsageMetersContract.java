package me.minav3.mma.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.minav3.mma.common.PassId;
import org.junit.jupiter.api.Test;

/** What every {@link UsageMeters} keeps: caps never passed, even in parallel; all or nothing; windows; slots expire. */
public abstract class UsageMetersContract {

    /** 12:00:30 UTC: half a minute into a minute window, 30 s into an hour window. */
    private static final Instant T0 = Instant.parse("2026-01-01T12:00:30Z");

    protected abstract UsageMeters meters();

    private static PassId someone() {
        return new PassId("pass:user:u" + UUID.randomUUID().toString().replace("-", ""));
    }

    private static MeterCharge creates(long cap) {
        return new MeterCharge(Meter.CREATES, 1, cap, Duration.ofMinutes(1));
    }

    @Test
    void countsUpToTheCapThenRefusesUntilTheWindowEnds() {
        UsageMeters meters = meters();
        PassId who = someone();
        for (int i = 0; i < 3; i++) {
            assertThat(meters.take(who, "creates", List.of(creates(3)), T0.plusSeconds(i)))
                    .isInstanceOf(Metering.Counted.class);
        }
        assertThat(meters.take(who, "creates", List.of(creates(3)), T0.plusSeconds(5)))
                .isEqualTo(new Metering.Refused(Meter.CREATES, Instant.parse("2026-01-01T12:01:00Z")));
        assertThat(meters.take(who, "creates", List.of(creates(3)), T0.plusSeconds(29)))
                .as("still the same minute")
                .isInstanceOf(Metering.Refused.class);
        assertThat(meters.take(who, "creates", List.of(creates(3)), T0.plusSeconds(30)))
                .as("a new minute starts from zero")
                .isInstanceOf(Metering.Counted.class);
        assertThat(meters.take(who, "creates", List.of(creates(3)), T0.plusSeconds(31)))
                .isInstanceOf(Metering.Counted.class);
        assertThat(meters.take(who, "creates", List.of(creates(3)), T0.plusSeconds(32)))
                .isInstanceOf(Metering.Counted.class);
        assertThat(meters.take(who, "creates", List.of(creates(3)), T0.plusSeconds(33)))
                .isInstanceOf(Metering.Refused.class);
    }

    @Test
    void aCountedUseTellsEachMetersTotalInItsWindow() {
        UsageMeters meters = meters();
        PassId who = someone();
        MeterCharge hour = new MeterCharge(Meter.SUGGESTIONS, 1, 100, Duration.ofHours(1));
        MeterCharge ever = new MeterCharge(Meter.SUGGESTIONS_EVER, 1, Long.MAX_VALUE / 4, Duration.ofDays(365_000));
        meters.take(who, "suggestions", List.of(hour, ever), T0);
        meters.take(who, "suggestions", List.of(hour, ever), T0);
        assertThat(meters.take(who, "suggestions", List.of(hour, ever), T0.plus(Duration.ofHours(1))))
                .isEqualTo(new Metering.Counted(Map.of(Meter.SUGGESTIONS, 1L, Meter.SUGGESTIONS_EVER, 3L)));
    }

    @Test
    void aCapOfZeroRefusesTheFirstUse() {
        assertThat(meters().take(someone(), "creates", List.of(creates(0)), T0)).isInstanceOf(Metering.Refused.class);
    }

    @Test
    void chargesOfOneCounterAreAllOrNothing() {
        UsageMeters meters = meters();
        PassId who = someone();
        MeterCharge bytesPerDay = new MeterCharge(Meter.UPLOAD_BYTES, 600, 1000, Duration.ofDays(1));
        MeterCharge uploadsPerHour = new MeterCharge(Meter.UPLOADS, 1, 5, Duration.ofHours(1));

        assertThat(meters.take(who, "uploads", List.of(uploadsPerHour, bytesPerDay), T0))
                .isInstanceOf(Metering.Counted.class);
        assertThat(meters.take(who, "uploads", List.of(uploadsPerHour, bytesPerDay), T0))
                .isEqualTo(new Metering.Refused(Meter.UPLOAD_BYTES, Instant.parse("2026-01-02T00:00:00Z")));
        // The refused upload was not counted: four more small ones fit the hour (5), and fill it.
        MeterCharge small = new MeterCharge(Meter.UPLOAD_BYTES, 100, 1000, Duration.ofDays(1));
        for (int i = 0; i < 4; i++) {
            assertThat(meters.take(who, "uploads", List.of(uploadsPerHour, small), T0))
                    .isInstanceOf(Metering.Counted.class);
        }
        assertThat(meters.take(who, "uploads", List.of(uploadsPerHour, small), T0))
                .isEqualTo(new Metering.Refused(Meter.UPLOADS, Instant.parse("2026-01-01T13:00:00Z")));
        assertThat(meters.take(who, "uploads", List.of(uploadsPerHour, small), T0.plus(Duration.ofHours(1))))
                .as("next hour: the count is fresh, the day's bytes (1000 of 1000) are not")
                .isEqualTo(new Metering.Refused(Meter.UPLOAD_BYTES, Instant.parse("2026-01-02T00:00:00Z")));
    }

    @Test
    void customersAndCountersAreCountedApart() {
        UsageMeters meters = meters();
        PassId one = someone();
        PassId other = someone();
        assertThat(meters.take(one, "creates", List.of(creates(1)), T0)).isInstanceOf(Metering.Counted.class);
        assertThat(meters.take(one, "creates", List.of(creates(1)), T0)).isInstanceOf(Metering.Refused.class);
        assertThat(meters.take(other, "creates", List.of(creates(1)), T0)).isInstanceOf(Metering.Counted.class);
        assertThat(meters.take(
                        one, "suggestions", List.of(new MeterCharge(Meter.SUGGESTIONS, 1, 1, Duration.ofHours(1))), T0))
                .isInstanceOf(Metering.Counted.class);
    }

    @Test
    void parallelUsesNeverCountPastTheCap() throws Exception {
        UsageMeters meters = meters();
        PassId who = someone();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Metering>> tries = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                tries.add(pool.submit(() -> meters.take(who, "creates", List.of(creates(10)), T0)));
            }
            int counted = 0;
            for (Future<Metering> t : tries) {
                counted += t.get() instanceof Metering.Counted ? 1 : 0;
            }
            assertThat(counted).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void slotsAreHeldUpToTheCapAndFreedByReleaseOrExpiry() {
        UsageMeters meters = meters();
        PassId who = someone();
        Instant until = T0.plus(Duration.ofMinutes(15));
        assertThat(meters.holdSlot(who, "a", 2, T0, until)).isTrue();
        assertThat(meters.holdSlot(who, "b", 2, T0, until)).isTrue();
        assertThat(meters.holdSlot(who, "c", 2, T0, until)).isFalse();
        assertThat(meters.holdSlot(someone(), "c", 2, T0, until))
                .as("another customer's slots")
                .isTrue();

        meters.releaseSlot(who, "a");
        meters.releaseSlot(who, "a"); // twice is no fault
        assertThat(meters.holdSlot(who, "c", 2, T0, until)).isTrue();
        assertThat(meters.holdSlot(who, "d", 2, T0, until)).isFalse();

        assertThat(meters.holdSlot(who, "d", 2, until, until.plus(Duration.ofMinutes(15))))
                .as("slots of a process that died expire")
                .isTrue();
    }

    @Test
    void parallelOpensNeverHoldMoreSlotsThanTheCap() throws Exception {
        UsageMeters meters = meters();
        PassId who = someone();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String slot = "s" + i;
                tries.add(pool.submit(() -> meters.holdSlot(who, slot, 5, T0, T0.plusSeconds(600))));
            }
            int held = 0;
            for (Future<Boolean> t : tries) {
                held += t.get() ? 1 : 0;
            }
            assertThat(held).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }
}
