package me.minav3.mma.credits;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import me.minav3.mma.common.PassId;

/**
 * The matcha ledger: {@code credit_transaction} rows and the balance they add up to. Every method is one atomic
 * operation: the core never holds a database transaction.
 */
public interface Credits {

    /**
     * Posts one credit movement: the {@code credit_transaction} row and the balance change commit together. An
     * id seen before changes nothing and returns {@link CreditOutcome.AlreadyApplied}, also when both arrive at
     * once. A debit is one conditional update: it never takes the balance below zero and never spends expired
     * credits. A grant creates the customer if needed and moves the expiry to {@code newExpiry} if that is later.
     */
    CreditOutcome post(CreditEntry entry);

    /**
     * If the customer's credits are past their expiry and not zero, writes an {@code expired} row that takes the
     * balance to zero (id {@link me.minav3.mma.credits.CreditTxId#expiry}); otherwise does nothing and returns empty.
     */
    Optional<CreditOutcome> expireIfDue(PassId passId, Instant now);

    /** Customers holding credits past their expiry, for the periodic expiry job. */
    List<PassId> expiredWithBalance(Instant now, int limit);

    /** The customer's credit rows, newest first. */
    List<CreditTransaction> history(PassId passId, int limit);

    /** Every customer whose balance differs from its ledger sum (including ledger rows with no customer). */
    List<BalanceDrift> drifts();

    /**
     * Writes a correcting ledger row (delta = balance − ledger sum) without touching the balance, so the ledger
     * sum equals the balance again. History is never edited. Idempotent for the same drift.
     */
    CreditOutcome correct(BalanceDrift drift, String source, Instant at);
}
