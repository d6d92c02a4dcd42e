package me.minav3.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import me.minav3.adapters.postgres.PgNotifications;
import me.minav3.http.BalanceSignals;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whose balance moved (decision 034): {@link AnnouncingCredits} announces every credit movement here, balance
 * streams listen per customer. Once {@link #connect connected}, announcements also travel through PostgreSQL NOTIFY
 * on their own channel ({@link NotifyOutbox}), so a webhook landing on one process moves the balance shown by a
 * stream on another. A slow or failing subscriber never holds up the writer, and a lost notification is caught by
 * the stream's periodic re-read.
 */
public final class BalanceBus implements BalanceSignals {

    private static final Logger log = LoggerFactory.getLogger(BalanceBus.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int OUTBOX_LIMIT = 10_000;
    private static final int ANNOUNCE_BATCH = 200;

    private final String origin = UUID.randomUUID().toString();
    private final Subscribers<PassId, PassId> subscribers = new Subscribers<>("balance");
    private final NotifyOutbox outbox = new NotifyOutbox("balance", OUTBOX_LIMIT);
    /** Customers whose balance moved while not connected: announced by {@link #announceUnsent}. */
    private final Set<PassId> unsent = ConcurrentHashMap.newKeySet();

    /** A credit row of {@code passId} was written: tells this process's streams and queues word for the others. */
    public void changed(PassId passId) {
        subscribers.deliver(passId, passId);
        if (outbox.connected()) {
            outbox.offer(encode(passId));
        } else if (unsent.size() < OUTBOX_LIMIT) { // a long-lived unconnected embedder keeps no more than this
            unsent.add(passId);
        }
    }

    /**
     * A process that never {@link #connect connected} (a one-shot CLI command: {@code mina credits grant}, {@code mina
     * generate}) tells the others once, as it closes, whose balances it moved; a {@code serve} on the same database
     * then moves its open balance streams at once instead of at their next re-read. A failure is only logged: the
     * re-read still catches it.
     */
    public void announceUnsent(PgNotifications channel) {
        if (outbox.connected() || unsent.isEmpty()) {
            return;
        }
        List<String> payloads = unsent.stream().map(this::encode).toList();
        unsent.clear();
        try {
            for (int from = 0; from < payloads.size(); from += ANNOUNCE_BATCH) {
                channel.publishAll(payloads.subList(from, Math.min(payloads.size(), from + ANNOUNCE_BATCH)));
            }
        } catch (RuntimeException e) {
            log.debug("balance_announce_failed count={} error=\"{}\"", payloads.size(), e.toString());
        }
    }

    /** Sends this process's announcements to the other processes on the database, and delivers theirs here. */
    public void connect(PgNotifications channel) {
        outbox.connect(channel, this::received);
    }

    @Override
    public AutoCloseable subscribe(PassId passId, Runnable changed) {
        return subscribers.subscribe(passId, moved -> changed.run());
    }

    /** Subscribers right now (a metric, and what tests watch). */
    public int subscriberCount() {
        return subscribers.count();
    }

    /** Announcements not sent to other processes since start. */
    public long droppedCount() {
        return outbox.droppedCount();
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
                PassId moved = PassId.parse(passId.toString());
                subscribers.deliver(moved, moved);
            }
        } catch (JsonProcessingException | RuntimeException e) {
            log.debug("balance_payload_ignored error=\"{}\"", e.toString());
        }
    }
}
