package me.minav3.mma.testing;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import me.minav3.mma.common.PassId;
import me.minav3.mma.limits.Meter;
import me.minav3.mma.limits.MeterCharge;
import me.minav3.mma.limits.Metering;
import me.minav3.mma.limits.UsageMeters;

/** Usage counters and stream slots in one JVM's memory, for core tests (the real ones are in MEGA_ADMIN). */
public final class InMemoryUsageMeters implements UsageMeters {

    private record Window(long start, long used) {}

    private final Map<String, Map<Meter, Window>> counters = new HashMap<>();
    private final Map<PassId, Map<String, Instant>> slots = new HashMap<>();

    @Override
    public synchronized Metering take(PassId passId, String counter, List<MeterCharge> charges, Instant now) {
        Map<Meter, Window> row = counters.computeIfAbsent(passId.value() + "|" + counter, k -> new HashMap<>());
        long second = now.getEpochSecond();
        for (MeterCharge charge : charges) {
            if (used(row, charge, second) + charge.amount() > charge.cap()) {
                return new Metering.Refused(charge.meter(), Instant.ofEpochSecond(charge.windowEnd(second)));
            }
        }
        Map<Meter, Long> used = new HashMap<>();
        for (MeterCharge charge : charges) {
            long total = used(row, charge, second) + charge.amount();
            row.put(charge.meter(), new Window(charge.windowStart(second), total));
            used.put(charge.meter(), total);
        }
        return new Metering.Counted(used);
    }

    private static long used(Map<Meter, Window> row, MeterCharge charge, long second) {
        Window window = row.get(charge.meter());
        return window != null && window.start() == charge.windowStart(second) ? window.used() : 0;
    }

    @Override
    public synchronized boolean holdSlot(PassId passId, String slot, int cap, Instant now, Instant until) {
        Map<String, Instant> held = slots.computeIfAbsent(passId, k -> new HashMap<>());
        held.values().removeIf(expiry -> !expiry.isAfter(now));
        if (held.size() >= cap) {
            return false;
        }
        held.put(slot, until);
        return true;
    }

    @Override
    public synchronized void releaseSlot(PassId passId, String slot) {
        Map<String, Instant> held = slots.get(passId);
        if (held != null) {
            held.remove(slot);
        }
    }
}
