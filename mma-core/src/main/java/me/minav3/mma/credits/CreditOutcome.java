package me.minav3.mma.credits;

import java.time.Instant;

/** The business outcome of posting a credit movement. */
public sealed interface CreditOutcome {

    /** The balance after the attempt (unchanged unless {@link Applied}). */
    long balance();

    /** The movement was written; the balance changed by its delta. */
    record Applied(CreditTxId id, long balance) implements CreditOutcome {}

    /** This id was applied before; nothing changed this time. */
    record AlreadyApplied(CreditTxId id, long balance) implements CreditOutcome {}

    /** A debit larger than the balance; nothing written. */
    record InsufficientMatcha(long balance, long needed) implements CreditOutcome {}

    /** A debit against credits past their expiry; nothing written. */
    record Expired(Instant expiredAt, long balance) implements CreditOutcome {}

    default boolean changedBalance() {
        return this instanceof Applied;
    }
}
