package me.minav3.mma.testing;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import me.minav3.mma.common.Json;
import me.minav3.mma.studio.LoginCodes;

/** Login codes in memory, with the same compare-and-set as the PostgreSQL adapter. */
public final class InMemoryLoginCodes implements LoginCodes {

    private final Map<String, Map<String, Object>> states = new ConcurrentHashMap<>();

    @Override
    public Map<String, Object> find(String key) {
        return states.getOrDefault(key, Map.of());
    }

    @Override
    public synchronized boolean compareAndSet(
            String key, Map<String, Object> expected, Map<String, Object> replacement, Instant now) {
        if (!find(key).equals(expected == null ? Map.of() : expected)) {
            return false;
        }
        states.put(key, Json.copy(replacement));
        return true;
    }

    /** Every key and state, as text (tests look for what must not be there). */
    public String dump() {
        return states.toString();
    }

    /** How many addresses have a state (tests). */
    public int size() {
        return states.size();
    }
}
