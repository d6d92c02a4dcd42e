package me.minav3.mma.generation;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The business outcome of creating (and charging) a generation. */
public sealed interface CreateOutcome {

    /** Queued and charged; {@code balance} is what is left. */
    record Created(Generation generation, long balance) implements CreateOutcome {}

    /** A generation with this id exists already (a retried request): nothing was written or charged again. */
    record AlreadyExists(Generation generation) implements CreateOutcome {}

    /** The business refused it (the apps map each refusal once: an HTTP problem, a CLI exit code). */
    sealed interface Refused extends CreateOutcome {}

    /**
     * Not enough matcha: nothing written.
     *
     * @param offer a cheaper still engine the balance can still pay for (issue 22), when there is one
     */
    record InsufficientMatcha(
            long balance, long needed, @Nullable EngineOffer offer) implements Refused {

        public InsufficientMatcha(long balance, long needed) {
            this(balance, needed, null);
        }

        /** The same refusal offering another engine. */
        public InsufficientMatcha withOffer(@Nullable EngineOffer other) {
            return new InsufficientMatcha(balance, needed, other);
        }
    }

    /** "Switch to main": an engine whose price the balance covers, and that price in matcha. */
    record EngineOffer(String engine, String label, long cost) {}

    /** The matcha expired: nothing written. */
    record Expired(Instant expiredAt) implements Refused {}
}
