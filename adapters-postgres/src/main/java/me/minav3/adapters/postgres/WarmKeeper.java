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
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an embedded server warm between CLI calls and stops it once it has been idle (decision 039). A small detached
 * JVM per data directory, started by the first call that leaves the server running: it sleeps until the lease
 * ({@code pg.lease}: written on every attach and close, its content the idle time in seconds) has run out, then —
 * under {@code pg.lock}, and only when no process holds {@link ClusterUsers} — stops the server cleanly
 * ({@code pg_ctl stop -m fast}: a checkpoint, nothing lost) and exits. {@code pg.keeper} names the keeper (pid and
 * start time); a keeper whose process is gone (kill -9) is stale and the next call starts another.
 */
final class WarmKeeper {

    private static final Logger log = LoggerFactory.getLogger(WarmKeeper.class);
    static final String LEASE = "pg.lease";
    static final String KEEPER = "pg.keeper";
    /** How often the keeper looks again while a process uses the server, or before its lease runs out. */
    private static final Duration POLL = Duration.ofSeconds(2);

    private final Path dataDir;

    private WarmKeeper(Path dataDir) {
        this.dataDir = dataDir;
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: WarmKeeper <data dir>");
        }
        new WarmKeeper(Path.of(args[0])).watch();
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

    /** Starts a keeper for the data directory unless a live one exists; the caller holds {@code pg.lock}. */
    static void ensureRunning(Path dataDir) throws IOException {
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
                dataDir.toAbsolutePath().toString()));
        Process keeper = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
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

    /** One look: how long to sleep before the next, or a negative duration when the keeper is done. */
    private Duration step() throws IOException {
        Duration leaseLeft = leaseLeft();
        if (leaseLeft.compareTo(Duration.ZERO) > 0 && isKeeper() && postmasterAlive()) {
            return min(leaseLeft, Duration.ofSeconds(30));
        }
        try (FileChannel channel = FileChannel.open(
                        dataDir.resolve("pg.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            if (!isKeeper()) {
                return Duration.ofSeconds(-1); // another keeper took over
            }
            if (!postmasterAlive()) {
                Files.deleteIfExists(dataDir.resolve(KEEPER)); // stopped by someone else (db stop, a crash)
                return Duration.ofSeconds(-1);
            }
            if (leaseLeft().compareTo(Duration.ZERO) > 0) {
                return POLL;
            }
            try (FileChannel users = ClusterUsers.whenUnused(dataDir)) {
                if (users == null) {
                    return POLL; // a process (a serve, a long batch) still uses it
                }
                EmbeddedPostgresServer.stopCluster(dataDir.resolve("pg"));
                Files.deleteIfExists(dataDir.resolve(KEEPER));
                log.info("embedded_postgres=stopped_idle data_dir={}", dataDir);
                return Duration.ofSeconds(-1);
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
        return EmbeddedPostgresServer.postmasterPid(dataDir.resolve("pg"))
                .flatMap(ProcessHandle::of)
                .map(ProcessHandle::isAlive)
                .orElse(false);
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
