package me.minav3.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import me.minav3.mma.common.PassId;

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
    }

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

    /**
     * Asks every open stream to end; new ones end at once. Returns without waiting: the server waits for their
     * requests to be completed ({@link StreamExchanges#awaitNone}), which each stream's thread does after it ended.
     */
    void endAll() {
        stopping = true;
        open.keySet().forEach(Served::end);
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
