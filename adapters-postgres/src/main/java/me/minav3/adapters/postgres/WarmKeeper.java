package me.minav3.adapters.postgres;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an embedded server warm between CLI calls and stops it once it has been idle (decision 039). A small detached
 * JVM per data directory, started by the first call that leaves the server running: it looks at the lease
 * ({@code pg.lease}: written on every attach and close, its content the idle time in seconds) every {@link #POLL} at
 * most; once the lease has run out it takes {@code pg.lock} and the exclusive {@link ClusterUsers} lock (so no process
 * uses the server or can attach to it), reads the lease again and stops the server cleanly ({@code pg_ctl stop -m
 * fast}: a checkpoint, nothing lost) and exits. {@code pg.keeper} names the keeper (pid and start time); a keeper whose
 * process is gone (kill -9) is stale and the next call starts another.
 *
 * <p>The keeper runs in a 24 MB heap: it is handed the directory of the server binaries and never touches their
 * archive, and it loads every class it needs before its first sleep (the jar it came from may be rebuilt meanwhile).
 */
final class WarmKeeper {

    private static final Logger log = LoggerFactory.getLogger(WarmKeeper.class);
    static final String LEASE = "pg.lease";
    static final String KEEPER = "pg.keeper";
    /** The longest the keeper sleeps between two looks at the lease (a file read; the idle time is kept to this). */
    static final Duration POLL = Duration.ofSeconds(1);

    private final Path dataDir;
    private final Path binaries;
    /** The last use (lease time) the keeper said it found the server in use after; null while it was not in use. */
    private @Nullable Instant toldInUse;

    private WarmKeeper(Path dataDir, Path binaries) {
        this.dataDir = dataDir;
        this.binaries = binaries;
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: WarmKeeper <data dir> <postgres binaries dir>");
        }
        WarmKeeper keeper = new WarmKeeper(Path.of(args[0]), Path.of(args[1]));
        try {
            keeper.watch();
        } catch (Throwable e) { // even an Error: say why the server was left running, then exit
            log.error("embedded_postgres_keeper=failed data_dir={} error={}", keeper.dataDir, e.toString());
            System.exit(1);
        }
        System.exit(0);
    }

    /** Records a use of the server now, and how long it stays up after the last one. */
    static void lease(Path dataDir, Duration idle) {
        try {
            Files.writeString(dataDir.resolve(LEASE), Long.toString(idle.toSeconds()));
        } catch (IOException e) {
            log.warn("embedded_postgres_lease_failed data_dir={} error={}", dataDir, e.toString());
        }
    }

    /**
     * Starts a keeper for the data directory unless a live one exists; the caller holds {@code pg.lock}, and may start
     * the server after this (the keeper waits for {@code pg.lock} before it looks at the server).
     */
    static void ensureRunning(Path dataDir, Supplier<Path> binaries) throws IOException {
        if (running(dataDir).isPresent()) {
            return;
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            command.add(setsid.toString()); // its own session: a terminal's hang-up or Ctrl+C does not reach it
        }
        command.addAll(List.of(
                java.toString(),
                "-Xmx24m",
                "-Xss512k",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData",
                "-cp",
                classPath(),
                WarmKeeper.class.getName(),
                dataDir.toAbsolutePath().toString(),
                binaries.get().toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("MINA_LOG_LEVEL", "INFO"); // its log says when and why it stopped the server
        Process keeper = builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dataDir.resolve("pg.keeper.log").toFile()))
                .redirectErrorStream(true)
                .start();
        long started = keeper.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        Files.writeString(dataDir.resolve(KEEPER), keeper.pid() + " " + started);
        log.info("embedded_postgres_keeper=started pid={} data_dir={}", keeper.pid(), dataDir);
    }

    /** The live keeper of the data directory, if any (a pid whose process is gone, or another one now, is stale). */
    static Optional<ProcessHandle> running(Path dataDir) {
        try {
            String[] fields = Files.readString(dataDir.resolve(KEEPER)).strip().split(" ");
            long pid = Long.parseLong(fields[0]);
            long started = fields.length > 1 ? Long.parseLong(fields[1]) : 0L;
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> started == 0L
                            || p.info()
                                    .startInstant()
                                    .map(i -> Math.abs(i.toEpochMilli() - started) < 1000)
                                    .orElse(true));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable or half-written: treated as stale
        }
    }

    /** Ends the keeper, if one runs (after {@code mina db stop}); the caller holds {@code pg.lock}. */
    static void dismiss(Path dataDir) throws IOException {
        running(dataDir).ifPresent(ProcessHandle::destroy);
        Files.deleteIfExists(dataDir.resolve(KEEPER));
    }

    private void watch() {
        log.info(
                "embedded_postgres_keeper=watching pid={} data_dir={}",
                ProcessHandle.current().pid(),
                dataDir);
        preload();
        while (true) {
            Duration wait;
            try {
                wait = step();
            } catch (IOException | RuntimeException e) {
                log.warn("embedded_postgres_keeper_error data_dir={} error={}", dataDir, e.toString());
                wait = POLL;
            }
            if (wait.isNegative()) {
                return;
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Loads what a stop needs now, while the jar this JVM came from is surely the one it was started from. */
    private void preload() {
        postmasterAlive();
        leaseLeft();
        try {
            Class.forName(EmbeddedPostgresServer.class.getName(), true, WarmKeeper.class.getClassLoader());
            Class.forName(ClusterUsers.class.getName(), true, WarmKeeper.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            log.warn("embedded_postgres_keeper_preload_failed error={}", e.toString());
        }
    }

    /**
     * One look: how long to sleep before the next, or a negative duration when the keeper is done. The lease is read
     * again under the exclusive users lock: every process writes it before it lets go of its shared lock, so the keeper
     * never stops a server whose last user has just left.
     */
    private Duration step() throws IOException {
        Duration leaseLeft = leaseLeft();
        if (leaseLeft.isPositive() && isKeeper()) {
            return min(leaseLeft, POLL);
        }
        synchronized (EmbeddedPostgresServer.class) {
            try (FileChannel channel = FileChannel.open(
                            dataDir.resolve("pg.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                if (!isKeeper()) {
                    log.info("embedded_postgres_keeper=replaced data_dir={}", dataDir);
                    return Duration.ofSeconds(-1); // another keeper took over, or db stop dismissed this one
                }
                try (FileChannel users = ClusterUsers.whenUnused(dataDir)) {
                    if (users == null) {
                        Instant lastUse = lastUse();
                        if (!lastUse.equals(toldInUse)) { // once per use: a serve keeps it in use for hours
                            log.info(
                                    "embedded_postgres_keeper=in_use last_use={} data_dir={}",
                                    lastUse.toEpochMilli(),
                                    dataDir);
                            toldInUse = lastUse;
                        }
                        return POLL; // a process (a serve, a running call) still uses it
                    }
                    toldInUse = null;
                    leaseLeft = leaseLeft();
                    if (leaseLeft.isPositive()) {
                        return min(leaseLeft, POLL);
                    }
                    if (EmbeddedPostgresServer.postmaster(dataDir.resolve("pg")).isPresent()) {
                        EmbeddedPostgresServer.stopCluster(binaries, dataDir.resolve("pg"));
                        log.info("embedded_postgres=stopped_idle data_dir={}", dataDir);
                    } else {
                        log.info("embedded_postgres_keeper=no_server data_dir={}", dataDir); // db stop, a crash
                    }
                    Files.deleteIfExists(dataDir.resolve(KEEPER));
                    return Duration.ofSeconds(-1);
                }
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private boolean isKeeper() {
        return running(dataDir)
                .map(p -> p.pid() == ProcessHandle.current().pid())
                .orElse(false);
    }

    private boolean postmasterAlive() {
        return EmbeddedPostgresServer.postmaster(dataDir.resolve("pg")).isPresent();
    }

    /** What is left of the lease: positive while the last use is more recent than the idle time. */
    private Duration leaseLeft() {
        Path lease = dataDir.resolve(LEASE);
        try {
            long idleSeconds = Long.parseLong(Files.readString(lease).strip());
            Instant lastUse = Files.getLastModifiedTime(lease).toInstant();
            return Duration.between(Instant.now(), lastUse.plusSeconds(idleSeconds));
        } catch (IOException | NumberFormatException e) {
            return Duration.ZERO; // no lease (removed, half-written): the server stays only while used
        }
    }

    /** When a process last attached to or left the server (the lease's time), or the epoch without a lease. */
    private Instant lastUse() {
        try {
            return Files.getLastModifiedTime(dataDir.resolve(LEASE)).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    /**
     * The class path a keeper needs: this JVM's, with manifest-only jars (surefire's, some launchers') expanded, so
     * the keeper does not depend on a file its starter may delete.
     */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry).toAbsolutePath();
            entries.add(path.toString());
            if (path.toString().endsWith(".jar") && Files.isRegularFile(path)) {
                entries.addAll(manifestClassPath(path));
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static List<String> manifestClassPath(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath =
                    manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null || classPath.isBlank()) {
                return List.of();
            }
            List<String> entries = new ArrayList<>();
            for (String url : classPath.strip().split("\\s+")) {
                try {
                    entries.add(Path.of(jar.toUri().resolve(url)).toString());
                } catch (IllegalArgumentException e) {
                    // not a file URL: the keeper does without it
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
