package me.minav3.adapters.providers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import me.minav3.adapters.providers.http.Sleeper;
import me.minav3.mma.common.Clock;

/** A clock that only moves when the code under test sleeps; the sleeps are recorded instead of waited. */
final class FakeTime implements Clock, Sleeper {

    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    private Instant now = START;
    private final List<Duration> sleeps = new ArrayList<>();

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        now = now.plus(duration);
    }

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
