package me.minav3.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import me.minav3.mma.common.PassId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams this process serves right now, by whose they are: a stopping server ends them before the database
 * closes, and a logout or revocation here has that customer's streams check their login at once.
 */
final class OpenStreams {

    /** A stream served on its own thread: a generation's lines or a customer's balance. */
    interface Served {
        void run();

        void end();

        void checkLoginSoon();

        boolean awaitFinished(Duration limit) throws InterruptedException;
    }

    private static final Logger log = LoggerFactory.getLogger(OpenStreams.class);

    private final Map<Served, PassId> open = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    /** Serves {@code stream} on the calling thread; a server already stopping ends it at once. */
    void serve(Served stream, PassId owner) {
        open.put(stream, owner);
        try {
            if (!stopping) {
                stream.run();
            }
        } finally {
            open.remove(stream);
        }
    }

    /** Ends every open stream and waits up to {@code limit} for them to stop; new ones end at once. */
    void endAll(Duration limit) {
        stopping = true;
        open.keySet().forEach(Served::end);
        long deadline = System.nanoTime() + limit.toNanos();
        for (Served stream : open.keySet()) {
            try {
                if (!stream.awaitFinished(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                    log.warn("stream_still_open_at_stop streams={}", open.size());
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The customer's logins changed (a logout, a revocation): each of their streams checks its own, on its thread. */
    void checkLogins(PassId owner) {
        open.forEach((stream, passId) -> {
            if (passId.equals(owner)) {
                stream.checkLoginSoon();
            }
        });
    }

    /** Streams open right now (a metric, and what tests watch). */
    int count() {
        return open.size();
    }
}
