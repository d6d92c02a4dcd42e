package me.minav3.bootstrap;

import java.time.Instant;
import java.util.Optional;
import me.minav3.http.SharedReads;
import me.minav3.mma.common.PassId;
import me.minav3.mma.studio.TokenRevocations;

/**
 * The revocation store, with concurrent reads of one login's state shared (decision 047): every request and every
 * open stream checks its login, and a thousand streams of one login opening at once then cost one read in flight and
 * one after it, not a thousand queued for connections. Writes go straight through; a read never answers from before
 * it was asked ({@link SharedReads}), so a sign-out is seen by every check that starts after it.
 */
final class SharedRevocationReads implements TokenRevocations {

    private record Key(PassId passId, String tokenId) {}

    private final TokenRevocations store;
    private final SharedReads<Key, Optional<State>> states;

    SharedRevocationReads(TokenRevocations store) {
        this.store = store;
        this.states = new SharedReads<>(key -> store.state(key.passId(), key.tokenId()));
    }

    @Override
    public Optional<State> state(PassId passId, String tokenId) {
        return states.get(new Key(passId, tokenId));
    }

    @Override
    public boolean revoke(PassId passId, String tokenId, Instant refusedUntil, Instant now) {
        return store.revoke(passId, tokenId, refusedUntil, now);
    }

    @Override
    public boolean revokeAll(PassId passId, Instant notBefore, Instant now) {
        return store.revokeAll(passId, notBefore, now);
    }
}
