package me.minav3.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import me.minav3.adapters.postgres.TestDatabase;
import me.minav3.bootstrap.CompositionRoot;
import me.minav3.bootstrap.MinaSettings;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.GrantCredits;
import me.minav3.mma.customers.CustomerProfile;

/** The real server on a random port, on a fresh real database, with the local providers; and a small client. */
final class TestServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final CompositionRoot wiring;
    final MinaServer server;
    final String base;
    /** The data directory this server made for itself (deleted on close); null when it was given one to share. */
    private final @org.jspecify.annotations.Nullable Path ownedData;

    /** Response status, headers and JSON body (or raw text). */
    record Reply(int status, Map<String, java.util.List<String>> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst()
                    .map(e -> e.getValue().get(0))
                    .orElse(null);
        }
    }

    TestServer(Map<String, String> extraEnv, String databaseUrl) throws IOException {
        this(extraEnv, databaseUrl, true);
    }

    /** @param workers whether this process runs MMA workers (false: another process on the database does) */
    TestServer(Map<String, String> extraEnv, String databaseUrl, boolean workers) throws IOException {
        this(extraEnv, databaseUrl, workers, StreamRoutes.KEEP_ALIVE);
    }

    /** @param data the data directory (local assets): another process may share it */
    TestServer(Map<String, String> extraEnv, String databaseUrl, boolean workers, Path data) throws IOException {
        this(extraEnv, databaseUrl, workers, data, Clock.system(), StreamRoutes.KEEP_ALIVE, false);
    }

    /**
     * @param streamKeepAlive how long a live stream stays silent before it writes a keep-alive (production: 15 s),
     *     which is when it notices a client that went away
     */
    TestServer(Map<String, String> extraEnv, String databaseUrl, boolean workers, Duration streamKeepAlive)
            throws IOException {
        this(
                extraEnv,
                databaseUrl,
                workers,
                Files.createTempDirectory("mina-http"),
                Clock.system(),
                streamKeepAlive,
                true);
    }

    /** @param clock the server's clock (a {@link ShiftedClock} lets a test move the server's time past a wait) */
    TestServer(Map<String, String> extraEnv, Clock clock) throws IOException {
        this(
                extraEnv,
                TestDatabase.freshDatabaseUrlSetting(),
                true,
                Files.createTempDirectory("mina-http"),
                clock,
                StreamRoutes.KEEP_ALIVE,
                true);
    }

    /** @param ownsData whether {@code data} was made for this server alone, and goes when it closes */
    private TestServer(
            Map<String, String> extraEnv,
            String databaseUrl,
            boolean workers,
            Path data,
            Clock clock,
            Duration streamKeepAlive,
            boolean ownsData)
            throws IOException {
        this.ownedData = ownsData ? data : null;
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("DATABASE_URL", databaseUrl);
        env.putIfAbsent("MINA_ADMIN_EMAILS", "boss@example.com");
        env.putIfAbsent("MINA_AUTH_SECRET", "test-secret-0123456789-0123456789-abcdef");
        env.put("MINA_WORKERS", "8");
        int port = freePort();
        this.wiring = CompositionRoot.start(MinaSettings.from(env, data).withPort(port), clock);
        wiring.live().connect(wiring.database().notifications());
        wiring.balances().connect(wiring.database().balanceNotifications());
        if (workers) {
            wiring.startWorkers();
        }
        this.server = wiring.startServer(port, streamKeepAlive);
        this.base = "http://localhost:" + server.port();
    }

    TestServer(Map<String, String> extraEnv) throws IOException {
        this(extraEnv, TestDatabase.freshDatabaseUrlSetting());
    }

    TestServer() throws IOException {
        this(Map.of());
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    String token(String email) {
        return wiring.localTokens().issue(email, false, Duration.ofHours(1));
    }

    String adminToken(String email) {
        return wiring.localTokens().issue(email, true, Duration.ofHours(1));
    }

    /** Signs in (via /api/me) and grants matcha; returns the caller's pass id. */
    PassId customer(String token, long matcha) {
        PassId passId = PassId.parse(get("/api/me", token).json().get("pass_id").asText());
        if (matcha > 0) {
            wiring.grantCredits()
                    .grant(
                            new GrantCredits.Request(
                                    passId,
                                    Matcha.of(matcha),
                                    CreditReason.GRANT,
                                    "test",
                                    null,
                                    null,
                                    CustomerProfile.NONE),
                            Actor.SYSTEM);
        }
        return passId;
    }

    Reply get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    Reply delete(String path, String token) {
        return send(request(path, token).DELETE().build());
    }

    Reply post(String path, String token, String json) {
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    Reply put(String path, String token, String json) {
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code POST /api/uploads} of a small PNG, multipart as the studio page sends it. */
    Reply uploadPng(String token, String kind) throws Exception {
        var picture = new java.awt.image.BufferedImage(40, 60, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(picture, "png", png);
        String boundary = "----mina" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n" + kind + "\r\n")
                .getBytes());
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.png\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n")
                .getBytes());
        body.write(png.toByteArray());
        body.write(("\r\n--" + boundary + "--\r\n").getBytes());
        return send(request("/api/uploads", token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    }

    HttpClient http() {
        return http;
    }

    /** The id of a still created for {@code token} (queued; it runs if this server has workers). */
    String still(String token, String brief) {
        return post("/api/stills", token, "{\"brief\":\"" + brief + "\"}")
                .json()
                .get("generation_id")
                .asText();
    }

    /** The id of a still created for {@code token} and run to its end. */
    String finishedStill(String token, String brief) {
        String id = still(token, brief);
        awaitFinished(id, token);
        return id;
    }

    /** Polls the generation until it is done or failed. */
    JsonNode awaitFinished(String generationId, String token) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode g = get("/api/generations/" + generationId, token).json();
            if (g.get("status").asText().matches("done|error")) {
                return g;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("generation did not finish: " + generationId);
    }

    @Override
    public void close() {
        try {
            server.close();
            wiring.close();
        } finally {
            if (ownedData != null) {
                deleteTree(ownedData);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException gone) {
            // a file removed meanwhile: what is left is in the system's temporary directory
        }
    }
}
