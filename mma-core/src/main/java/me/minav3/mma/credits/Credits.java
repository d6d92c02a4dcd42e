package me.minav3.mma.credits;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import me.minav3.mma.common.PassId;
import org.jspecify.annotations.Nullable;

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
     * The units left in the customer's edit-tool pool (decision 042): fractions of a matcha already paid for, in
     * {@link me.minav3.mma.generation.NewGeneration#POOL_UNITS_PER_MATCHA} per matcha; 0 for an unknown customer.
     */
    long toolPool(PassId passId);

    /** Every customer whose edit-tool pool differs from its ledger and tool runs ({@link PoolDrift}). */
    List<PoolDrift> poolDrifts();

    /**
     * Writes a correcting ledger row (delta = balance − ledger sum) without touching the balance, so the ledger
     * sum equals the balance again. History is never edited. Idempotent for the same drift.
     */
    CreditOutcome correct(BalanceDrift drift, String source, Instant at);

    /** One credit row by its id (a Shopify pack line's purchase, say); empty when it was never written. */
    Optional<CreditTransaction> find(CreditTxId id);

    /**
     * Takes back what a refunded purchase bought, once per {@link TakeBack#id()} (decision 029), atomically: owed is
     * the request capped by what the purchase bought minus what earlier take-backs of it were owed; taken is
     * {@code min(owed, balance)} (0 when the balance is past its expiry), so the balance never goes below zero;
     * the {@link TakeBackRecord} is written in any case, the ledger row only when something is taken. An id seen
     * before changes nothing and returns the stored record, also when both arrive at once.
     */
    TakeBackOutcome takeBack(TakeBack takeBack);

    /** Take-back records, newest first; only the customer's when {@code passId} is given. */
    List<TakeBackRecord> takeBacks(@Nullable PassId passId, int limit);
}
