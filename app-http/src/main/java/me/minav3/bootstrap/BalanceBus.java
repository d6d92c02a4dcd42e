package me.minav3.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import me.minav3.adapters.postgres.PgNotifications;
import me.minav3.http.BalanceSignals;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whose balance moved (decision 034): {@link AnnouncingCredits} announces every credit movement here, balance
 * streams listen per customer. Once {@link #connect connected}, announcements also travel through PostgreSQL NOTIFY
 * on their own channel, so a webhook landing on one process moves the balance shown by a stream on another. Like
 * {@link LiveBus}: a slow or failing subscriber never holds up the writer, and a lost notification is caught by
 * the stream's periodic re-read.
 */
public final class BalanceBus implements BalanceSignals {

    private static final Logger log = LoggerFactory.getLogger(BalanceBus.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int OUTBOX_LIMIT = 10_000;
    private static final int BATCH = 200;

    private final String origin = UUID.randomUUID().toString();
    private final Map<PassId, List<Runnable>> subscribers = new ConcurrentHashMap<>();
    private final BlockingQueue<String> outbox = new LinkedBlockingQueue<>(OUTBOX_LIMIT);
    private final AtomicLong dropped = new AtomicLong();
    private volatile @Nullable PgNotifications remote;

    /** A credit row of {@code passId} was written: tells this process's streams and queues word for the others. */
    public void changed(PassId passId) {
        deliver(passId);
        if (remote != null && !outbox.offer(encode(passId))) {
            dropped.incrementAndGet();
        }
    }

    /** Sends this process's announcements to the other processes on the database, and delivers theirs here. */
    public synchronized void connect(PgNotifications channel) {
        if (remote != null) {
            return;
        }
        channel.listen(this::received);
        Thread.ofVirtual().name("balance-forwarder").start(() -> forward(channel));
        remote = channel;
    }

    @Override
    public AutoCloseable subscribe(PassId passId, Runnable changed) {
        subscribers.computeIfAbsent(passId, k -> new CopyOnWriteArrayList<>()).add(changed);
        return () -> subscribers.computeIfPresent(passId, (k, list) -> {
            list.remove(changed);
            return list.isEmpty() ? null : list;
        });
    }

    /** Subscribers right now (a metric, and what tests watch). */
    public int subscriberCount() {
        return subscribers.values().stream().mapToInt(List::size).sum();
    }

    /** Announcements not sent to other processes since start. */
    public long droppedCount() {
        return dropped.get();
    }

    private void deliver(PassId passId) {
        List<Runnable> listeners = subscribers.get(passId);
        if (listeners == null) {
            return;
        }
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.debug("balance_subscriber_failed error=\"{}\"", e.toString());
            }
        }
    }

    private void forward(PgNotifications channel) {
        List<String> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                batch.add(outbox.take());
            } catch (InterruptedException e) {
                return;
            }
            outbox.drainTo(batch, BATCH - 1);
            try {
                channel.publishAll(batch);
            } catch (RuntimeException e) {
                dropped.addAndGet(batch.size());
                log.debug("balance_forward_failed count={} error=\"{}\"", batch.size(), e.toString());
            }
            batch.clear();
        }
    }

    private String encode(PassId passId) {
        try {
            return JSON.writeValueAsString(Json.obj("origin", origin, "pass_id", passId.value()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void received(String payload) {
        try {
            Map<String, Object> map = JSON.readValue(payload, new TypeReference<>() {});
            Object passId = map.get("pass_id");
            if (!origin.equals(map.get("origin")) && passId != null) {
                deliver(PassId.parse(passId.toString()));
            }
        } catch (JsonProcessingException | RuntimeException e) {
            log.debug("balance_payload_ignored error=\"{}\"", e.toString());
        }
    }
}
