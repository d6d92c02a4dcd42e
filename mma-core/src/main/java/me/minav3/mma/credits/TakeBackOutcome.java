package me.minav3.mma.credits;

/**
 * What {@link Credits#takeBack} did: the record of the take-back and whether this call wrote it ({@code false}: an
 * earlier call did, and nothing changed now), with the balance after.
 */
public record TakeBackOutcome(TakeBackRecord record, boolean newlyApplied, long balance) {}
