package me.minav3.http;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The streams this process serves right now, so a stopping server can end them before the database closes. */
final class OpenStreams {

    private static final Logger log = LoggerFactory.getLogger(OpenStreams.class);

    private final Set<LiveStream> open = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    /** Serves {@code stream} on the calling thread; a server already stopping ends it at once. */
    void serve(LiveStream stream) {
        open.add(stream);
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
        open.forEach(LiveStream::end);
        long deadline = System.nanoTime() + limit.toNanos();
        for (LiveStream stream : open) {
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

    /** Streams open right now (a metric, and what tests watch). */
    int count() {
        return open.size();
    }
}
