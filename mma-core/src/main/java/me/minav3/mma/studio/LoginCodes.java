package me.minav3.mma.studio;

import java.time.Instant;
import java.util.Map;

/**
 * The pending email login code of each address, kept apart from customers: nothing is created for an address
 * before its code is right. An address is known only by a keyed hash ({@code key}), never in clear.
 */
public interface LoginCodes {

    /** The state kept for {@code key}; empty when there is none. */
    Map<String, Object> find(String key);

    /**
     * Replaces the state of {@code key} when it is still {@code expected} (empty: none yet), atomically across
     * processes; false when another request changed it first.
     */
    boolean compareAndSet(String key, Map<String, Object> expected, Map<String, Object> replacement, Instant now);
}
