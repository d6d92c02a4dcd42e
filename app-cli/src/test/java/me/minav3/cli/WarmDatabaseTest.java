package me.minav3.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.jar.JarFile;
import me.minav3.bootstrap.CompositionRoot;
import me.minav3.bootstrap.MinaSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL outlives a CLI call and the next call reuses it (decision 039), checked with real
 * {@code mina} processes: one server for calls that start at once, recovery after kill -9, the idle stop, serve and
 * CLI calls on one data directory, {@code mina db stop}, and {@code DATABASE_URL} untouched.
 */
class WarmDatabaseTest {

    private static final String READY = "database system is ready to accept connections";

    @TempDir
    Path dataDir;

    @TempDir
    Path outputs;

    private final List<Call> calls = new ArrayList<>();

    @AfterEach
    void stopWhatIsLeft() {
        calls.forEach(call -> call.process().destroyForcibly());
        CliRun.of(Map.of("MINA_DATA_DIR", dataDir.toString()), "db", "stop", "--force");
        assertThat(postmaster()).as("no PostgreSQL left running").isEmpty();
    }

    @Test
    void callsStartedAtOnceShareOneServerThatOutlivesThemAndSurvivesKillNine() throws Exception {
        Call first = mina(Map.of(), "reconcile");
        Call second = mina(Map.of(), "reconcile");
        assertSucceeded(first, "clean");
        assertSucceeded(second, "clean");
        assertThat(starts())
                .as("one server for two calls on a fresh data directory")
                .isEqualTo(1);
        long postmaster = postmaster().orElseThrow();
        assertThat(alive(postmaster)).as("the server outlives the calls").isTrue();
        ProcessHandle keeper = keeper().orElseThrow();

        assertSucceeded(mina(Map.of(), "reconcile"), "clean");
        assertThat(starts()).as("the next call reuses the warm server").isEqualTo(1);
        assertThat(keeper().map(ProcessHandle::pid)).contains(keeper.pid());

        keeper.destroyForcibly(); // kill -9: a stale pg.keeper
        keeper.onExit().get(10, TimeUnit.SECONDS);
        assertSucceeded(mina(Map.of(), "reconcile"), "clean");
        assertThat(starts()).isEqualTo(1);
        assertThat(keeper()).as("a stale keeper is replaced").isPresent().get().isNotEqualTo(keeper);

        ProcessHandle server = ProcessHandle.of(postmaster).orElseThrow();
        server.destroyForcibly(); // kill -9: a stale postmaster.pid
        server.onExit().get(10, TimeUnit.SECONDS);
        assertSucceeded(mina(Map.of(), "reconcile"), "clean");
        assertThat(starts())
                .as("a killed server is started again (crash recovery)")
                .isEqualTo(2);

        CliRun stop = CliRun.of(env(Map.of()), "db", "stop");
        assertThat(stop.exitCode()).as(stop.err()).isZero();
        assertThat(stop.out()).contains("stopped the embedded database");
        assertThat(postmaster()).isEmpty();
        eventually(() -> keeper().isEmpty(), "the keeper ends with the server");
        assertThat(CliRun.of(env(Map.of()), "db", "stop").out()).contains("is not running");
    }

    @Test
    void anIdleServerStopsCleanlyButNeverUnderAProcessUsingIt() throws Exception {
        Map<String, String> idle = Map.of("MINA_DB_IDLE_SECONDS", "1");
        // The keeper comes from a real call, as in production; the later, shorter leases are the ones it follows.
        assertSucceeded(mina(Map.of("MINA_DB_IDLE_SECONDS", "120"), "reconcile"), "clean");
        assertThat(keeper()).as("a keeper watches the warm server").isPresent();
        assertSucceeded(mina(idle, "credits", "grant", "pass:user:kept", "7"), "");
        assertSucceeded(mina(idle, "credits", "grant", "pass:user:slow", "50"), "");

        Map<String, String> slowProvider = new HashMap<>(idle);
        slowProvider.put("MINA_LOCAL_LATENCY_MS", "600000");
        Call running = mina(slowProvider, "generate", "--pass-id", "pass:user:slow", "--brief", "a slow still");
        eventually(() -> printed(running).contains(" queued"), "the slow call is under way");
        // Its attach was the last use: the keeper says when it finds the idle time over but that call using it.
        long attached = Files.getLastModifiedTime(dataDir.resolve("pg.lease")).toMillis();
        eventually(
                () -> keeperLog().contains("embedded_postgres_keeper=in_use last_use=" + attached),
                "the keeper finds the idle time over, with a call still running");
        assertThat(postmaster()).as("never stopped under a running call").isPresent();

        try (CompositionRoot ignored = CompositionRoot.start(MinaSettings.from(env(idle), null))) {
            CliRun busy = CliRun.of(env(idle), "db", "stop");
            assertThat(busy.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
            assertThat(busy.err()).contains("in use by another mina process");
            running.process().destroyForcibly(); // kill -9 of a call: its use of the server goes with it
            running.process().onExit().get(30, TimeUnit.SECONDS);
            assertThat(postmaster())
                    .as("still warm: a serve-like process uses it")
                    .isPresent();
        }
        eventually(() -> postmaster().isEmpty() && keeper().isEmpty(), "the idle server stops by itself");
        assertThat(keeperLog()).contains("embedded_postgres=stopped_idle");
        assertThat(Files.readString(dataDir.resolve("pg.log"))).contains("database system is shut down");

        assertSucceeded(mina(Map.of("MINA_DB_IDLE_SECONDS", "0"), "credits", "balance", "pass:user:kept"), "7");
        assertThat(postmaster())
                .as("MINA_DB_IDLE_SECONDS=0: the last process out stops it")
                .isEmpty();
    }

    @Test
    void withDatabaseUrlThereIsNoEmbeddedServerToKeepOrStop() {
        Map<String, String> external = CliRun.freshEnvironment(dataDir);
        assertThat(CliRun.of(external, "reconcile").exitCode()).isZero();
        assertThat(dataDir.resolve("pg")).doesNotExist();
        assertThat(dataDir.resolve("pg.keeper")).doesNotExist();
        CliRun stop = CliRun.of(external, "db", "stop");
        assertThat(stop.exitCode()).isZero();
        assertThat(stop.out()).contains("DATABASE_URL is set");
    }

    private Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("MINA_DATA_DIR", dataDir.toString());
        return env;
    }

    /** A real {@code mina} process on the embedded database of {@link #dataDir}. */
    private Call mina(Map<String, String> extra, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-cp",
                classPath(),
                Mina.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("DATABASE_URL");
        builder.environment().putAll(env(extra));
        Path out = Files.createTempFile(outputs, "mina", ".out");
        Call call = new Call(
                builder.redirectErrorStream(true).redirectOutput(out.toFile()).start(), out);
        calls.add(call);
        return call;
    }

    private record Call(Process process, Path out) {}

    private static void assertSucceeded(Call call, String expected) throws Exception {
        assertThat(call.process().waitFor(90, TimeUnit.SECONDS)).as("finished").isTrue();
        String printed = Files.readString(call.out());
        assertThat(call.process().exitValue()).as(printed).isZero();
        assertThat(printed).contains(expected);
    }

    private static String printed(Call call) {
        try {
            return Files.readString(call.out());
        } catch (IOException e) {
            return "";
        }
    }

    private String keeperLog() {
        try {
            return Files.readString(dataDir.resolve("pg.keeper.log"));
        } catch (IOException e) {
            return "";
        }
    }

    private long starts() throws IOException {
        return Files.readString(dataDir.resolve("pg.log"))
                .lines()
                .filter(l -> l.contains(READY))
                .count();
    }

    private Optional<Long> postmaster() {
        Path pid = dataDir.resolve("pg").resolve("postmaster.pid");
        try {
            long value = Long.parseLong(Files.readAllLines(pid).get(0).strip());
            return alive(value) ? Optional.of(value) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<ProcessHandle> keeper() {
        try {
            long pid = Long.parseLong(
                    Files.readString(dataDir.resolve("pg.keeper")).strip().split(" ")[0]);
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120); // generous: CI machines can be very busy
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    /** This JVM's class path with surefire's manifest-only jar expanded, for the child processes. */
    private static String classPath() throws IOException {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            entries.add(path.toString());
            if (path.toString().endsWith(".jar") && Files.isRegularFile(path)) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    String manifest = jar.getManifest() == null
                            ? null
                            : jar.getManifest().getMainAttributes().getValue("Class-Path");
                    if (manifest != null) {
                        for (String url : manifest.strip().split("\\s+")) {
                            entries.add(Path.of(path.getParent().toUri().resolve(url))
                                    .toString());
                        }
                    }
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
