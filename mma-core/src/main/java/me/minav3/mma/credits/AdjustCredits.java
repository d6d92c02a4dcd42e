package me.minav3.mma.credits;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import me.minav3.mma.audit.AuditEntry;
import me.minav3.mma.audit.AuditLog;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.PassId;
import me.minav3.mma.customers.Customer;
import me.minav3.mma.customers.CustomerStore;
import me.minav3.mma.error.Conflict;
import me.minav3.mma.error.NotFound;

/**
 * An admin's correction of an existing customer's balance, up or down, with a required reason (issue 20). Never takes
 * a balance below zero (a {@link Conflict}, nothing written); one ledger row per adjustment, keyed by the client's
 * adjustment id, so a double click applies once (decision 027); audited with the real actor.
 */
public final class AdjustCredits {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,120}");

    /**
     * @param delta         matcha to add (positive) or take away (negative); never zero
     * @param reason        why, for the ledger and the audit (required)
     * @param adjustmentKey the client's id of this adjustment: the same key never applies twice
     */
    public record Request(PassId passId, long delta, String reason, String adjustmentKey) {
        public Request {
            Objects.requireNonNull(passId, "pass id");
            if (delta == 0 || Math.abs(delta) > Matcha.MAX) {
                throw new IllegalArgumentException(
                        "delta must be a non-zero whole number of matcha from -" + Matcha.MAX + " to " + Matcha.MAX);
            }
            reason = reason == null ? "" : reason.strip();
            if (reason.isEmpty() || reason.length() > 500) {
                throw new IllegalArgumentException("a reason is required (1-500 characters)");
            }
            if (adjustmentKey == null || !KEY.matcher(adjustmentKey).matches()) {
                throw new IllegalArgumentException("an adjustment id is 1-120 letters, digits or . _ : -");
            }
        }

        public CreditTxId id() {
            return CreditTxId.adjustment(passId, adjustmentKey);
        }
    }

    /** What happened: applied now, or found applied before (a retry); the balance after either. */
    public record Result(CreditTxId id, boolean applied, long balance) {}

    private final CustomerStore customers;
    private final Credits credits;
    private final AuditLog audit;
    private final ExpiryPolicy expiry;
    private final Clock clock;

    public AdjustCredits(CustomerStore customers, Credits credits, AuditLog audit, ExpiryPolicy expiry, Clock clock) {
        this.customers = customers;
        this.credits = credits;
        this.audit = audit;
        this.expiry = expiry;
        this.clock = clock;
    }

    /**
     * Posts the adjustment. An unknown customer is {@link NotFound}; a decrease larger than what the customer holds
     * (expired credits are zeroed first) is a {@link Conflict} and writes nothing but its audit row.
     */
    public Result adjust(Request request, Actor actor) {
        Instant now = clock.now();
        Customer customer =
                customers.find(request.passId()).orElseThrow(() -> new NotFound("no customer " + request.passId()));
        credits.expireIfDue(request.passId(), now);
        CreditOutcome outcome = credits.post(new CreditEntry(
                request.id(),
                request.passId(),
                request.delta(),
                CreditReason.ADJUSTMENT,
                "admin",
                "adjustment",
                request.adjustmentKey(),
                request.reason(),
                request.delta() > 0 ? expiry.expiryFor(CreditReason.ADJUSTMENT, customer, now) : null,
                now,
                Json.obj("actor", actor.id())));
        audit.record(new AuditEntry(
                // One audit row per adjustment id and outcome: a retry that finds it applied is recorded once too.
                "admin_audit:" + request.id().value().substring("credit_transaction:".length()) + ":"
                        + outcome.getClass().getSimpleName(),
                actor.id(),
                "credits.adjust",
                actor.route(),
                actor.method(),
                switch (outcome) {
                    case CreditOutcome.Applied a -> 200;
                    case CreditOutcome.AlreadyApplied a -> 208;
                    case CreditOutcome.InsufficientMatcha i -> 409;
                    case CreditOutcome.Expired e -> 409;
                },
                Json.obj(
                        "pass_id",
                        request.passId().value(),
                        "delta",
                        request.delta(),
                        "reason",
                        request.reason(),
                        "credit_id",
                        request.id().value(),
                        "outcome",
                        outcome.getClass().getSimpleName(),
                        "balance",
                        outcome.balance()),
                now));
        return switch (outcome) {
            case CreditOutcome.Applied a -> new Result(a.id(), true, a.balance());
            case CreditOutcome.AlreadyApplied a -> new Result(a.id(), false, a.balance());
            case CreditOutcome.InsufficientMatcha i ->
                throw new Conflict("the balance is " + i.balance() + " matcha: taking " + i.needed()
                        + " would go below zero; nothing was changed");
            case CreditOutcome.Expired e ->
                throw new Conflict("the balance expired at " + e.expiredAt() + "; nothing was changed");
        };
    }
}
