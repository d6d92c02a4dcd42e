package me.minav3.adapters.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL LISTEN/NOTIFY on one channel: how live pipeline lines reach SSE subscribers connected to another
 * process on the same database. Publishing uses the pool; listening holds one dedicated connection, reconnected
 * with backoff when the database restarts.
 */
public final class PgNotifications implements AutoCloseable {

    /** PostgreSQL refuses payloads of 8000 bytes or more. */
    public static final int MAX_PAYLOAD = 7_900;

    private static final Logger log = LoggerFactory.getLogger(PgNotifications.class);

    /** {@link #publishAll}'s statement, on plain JDBC like the pipeline's per-stage ones (decision 053). */
    private static final String PUBLISH = """
            SELECT pg_notify(?, p)
              FROM (SELECT set_config('synchronous_commit', 'off', true)) AS relaxed,
                   unnest(CAST(? AS text[])) AS p""";

    private final DataSource connections;
    private final DatabaseUrl url;
    private final String channel;
    private volatile boolean closed;
    private volatile @Nullable Connection listening;
    private @Nullable Thread listener;

    PgNotifications(DataSource connections, DatabaseUrl url, String channel) {
        if (!channel.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a channel name: " + channel);
        }
        this.connections = connections;
        this.url = url;
        this.channel = channel;
    }

    /** Sends a payload to every listener (this process included). */
    public void publish(String payload) {
        publishAll(List.of(payload));
    }

    /**
     * Sends payloads, in order, in one round trip. The transaction that carries them does not wait for the disk:
     * a notification is a hint (listeners re-read what was stored), and a NOTIFY commit that waits for an fsync
     * would cost every pipeline line one.
     */
    public void publishAll(List<String> payloads) {
        if (payloads.isEmpty()) {
            return;
        }
        for (String payload : payloads) {
            if (payload.length() > MAX_PAYLOAD) {
                throw new IllegalArgumentException("notification payload too large: " + payload.length());
            }
        }
        Database.withConnection(connections, c -> {
            try (PreparedStatement publish = c.prepareStatement(PUBLISH)) {
                publish.setString(1, channel);
                publish.setArray(2, c.createArrayOf("text", payloads.toArray()));
                publish.execute(); // PostgreSQL sends each payload as it makes the row; the rows themselves are empty
                return payloads.size();
            }
        });
    }

    /** Starts delivering payloads to {@code handler} on a background thread (once). */
    public synchronized void listen(Consumer<String> handler) {
        if (listener != null) {
            throw new IllegalStateException("already listening");
        }
        listener = Thread.ofVirtual().name("pg-listen-" + channel).start(() -> loop(handler));
    }

    private void loop(Consumer<String> handler) {
        Duration backoff = Duration.ofMillis(200);
        while (!closed) {
            try (Connection connection = connect();
                    Statement statement = connection.createStatement()) {
                listening = connection;
                if (closed) {
                    return;
                }
                statement.execute("LISTEN " + channel);
                log.info("live_channel_listening channel={}", channel);
                backoff = Duration.ofMillis(200);
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(1_000);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            deliver(handler, notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (closed) {
                    return;
                }
                log.warn(
                        "live_channel_reconnecting channel={} in_ms={} error=\"{}\"",
                        channel,
                        backoff.toMillis(),
                        e.getMessage());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0
                        ? Duration.ofSeconds(5)
                        : backoff.multipliedBy(2);
            }
        }
    }

    private static void deliver(Consumer<String> handler, String payload) {
        try {
            handler.accept(payload);
        } catch (RuntimeException e) {
            log.debug("live_channel_handler_failed error=\"{}\"", e.toString());
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (url.user() != null) {
            properties.setProperty("user", url.user());
        }
        if (url.password() != null) {
            properties.setProperty("password", url.password());
        }
        properties.setProperty("ApplicationName", "mina-live");
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(url.jdbcUrl(), properties);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops listening and closes the dedicated connection at once (so an embedded server can stop cleanly). */
    @Override
    public void close() {
        closed = true;
        Connection connection = listening;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("live_channel_close_failed error=\"{}\"", e.getMessage());
            }
        }
        Thread thread = listener;
        if (thread != null) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
