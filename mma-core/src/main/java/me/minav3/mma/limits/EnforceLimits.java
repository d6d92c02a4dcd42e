package me.minav3.mma.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.PassId;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.credits.ChargeCredits;
import me.minav3.mma.credits.CreditOutcome;
import me.minav3.mma.limits.LimitOutcome.Allowed;
import me.minav3.mma.limits.LimitOutcome.Limited;
import me.minav3.mma.limits.policy.LimitPolicy;
import org.jspecify.annotations.Nullable;

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

    /** The window of {@link Meter#SUGGESTIONS_EVER}: one that never ends (a thousand years). */
    static final Duration EVER = Duration.ofDays(365_000);

    private final UsageMeters meters;
    private final ConfigService config;
    private final ChargeCredits charges;
    private final Clock clock;

    /** @param charges pays the optional price of "Type for me" */
    public EnforceLimits(UsageMeters meters, ConfigService config, ChargeCredits charges, Clock clock) {
        this.meters = meters;
        this.config = config;
        this.charges = charges;
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

    /**
     * One more "Type for me" (a paid vision call in production). With {@code suggestion_price} set, the use's block
     * of uses must be paid: the first use of a block pays it (a deterministic ledger id, so parallel uses of one
     * block pay once), the others find it paid. The price is never refunded, whatever the suggestion gives.
     */
    public LimitOutcome suggest(PassId passId) {
        LimitPolicy p = policy();
        LimitPolicy.Price price = p.enabled() ? p.suggestionPrice() : null;
        MeterCharge ever = price == null ? null : new MeterCharge(Meter.SUGGESTIONS_EVER, 1, Long.MAX_VALUE / 4, EVER);
        Taken taken = count(p, passId, "suggestions", charge(Meter.SUGGESTIONS, 1, p.suggestionsPerHour(), HOUR), ever);
        LimitOutcome outcome = taken.outcome();
        if (price == null || !(outcome instanceof Allowed)) {
            return outcome;
        }
        long block = price.block(taken.used().getOrDefault(Meter.SUGGESTIONS_EVER, 1L));
        return switch (charges.chargeSuggestions(passId, block, Matcha.of(price.matcha()))) {
            case CreditOutcome.Applied applied -> outcome;
            case CreditOutcome.AlreadyApplied paid -> outcome;
            case CreditOutcome.InsufficientMatcha broke ->
                new LimitOutcome.NeedMatcha(broke.balance(), price.matcha(), price.every());
            case CreditOutcome.Expired expired -> new LimitOutcome.NeedMatcha(0, price.matcha(), price.every());
        };
    }

    /** One more uploaded file of {@code bytes}: counted per hour, its bytes per day. */
    public LimitOutcome upload(PassId passId, long bytes) {
        LimitPolicy p = policy();
        return take(
                p,
                passId,
                "uploads",
                charge(Meter.UPLOADS, 1, p.uploadsPerHour(), HOUR),
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

    private static @Nullable MeterCharge charge(Meter meter, long amount, @Nullable Long cap, Duration window) {
        return cap == null ? null : new MeterCharge(meter, amount, cap, window);
    }

    private LimitOutcome take(LimitPolicy policy, PassId passId, String counter, @Nullable MeterCharge... charges) {
        return count(policy, passId, counter, charges).outcome();
    }

    /** The outcome, and each charged meter's total when counted (empty when nothing needed counting). */
    private record Taken(LimitOutcome outcome, Map<Meter, Long> used) {}

    private Taken count(LimitPolicy policy, PassId passId, String counter, @Nullable MeterCharge... charges) {
        if (!policy.enabled()) {
            return new Taken(Allowed.FREELY, Map.of());
        }
        List<MeterCharge> on = new ArrayList<>();
        for (MeterCharge charge : charges) {
            if (charge != null) {
                on.add(charge);
            }
        }
        if (on.isEmpty()) {
            return new Taken(Allowed.FREELY, Map.of());
        }
        Instant now = clock.now();
        return switch (meters.take(passId, counter, on, now)) {
            case Metering.Counted counted -> new Taken(Allowed.FREELY, counted.used());
            case Metering.Refused refused -> new Taken(limited(on, refused, now), Map.of());
        };
    }

    private static Limited limited(List<MeterCharge> charges, Metering.Refused refused, Instant now) {
        MeterCharge over = charges.stream()
                .filter(c -> c.meter() == refused.meter())
                .findFirst()
                .orElse(charges.get(0));
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
