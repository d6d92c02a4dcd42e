package me.minav3.mma.accounts;

import java.time.Instant;
import me.minav3.mma.audit.AuditEntry;
import me.minav3.mma.audit.AuditLog;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.IdGenerator;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.GenerationKind;
import me.minav3.mma.generation.GenerationQueue;

/**
 * An admin disables or enables an account (issue 17.6). A disabled account's tokens are refused everywhere (403) and
 * its unfinished generations end in error with their charge refunded (a tool run's share goes back to the tool
 * pool, decision 042): the refund is the failure refund
 * ({@code credit_transaction:refund:<generation>}), written with the failure in one transaction that only an
 * unfinished generation passes, so a generation is refunded once however many disables, workers or failures race.
 * Purchases still credit a disabled account.
 */
public final class DisableAccount {

    static final String WHY = "This account was disabled.";

    /** What a disable did. */
    public record Disabled(PassId passId, int refunded) {}

    private final Accounts accounts;
    private final GenerationQueue queue;
    private final AuditLog audit;
    private final Clock clock;
    private final IdGenerator ids;

    public DisableAccount(Accounts accounts, GenerationQueue queue, AuditLog audit, Clock clock, IdGenerator ids) {
        this.accounts = accounts;
        this.queue = queue;
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
    }

    /** Disables the account and refunds its unfinished generations; audited. Repeating it is harmless. */
    public Disabled disable(PassId passId, Actor actor) {
        Instant now = clock.now();
        if (!accounts.setDisabled(passId, true, now)) {
            throw new NotFound("no customer " + passId.value());
        }
        int refunded = endUnfinished(passId);
        record(actor, "account.disable", Json.obj("pass_id", passId.value(), "refunded_generations", refunded), now);
        return new Disabled(passId, refunded);
    }

    /** Lets the account sign in again; audited. Generations refunded at the disable stay refunded. */
    public void enable(PassId passId, Actor actor) {
        Instant now = clock.now();
        if (!accounts.setDisabled(passId, false, now)) {
            throw new NotFound("no customer " + passId.value());
        }
        record(actor, "account.enable", Json.obj("pass_id", passId.value()), now);
    }

    /**
     * Ends every unfinished generation of the (already disabled) account in error, refunding its charge; returns how
     * many this call ended. The disable committed first, so a create racing it is refused at its charge.
     */
    int endUnfinished(PassId passId) {
        int ended = 0;
        for (Generation g : accounts.unfinished(passId)) {
            Instant now = clock.now();
            String why = WHY + " " + (g.kind() == null ? GenerationKind.CREATE : g.kind()).refundSentence();
            CreditEntry refund =
                    g.charged() > 0 ? CreditEntry.refund(passId, g.id(), Matcha.of(g.charged()), why, now) : null;
            if (queue.fail(g.id(), null, null, why, g.document(), refund, now).isPresent()) {
                ended++;
            }
        }
        return ended;
    }

    void record(Actor actor, String action, java.util.Map<String, Object> detail, Instant at) {
        audit.record(new AuditEntry(
                "admin_audit:" + ids.newId(), actor.id(), action, actor.route(), actor.method(), 200, detail, at));
    }
}
