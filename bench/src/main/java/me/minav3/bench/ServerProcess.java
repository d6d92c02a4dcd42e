package me.minav3.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One {@code mina serve} in its own JVM ({@code me.minav3.cli.Mina} on this JVM's class path, with this JVM's
 * java), as an operator would run it: its own port, the given environment only, its log in a file. It can be
 * stopped cleanly (SIGTERM: running generations are handed back) or killed ({@code kill -9}).
 */
public final class ServerProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern GAUGE = Pattern.compile("^([a-z_]+)(\\{[^}]*})? ([0-9.eE+-]+|NaN)$");

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private volatile String metricsToken = "";

    private ServerProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts a server and waits until {@code /health} answers.
     *
     * @param jvmOptions e.g. {@code -Xmx512m}
     * @param env        the whole environment of the process (PATH and HOME are added)
     */
    public static ServerProcess start(
            String name, List<String> jvmOptions, Map<String, String> env, Path logDir, Duration startTimeout) {
        try {
            int port = freePort();
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(jvmOptions);
            command.add("--enable-native-access=ALL-UNNAMED");
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add("me.minav3.cli.Mina");
            command.addAll(List.of("serve", "--port", Integer.toString(port), "--drain", "5"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().keySet().retainAll(List.of("PATH", "HOME", "LANG", "TMPDIR", "USER"));
            builder.environment().putAll(env);
            ServerProcess server = new ServerProcess(name, builder.start(), port, log);
            server.awaitHealthy(startTimeout);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log: " + tail());
            }
            try {
                HttpResponse<String> health = HTTP.send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not become healthy within " + timeout + "; log: " + tail());
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** {@code kill -9}: no shutdown hook runs, leases stay in the database until they expire. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    /** SIGSTOP: the process freezes where it is (it keeps its connections but claims nothing) until resumed. */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .inheritIO()
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM: stops taking requests, lets running generations finish briefly, hands the rest back. */
    public void stop() {
        process.destroy();
        if (!waitFor(Duration.ofSeconds(30))) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(10));
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The bearer token {@link #metric} sends: {@code /metrics} answers only an admin (decision 027). {@link Cluster}
     * gives every server it starts one.
     */
    public ServerProcess metricsToken(String adminToken) {
        this.metricsToken = adminToken;
        return this;
    }

    /** The sum of a Prometheus metric's samples whose labels contain {@code labelPart} (e.g. {@code area="heap"}). */
    public double metric(String metric, @Nullable String labelPart) {
        String text = metrics();
        return text == null ? Double.NaN : sum(text, metric, labelPart);
    }

    /** One scrape of {@code /metrics}, or null when the server did not answer it. */
    public @Nullable String metrics() {
        try {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(baseUrl() + "/metrics")).timeout(Duration.ofSeconds(5));
            if (!metricsToken.isEmpty()) {
                request.header("Authorization", "Bearer " + metricsToken);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                // Not a passing failure: the harness would read every metric as 0.
                throw new IllegalStateException(name + ": GET /metrics answered " + response.statusCode()
                        + (metricsToken.isEmpty() ? " (no admin token given: metricsToken)" : ""));
            }
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The sum of a metric's samples in one scrape whose labels contain {@code labelPart} (null: all of them). */
    static double sum(String metrics, String metric, @Nullable String labelPart) {
        double sum = 0;
        for (String line : metrics.split("\n")) {
            Matcher m = GAUGE.matcher(line);
            if (m.matches()
                    && m.group(1).equals(metric)
                    && (labelPart == null || (m.group(2) != null && m.group(2).contains(labelPart)))) {
                sum += Double.parseDouble(m.group(3));
            }
        }
        return sum;
    }

    /** The last lines of the log (for error messages). */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
