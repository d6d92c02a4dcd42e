package me.minav3.mma.generation;

import java.time.Instant;

/** The business outcome of creating (and charging) a generation. */
public sealed interface CreateOutcome {

    /** Queued and charged; {@code balance} is what is left. */
    record Created(Generation generation, long balance) implements CreateOutcome {}

    /** A generation with this id exists already (a retried request): nothing was written or charged again. */
    record AlreadyExists(Generation generation) implements CreateOutcome {}

    /** The business refused it (the apps map each refusal once: an HTTP problem, a CLI exit code). */
    sealed interface Refused extends CreateOutcome {}

    /** Not enough matcha: nothing written. */
    record InsufficientMatcha(long balance, long needed) implements Refused {}

    /** The matcha expired: nothing written. */
    record Expired(Instant expiredAt) implements Refused {}
}
