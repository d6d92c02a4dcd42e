package me.minav3.mma.studio;

import java.time.Instant;
import java.util.Optional;
import me.minav3.mma.common.PassId;
import org.jspecify.annotations.Nullable;

/** Login tokens a customer may no longer use, kept on the customer's MEGA_CUSTOMERS row. */
public interface TokenRevocations {

    /**
     * What is revoked for one token of a customer.
     *
     * @param notBefore    tokens issued at or before this instant are refused; null: none
     * @param tokenRevoked whether this very token was signed out
     * @param accountDisabled whether an admin disabled the account (or it was deleted): every token is refused
     */
    record State(@Nullable Instant notBefore, boolean tokenRevoked, boolean accountDisabled) {

        /** The state of an account that is not disabled. */
        public State(@Nullable Instant notBefore, boolean tokenRevoked) {
            this(notBefore, tokenRevoked, false);
        }
    }

    /** The revocation state as seen by {@code tokenId}; empty when there is no such customer. */
    Optional<State> state(PassId passId, String tokenId);

    /**
     * Refuses {@code tokenId} until {@code refusedUntil}, and forgets ids whose time has passed by {@code now}.
     * False when there is no such customer.
     */
    boolean revoke(PassId passId, String tokenId, Instant refusedUntil, Instant now);

    /** Refuses every token issued at or before {@code notBefore} (never moved back). False when there is no such customer. */
    boolean revokeAll(PassId passId, Instant notBefore, Instant now);
}
