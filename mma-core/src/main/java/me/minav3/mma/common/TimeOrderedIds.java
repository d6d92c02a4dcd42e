package me.minav3.mma.common;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * UUIDv7 ids (RFC 9562): a millisecond timestamp then random bits, so ids sort by creation time and new rows
 * land at the end of their index.
 */
public final class TimeOrderedIds implements IdGenerator {

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public TimeOrderedIds(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String newId() {
        return uuid().toString();
    }

    public UUID uuid() {
        long millis = clock.now().toEpochMilli();
        long randA = random.nextInt(1 << 12);
        long msb = (millis << 16) | 0x7000L | randA;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
