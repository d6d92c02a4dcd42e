package me.minav3.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.UUID;
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

    private final String origin = UUID.randomUUID().toString();
    private final Subscribers<PassId, PassId> subscribers = new Subscribers<>("balance");
    private final NotifyOutbox outbox = new NotifyOutbox("balance", OUTBOX_LIMIT);

    /** A credit row of {@code passId} was written: tells this process's streams and queues word for the others. */
    public void changed(PassId passId) {
        subscribers.deliver(passId, passId);
        if (outbox.connected()) {
            outbox.offer(encode(passId));
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
