package me.minav3.mma.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.PassId;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.limits.LimitOutcome.Allowed;
import me.minav3.mma.limits.LimitOutcome.Limited;
import me.minav3.mma.limits.policy.LimitPolicy;

/**
 * Issue 17.1: the per-customer limits of {@code mma.limits}, counted in the database so every process shares them
 * (one conditional statement per allowed request; a refusal reads once more to say when to come back). A limit
 * that is off costs no statement. The HTTP routes ask before they write anything; the CLI's local batch does not.
 */
public final class EnforceLimits {

    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Duration HOUR = Duration.ofHours(1);
    static final Duration DAY = Duration.ofDays(1);
    /** When all stream slots are held, a slot frees when a stream closes: ask again soon. */
    static final Duration STREAM_RETRY = Duration.ofSeconds(5);

    private final UsageMeters meters;
    private final ConfigService config;
    private final Clock clock;

    public EnforceLimits(UsageMeters meters, ConfigService config, Clock clock) {
        this.meters = meters;
        this.config = config;
        this.clock = clock;
    }

    /** The policy in force (cached config, read at most every couple of seconds). */
    public LimitPolicy policy() {
        return LimitPolicy.fromConfig(config.value(ConfigKeys.LIMITS));
    }

    /** One more still, tweak, animation or regeneration. */
    public LimitOutcome create(PassId passId) {
        LimitPolicy p = policy();
        return take(p, passId, "creates", charge(Meter.CREATES, 1, p.createsPerMinute(), MINUTE));
    }

    /** One more "Type for me" (a paid vision call in production). */
    public LimitOutcome suggest(PassId passId) {
        LimitPolicy p = policy();
        return take(p, passId, "suggestions", charge(Meter.SUGGESTIONS, 1, p.suggestionsPerHour(), HOUR));
    }

    /** One more uploaded file of {@code bytes}: counted per hour, its bytes per day. */
    public LimitOutcome upload(PassId passId, long bytes) {
        LimitPolicy p = policy();
        return take(p, passId, "uploads", charge(Meter.UPLOADS, 1, p.uploadsPerHour(), HOUR),
                charge(Meter.UPLOAD_BYTES, bytes, p.uploadBytesPerDay(), DAY));
    }

    /** One more import from a link. */
    public LimitOutcome importUrl(PassId passId) {
        LimitPolicy p = policy();
        return take(p, passId, "url_imports", charge(Meter.URL_IMPORTS, 1, p.urlImportsPerHour(), HOUR));
    }

    /**
     * One more open stream: holds a slot until the stream gives it back through {@link Allowed#release()}, or
     * until {@code stream_slot_minutes} pass, so a process that dies cannot keep slots forever.
     */
    public LimitOutcome openStream(PassId passId) {
        LimitPolicy p = policy();
        if (!p.enabled() || p.openStreams() == null) {
            return Allowed.FREELY;
        }
        Instant now = clock.now();
        String slot = UUID.randomUUID().toString();
        int cap = (int) Math.min(Integer.MAX_VALUE, p.openStreams());
        if (!meters.holdSlot(passId, slot, cap, now, now.plus(p.streamSlot()))) {
            return new Limited("open streams", cap, "at once", STREAM_RETRY);
        }
        return new Allowed(() -> meters.releaseSlot(passId, slot));
    }

    private static MeterCharge charge(Meter meter, long amount, Long cap, Duration window) {
        return cap == null ? null : new MeterCharge(meter, amount, cap, window);
    }

    private LimitOutcome take(LimitPolicy policy, PassId passId, String counter, MeterCharge... charges) {
        if (!policy.enabled()) {
            return Allowed.FREELY;
        }
        List<MeterCharge> on = new ArrayList<>();
        for (MeterCharge charge : charges) {
            if (charge != null) {
                on.add(charge);
            }
        }
        if (on.isEmpty()) {
            return Allowed.FREELY;
        }
        Instant now = clock.now();
        return switch (meters.take(passId, counter, on, now)) {
            case Metering.Counted counted -> Allowed.FREELY;
            case Metering.Refused refused -> limited(on, refused, now);
        };
    }

    private static Limited limited(List<MeterCharge> charges, Metering.Refused refused, Instant now) {
        MeterCharge over = charges.stream().filter(c -> c.meter() == refused.meter()).findFirst().orElse(charges.get(0));
        Duration wait = Duration.between(now, refused.resetsAt());
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        return new Limited(over.meter().words(), over.cap(), per(over.window()), Duration.ofSeconds(seconds));
    }

    private static String per(Duration window) {
        if (window.equals(MINUTE)) {
            return "per minute";
        }
        return window.equals(HOUR) ? "per hour" : "per day";
    }
}
