package me.minav3.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import me.minav3.adapters.postgres.PgNotifications;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one process tells the others through PostgreSQL NOTIFY ({@link LiveBus}'s lines, {@link BalanceBus}'s
 * balance moves). Writers only queue; one forwarder sends whatever queued meanwhile in one NOTIFY round trip.
 * PostgreSQL serializes the commits of NOTIFY transactions, so one per message would cost each writer a contended
 * commit; batched, a busy moment costs a few. A full queue or an unreachable database drops messages (counted):
 * every reader also re-reads what was stored, so a lost notification is late, never lost.
 */
final class NotifyOutbox {

    private static final Logger log = LoggerFactory.getLogger(NotifyOutbox.class);
    private static final int BATCH = 200;

    private final String name;
    private final BlockingQueue<String> queue;
    private final AtomicLong dropped = new AtomicLong();
    private volatile @Nullable PgNotifications remote;

    /**
     * @param name  names the forwarder thread and its log lines
     * @param limit messages waiting at most; beyond it they are dropped
     */
    NotifyOutbox(String name, int limit) {
        this.name = name;
        this.queue = new LinkedBlockingQueue<>(limit);
    }

    /** Whether messages travel to other processes (after {@link #connect}); before it there is nobody to tell. */
    boolean connected() {
        return remote != null;
    }

    /** Queues a message for the other processes; nothing happens before {@link #connect}. */
    void offer(String payload) {
        if (remote != null && !queue.offer(payload)) {
            dropped.incrementAndGet();
        }
    }

    /** Starts forwarding to {@code channel} and hands the other processes' messages to {@code received}; once. */
    synchronized void connect(PgNotifications channel, Consumer<String> received) {
        if (remote != null) {
            return;
        }
        channel.listen(received);
        Thread.ofVirtual().name(name + "-forwarder").start(() -> forward(channel));
        remote = channel;
    }

    /** Messages not sent (queue full or database unreachable) since start: a metric. */
    long droppedCount() {
        return dropped.get();
    }

    private void forward(PgNotifications channel) {
        List<String> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, BATCH - 1);
            try {
                channel.publishAll(batch);
            } catch (RuntimeException e) {
                dropped.addAndGet(batch.size());
                log.debug("{}_forward_failed count={} error=\"{}\"", name, batch.size(), e.toString());
            }
            batch.clear();
        }
    }
}
