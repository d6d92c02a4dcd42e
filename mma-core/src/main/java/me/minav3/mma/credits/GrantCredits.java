package me.minav3.mma.credits;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import me.minav3.mma.audit.AuditEntry;
import me.minav3.mma.audit.AuditLog;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.IdGenerator;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.PassId;
import me.minav3.mma.customers.Customer;
import me.minav3.mma.customers.CustomerProfile;
import me.minav3.mma.customers.CustomerStore;
import org.jspecify.annotations.Nullable;

/**
 * Adds matcha to a customer (creating the customer if needed) and sets its expiry by the {@link ExpiryPolicy}.
 * An expired balance is zeroed first, so a new grant never revives old credits. Idempotent by request key.
 */
public final class GrantCredits {

    /**
     * @param requestKey makes the grant's id ({@code credit_transaction:grant:<key>}); null for a fresh id
     * @param reason     {@link CreditReason#GRANT} (free/test) or {@link CreditReason#PURCHASE}
     */
    public record Request(
            PassId passId,
            Matcha amount,
            CreditReason reason,
            String source,
            @Nullable String note,
            @Nullable String requestKey,
            CustomerProfile profile) {
        public Request {
            Objects.requireNonNull(passId, "pass id");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(source, "source");
            if (amount.isZero()) {
                throw new IllegalArgumentException("a grant must be at least 1 matcha");
            }
            if (reason != CreditReason.GRANT && reason != CreditReason.PURCHASE) {
                throw new IllegalArgumentException("a grant is a free grant or a purchase, not " + reason.wire());
            }
            if (requestKey != null && !requestKey.matches("[A-Za-z0-9._:-]{1,120}")) {
                throw new IllegalArgumentException("a request key is 1-120 letters, digits or . _ : -");
            }
            profile = profile == null ? CustomerProfile.NONE : profile;
        }
    }

    private final CustomerStore customers;
    private final Credits credits;
    private final AuditLog audit;
    private final ExpiryPolicy expiry;
    private final Clock clock;
    private final IdGenerator ids;

    public GrantCredits(
            CustomerStore customers,
            Credits credits,
            AuditLog audit,
            ExpiryPolicy expiry,
            Clock clock,
            IdGenerator ids) {
        this.customers = customers;
        this.credits = credits;
        this.audit = audit;
        this.expiry = expiry;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * One credit posted by its own deterministic id (a grant, or a Shopify line item).
     *
     * @param profile  identity facts to record on the customer (never overwriting stored ones)
     * @param earnedAt the moment the expiry is counted from: for a purchase, when it was bought
     */
    public record Credit(
            CreditTxId id,
            PassId passId,
            Matcha amount,
            CreditReason reason,
            String source,
            @Nullable String refType,
            @Nullable String refId,
            @Nullable String note,
            CustomerProfile profile,
            Instant earnedAt,
            Map<String, Object> meta) {
        public Credit {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(passId, "pass id");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(earnedAt, "earned at");
            if (amount.isZero()) {
                throw new IllegalArgumentException("a credit must be at least 1 matcha");
            }
            if (reason != CreditReason.GRANT && reason != CreditReason.PURCHASE) {
                throw new IllegalArgumentException("a credit is a free grant or a purchase, not " + reason);
            }
            profile = profile == null ? CustomerProfile.NONE : profile;
        }
    }

    public CreditOutcome grant(Request request, Actor actor) {
        var now = clock.now();
        CreditTxId id = CreditTxId.grant(request.requestKey() != null ? request.requestKey() : ids.newId());
        CreditOutcome outcome = credit(new Credit(
                id,
                request.passId(),
                request.amount(),
                request.reason(),
                request.source(),
                null,
                null,
                request.note(),
                request.profile(),
                now,
                Json.obj()));
        audit.record(new AuditEntry(
                "admin_audit:" + ids.newId(),
                actor.id(),
                "credits.grant",
                actor.route(),
                actor.method(),
                outcome instanceof CreditOutcome.Applied ? 200 : 208,
                Json.obj(
                        "pass_id",
                        request.passId().value(),
                        "amount",
                        request.amount().amount(),
                        "reason",
                        request.reason().wire(),
                        "note",
                        request.note(),
                        "credit_id",
                        id.value(),
                        "outcome",
                        outcome.getClass().getSimpleName(),
                        "balance",
                        outcome.balance()),
                now));
        return outcome;
    }

    /**
     * Posts one credit: creates the customer if needed, zeroes an expired balance first (so new credits never
     * revive old ones), and moves the expiry to what this credit earns (only ever later). Not audited: the caller
     * audits the operation the credit belongs to.
     */
    public CreditOutcome credit(Credit credit) {
        var now = clock.now();
        Customer customer = customers.ensure(credit.passId(), credit.profile(), now);
        credits.expireIfDue(credit.passId(), now);
        return credits.post(new CreditEntry(
                credit.id(),
                credit.passId(),
                credit.amount().amount(),
                credit.reason(),
                credit.source(),
                credit.refType(),
                credit.refId(),
                credit.note(),
                expiry.expiryFor(credit.reason(), customer, credit.earnedAt()),
                now,
                credit.meta()));
    }
}
