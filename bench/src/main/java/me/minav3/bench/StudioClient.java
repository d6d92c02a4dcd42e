package me.minav3.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One studio user talking to a server over HTTP on loopback, the way the studio page does. */
public final class StudioClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A response: status and body (JSON when it parses). */
    public record Reply(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }

        public boolean ok() {
            return status / 100 == 2;
        }
    }

    /** One SSE event and when it arrived (wall clock, same machine as the server). */
    public record Event(String name, String data, Instant receivedAt) {}

    private final String baseUrl;
    private final String token;

    public StudioClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** The same user on another server. */
    public StudioClient on(String otherBaseUrl) {
        return new StudioClient(otherBaseUrl, token);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Reply get(String path) {
        return send(request(path).GET());
    }

    public Reply post(String path, Object body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text(body))));
    }

    /** {@code POST /api/stills}; returns the reply (202 with {@code generation_id}, or a problem). */
    public Reply createStill(String brief) {
        return post("/api/stills", java.util.Map.of("brief", brief, "aspect_ratio", "1:1"));
    }

    public Reply tweak(String generationId, String feedback) {
        return post("/api/generations/" + generationId + "/tweak", java.util.Map.of("feedback", feedback));
    }

    public Reply animate(String generationId) {
        return post("/api/generations/" + generationId + "/animate", java.util.Map.of("duration", 5));
    }

    public Reply event(String generationId, String type) {
        return post("/api/generations/" + generationId + "/events", java.util.Map.of("type", type));
    }

    public Reply archive(int limit) {
        return get("/api/archive?limit=" + limit);
    }

    /**
     * Reads the generation's live stream until its {@code done} event (or {@code timeout}); {@code opened} is
     * called once the server answered, before any event is read.
     */
    public List<Event> stream(String generationId, Duration timeout, Runnable opened) throws IOException {
        HttpRequest request = request("/api/generations/" + generationId + "/stream")
                .header("Accept", "text/event-stream")
                .timeout(timeout)
                .GET()
                .build();
        HttpResponse<InputStream> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("stream answered " + response.statusCode());
        }
        opened.run();
        List<Event> events = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String name = "message";
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(name, data.toString(), Instant.now()));
                        if (name.equals("done")) {
                            return events;
                        }
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        }
        return events;
    }

    /** Polls the generation until it is done or failed; returns it, or null at the deadline. */
    public JsonNode awaitFinished(String generationId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Reply reply = get("/api/generations/" + generationId);
            if (reply.status() == 200) {
                JsonNode g = reply.json();
                if (g.path("status").asText().matches("done|error")) {
                    return g;
                }
            }
            ServerProcess.sleep(200);
        }
        return null;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Reply(0, e.toString()); // connection refused or reset: the server is down
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(0, "interrupted");
        }
    }

    private static String text(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
