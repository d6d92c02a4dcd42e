package me.minav3.adapters.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default database: a real PostgreSQL server whose cluster lives in {@code <data dir>/pg} and
 * survives restarts. Several {@code mina} processes share it: the first one starts it, later ones attach to the
 * running server (found through {@code postmaster.pid}), and whoever leaves last stops it cleanly.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String SUPERUSER = "postgres";

    private @Nullable Path binaries; // found when first needed: attaching to a running server needs none
    private final Path dataDir;
    private final Path cluster;
    private final int port;
    private final boolean started;
    private final boolean owned;
    private final Duration keepWarm;
    private volatile boolean closed;

    private EmbeddedPostgresServer(
            @Nullable Path binaries, Path dataDir, int port, boolean started, boolean owned, Duration keepWarm) {
        this.binaries = binaries;
        this.dataDir = dataDir;
        this.cluster = dataDir.resolve("pg");
        this.port = port;
        this.started = started;
        this.owned = owned;
        this.keepWarm = keepWarm;
    }

    /** What {@link #stopUnused} found. */
    public enum Stop {
        STOPPED,
        NOT_RUNNING,
        IN_USE
    }

    /**
     * A server this caller owns outright (a test run, a benchmark): {@link #close()} stops it whoever is still
     * connected, so no server outlives its owner.
     */
    public static EmbeddedPostgresServer startOwned(Path dataDir) {
        return open(dataDir, Duration.ZERO, true);
    }

    /** Starts the server in {@code dataDir}, or attaches to the one already running there. */
    public static EmbeddedPostgresServer startOrAttach(Path dataDir) {
        return startOrAttach(dataDir, Duration.ZERO);
    }

    /**
     * Starts the server in {@code dataDir}, or attaches to the one already running there; with a positive
     * {@code keepWarm}, the server outlives this process until nobody has used it for that long (a detached
     * {@link WarmKeeper} stops it then), so the next {@code mina} call finds it running (decision 039).
     */
    public static EmbeddedPostgresServer startOrAttach(Path dataDir, Duration keepWarm) {
        if (keepWarm.isNegative()) {
            throw new IllegalArgumentException("keepWarm must not be negative");
        }
        return open(dataDir, keepWarm, false);
    }

    private static EmbeddedPostgresServer open(Path dataDir, Duration keepWarm, boolean owned) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            // Not needed to attach to a running server: finding them (hashing their 15 MB archive) costs a warm call.
            Path binaries = null;
            Path cluster = dir.resolve("pg");
            // pg.lock serialises processes; the monitor, threads of this JVM (Java forbids overlapping file locks).
            synchronized (EmbeddedPostgresServer.class) {
                try (FileChannel channel = FileChannel.open(
                                dir.resolve("pg.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock ignored = channel.lock()) {
                    Optional<Integer> running = runningPort(cluster);
                    boolean startedHere = running.isEmpty();
                    if (keepWarm.isPositive()) {
                        // Before a start: a call killed right after starting the server still leaves it a keeper.
                        WarmKeeper.lease(dir, keepWarm);
                        WarmKeeper.ensureRunning(dir, PostgresBinaries::unpacked);
                    }
                    int port;
                    if (running.isPresent()) {
                        port = running.get();
                        log.info("embedded_postgres=attached port={} cluster={}", port, cluster);
                    } else {
                        binaries = PostgresBinaries.unpacked();
                        if (!Files.exists(cluster.resolve("PG_VERSION"))) {
                            initdb(binaries, cluster);
                        }
                        port = freePort();
                        start(binaries, cluster, dir.resolve("pg.log"), port);
                        log.info("embedded_postgres=started port={} cluster={}", port, cluster);
                    }
                    ClusterUsers.join(dir);
                    return new EmbeddedPostgresServer(binaries, dir, port, startedHere, owned, keepWarm);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /**
     * Stops the server of {@code dataDir} ({@code mina db stop}): cleanly (fast shutdown, a checkpoint), and unless
     * {@code force}, only when no process uses it; ends its {@link WarmKeeper} too.
     */
    public static Stop stopUnused(Path dataDir, boolean force) {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("pg"))) {
            return Stop.NOT_RUNNING;
        }
        try {
            synchronized (EmbeddedPostgresServer.class) {
                try (FileChannel channel = FileChannel.open(
                                dir.resolve("pg.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock ignored = channel.lock()) {
                    boolean alive = postmaster(dir.resolve("pg")).isPresent();
                    if (!alive) {
                        WarmKeeper.dismiss(dir);
                        return Stop.NOT_RUNNING;
                    }
                    try (FileChannel users = ClusterUsers.whenUnused(dir)) {
                        if (users == null && !force) {
                            return Stop.IN_USE;
                        }
                        stopCluster(PostgresBinaries.unpacked(), dir.resolve("pg"));
                        WarmKeeper.dismiss(dir);
                        log.info("embedded_postgres=stopped data_dir={} forced={}", dir, users == null);
                        return Stop.STOPPED;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /**
     * Stops the server of a cluster cleanly (fast shutdown: clients disconnected, a checkpoint written). Without the
     * binaries (a temp directory cleaned meanwhile) the postmaster is sent SIGTERM, PostgreSQL's smart shutdown, which
     * is as clean once no client is connected.
     */
    static void stopCluster(Path binaries, Path cluster) {
        Path pgCtl = binaries.resolve("bin/pg_ctl");
        if (Files.isExecutable(pgCtl)) {
            run(
                    List.of(pgCtl.toString(), "-D", cluster.toString(), "-m", "fast", "-w", "-t", "30", "stop"),
                    Duration.ofSeconds(40));
            return;
        }
        Optional<ProcessHandle> postmaster = postmaster(cluster);
        if (postmaster.isEmpty()) {
            return;
        }
        postmaster.get().destroy();
        try {
            postmaster.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("PostgreSQL did not stop within 60 s: " + cluster, e);
        }
    }

    /**
     * The live postmaster {@code postmaster.pid} names: none when the file is missing, or names a process that is gone
     * or is not PostgreSQL (a stale file after kill -9, its pid reused since).
     */
    static Optional<ProcessHandle> postmaster(Path cluster) {
        try {
            List<String> lines = Files.readAllLines(cluster.resolve("postmaster.pid"));
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info()
                            .command()
                            .map(c -> c.endsWith("/postgres") || c.endsWith("/postmaster"))
                            .orElse(true)); // not readable: assume it is
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public int port() {
        return port;
    }

    public DatabaseUrl url(String database) {
        return new DatabaseUrl("jdbc:postgresql://127.0.0.1:" + port + "/" + database, SUPERUSER, null);
    }

    /** Whether this process started the server (rather than attaching to a running one). */
    public boolean startedHere() {
        return started;
    }

    /** Creates a database unless it exists. */
    public void ensureDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a database name: " + name);
        }
        try (Connection c = connect("postgres");
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            // Created by a concurrent process (two calls on a fresh data directory): fine. PostgreSQL reports the race
            // as 42P04 or, when both passed its own check, as a unique violation on pg_database.
            if (!"42P04".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                throw new IllegalStateException("could not create database " + name, e);
            }
        }
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, SUPERUSER, "");
    }

    /**
     * Stops the server cleanly (fast shutdown: clients are disconnected, the WAL is flushed) and starts it again on
     * the same port after {@code downtime}, as an operator restarting PostgreSQL would (chaos drills and tests).
     * Only the process that started the server may restart it.
     */
    public void restart(Duration downtime) {
        if (!started || closed) {
            throw new IllegalStateException("only the process that started the embedded server can restart it");
        }
        run(
                List.of(bin("pg_ctl"), "-D", cluster.toString(), "-m", "fast", "-w", "-t", "30", "stop"),
                Duration.ofSeconds(40));
        log.info("embedded_postgres=stopped_for_restart port={}", port);
        try {
            Thread.sleep(downtime);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        start(binaries(), cluster, cluster.resolveSibling("pg.log"), port);
        log.info("embedded_postgres=restarted port={}", port);
    }

    /**
     * Leaves the server. Kept warm ({@code keepWarm} positive): renews the lease, then lets go, and the
     * {@link WarmKeeper} stops it once it has been idle that long. Otherwise the last process out stops it: under
     * {@code pg.lock} (nobody attaches meanwhile) and only with the exclusive {@link ClusterUsers} lock (nobody uses
     * it). An {@linkplain #startOwned owned} server stops at once.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!owned && keepWarm.isPositive()) {
            WarmKeeper.lease(dataDir, keepWarm); // before letting go: the keeper reads it under the exclusive lock
            ClusterUsers.leave(dataDir);
            log.info("embedded_postgres=left_warm port={} idle_seconds={}", port, keepWarm.toSeconds());
            return;
        }
        ClusterUsers.leave(dataDir);
        synchronized (EmbeddedPostgresServer.class) {
            try (FileChannel channel = FileChannel.open(
                            dataDir.resolve("pg.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                if (owned) {
                    stopServer();
                    return;
                }
                try (FileChannel users = ClusterUsers.whenUnused(dataDir)) {
                    if (users == null) {
                        log.info("embedded_postgres=left_running port={} reason=in_use", port);
                        return;
                    }
                    stopServer();
                }
            } catch (IOException e) {
                log.warn("embedded_postgres_close_failed port={} error={}", port, e.toString());
                if (owned) {
                    stopServer();
                }
            }
        }
    }

    /**
     * Stops the server whoever is still connected (fast shutdown): for a server that belongs to this process alone,
     * such as a test run's, whose own pools may still be open when it ends.
     */
    public void stop() {
        if (closed) {
            return;
        }
        closed = true;
        ClusterUsers.leave(dataDir);
        stopServer();
    }

    /**
     * Stops a throw-away server at once (immediate shutdown: connections cut, no shutdown checkpoint), for an
     * {@linkplain #startOwned owned} server whose directory is deleted next, such as a test run's. A clean stop of a
     * cluster a suite has written for minutes flushes all its dirty buffers first; at a test JVM's exit, on a busy
     * 2-core machine, that outlasted the 30 s surefire gives a JVM to exit (decision 048). A cluster stopped this way
     * recovers from its WAL if it is ever started again, so nothing committed is lost either.
     */
    public void discard() {
        if (closed) {
            return;
        }
        closed = true;
        ClusterUsers.leave(dataDir);
        if (postmaster(cluster).isEmpty()) {
            log.info("embedded_postgres=already_stopped port={}", port);
            return;
        }
        run(
                List.of(bin("pg_ctl"), "-D", cluster.toString(), "-m", "immediate", "-w", "-t", "30", "stop"),
                Duration.ofSeconds(40));
        log.info("embedded_postgres=discarded port={}", port);
    }

    private void stopServer() {
        Optional<Integer> running;
        try {
            running = runningPort(cluster);
        } catch (IOException e) {
            running = Optional.of(port); // unreadable pid file: let pg_ctl decide
        }
        if (running.isEmpty() || running.get() != port) {
            // Stopped behind our back (or by a crash); if another process has started it again since, it is theirs.
            log.info("embedded_postgres=already_stopped port={}", port);
            return;
        }
        run(
                List.of(bin("pg_ctl"), "-D", cluster.toString(), "-m", "fast", "-w", "-t", "30", "stop"),
                Duration.ofSeconds(40));
        log.info("embedded_postgres=stopped port={}", port);
    }

    private static Optional<Integer> runningPort(Path cluster) throws IOException {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 4) {
            return Optional.empty();
        }
        long pid = Long.parseLong(lines.get(0).strip());
        if (postmaster(cluster).isEmpty()) {
            return Optional.empty(); // stale: PostgreSQL removes it on start
        }
        int port = Integer.parseInt(lines.get(3).strip());
        try (Connection ignored =
                DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER, "")) {
            return Optional.of(port);
        } catch (SQLException e) {
            throw new IOException(
                    "a PostgreSQL process (pid " + pid + ") holds " + cluster + " but does not answer on port " + port
                            + ": " + e.getMessage(),
                    e);
        }
    }

    private static void initdb(Path binaries, Path cluster) throws IOException {
        Files.createDirectories(cluster.getParent());
        run(
                List.of(
                        binaries.resolve("bin/initdb").toString(),
                        "-A",
                        "trust",
                        "-U",
                        SUPERUSER,
                        "-D",
                        cluster.toString(),
                        "-E",
                        "UTF-8",
                        "--locale=C"),
                Duration.ofMinutes(2));
    }

    private static void start(Path binaries, Path cluster, Path logFile, int port) {
        String options = String.join(
                " ",
                "-p",
                Integer.toString(port),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "max_connections=300",
                "-c",
                "timezone=UTC",
                "-c",
                "shared_buffers=128MB");
        run(
                List.of(
                        binaries.resolve("bin/pg_ctl").toString(),
                        "-D",
                        cluster.toString(),
                        "-l",
                        logFile.toString(),
                        "-o",
                        options,
                        "-w",
                        "-t",
                        "60",
                        "start"),
                Duration.ofSeconds(70));
    }

    private synchronized Path binaries() {
        Path found = binaries;
        if (found == null) {
            found = PostgresBinaries.unpacked();
            binaries = found;
        }
        return found;
    }

    private String bin(String name) {
        return binaries().resolve("bin").resolve(name).toString();
    }

    /**
     * PostgreSQL refuses to run as root. As root (containers, CI) the server tools run inside a new user namespace
     * ({@code unshare -U}), where the same process is an unprivileged user; this is what embedded-postgres does too.
     */
    private static List<String> asUnprivileged(List<String> command) {
        if (!RUNNING_AS_ROOT) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("unshare", "-U"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static final boolean RUNNING_AS_ROOT = isRoot();

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void run(List<String> command, Duration timeout) {
        try {
            Process process = new ProcessBuilder(asUnprivileged(command))
                    .redirectErrorStream(true)
                    .start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish within " + timeout);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(Path.of(command.get(0)).getFileName() + " failed (exit "
                        + process.exitValue() + "): " + new String(output).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
