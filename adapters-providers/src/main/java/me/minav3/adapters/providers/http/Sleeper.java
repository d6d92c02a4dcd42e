package me.minav3.adapters.providers.http;

import java.time.Duration;

/** Waits between retries and polls; tests inject one that only advances a fake clock. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    static Sleeper real() {
        return Thread::sleep;
    }
}
