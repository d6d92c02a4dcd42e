package me.minav3.mma.credits;

import me.minav3.mma.common.Clock;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.PassId;

/**
 * The charge of a generation and its refund, each by its deterministic id, so a retried charge or refund has no
 * second effect. (The pipeline charges atomically with creating the generation row; this is the same movement
 * for callers that charge separately.)
 */
public final class ChargeCredits {

    private final Credits credits;
    private final Clock clock;

    public ChargeCredits(Credits credits, Clock clock) {
        this.credits = credits;
        this.clock = clock;
    }

    /** Applied, AlreadyApplied, InsufficientMatcha or Expired; never a negative balance. */
    public CreditOutcome charge(PassId passId, GenerationId generation, Matcha cost) {
        return credits.post(CreditEntry.charge(passId, generation, cost, clock.now()));
    }

    /** The price of block {@code block} of "Type for me" uses, at most once; it is never refunded. */
    public CreditOutcome chargeSuggestions(PassId passId, long block, Matcha price) {
        return credits.post(CreditEntry.suggestions(passId, block, price, clock.now()));
    }

    /** Gives a failed generation's charge back, at most once. */
    public CreditOutcome refund(PassId passId, GenerationId generation, Matcha cost, String why) {
        return credits.post(CreditEntry.refund(passId, generation, cost, why, clock.now()));
    }
}
