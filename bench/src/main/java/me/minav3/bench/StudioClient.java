package me.minav3.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

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
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            return events(reader);
        }
    }

    /**
     * {@link #stream}, read over a plain socket on the calling (virtual) thread: the way each browser reads its own
     * stream, with nothing shared between streams. The JDK client serves every stream of the process from one
     * selector thread and hands each read on to another thread before the reader sees it, so a burst of events to
     * hundreds of streams queues in the client and is timed late.
     */
    public List<Event> streamOverSocket(String generationId, Duration timeout, Runnable opened) throws IOException {
        try (Exchange exchange =
                new Exchange("GET /api/generations/" + generationId + "/stream", "text/event-stream", null, timeout)) {
            if (exchange.status != 200) {
                throw new IOException("stream answered " + exchange.status);
            }
            opened.run();
            return events(new BufferedReader(new InputStreamReader(exchange.body, StandardCharsets.UTF_8)));
        }
    }

    /**
     * {@link #createStill} on a connection of its own (opened for it and closed after it), on the calling thread:
     * nothing shared with other requests of the harness, like {@link #streamOverSocket}.
     */
    public Reply createStillOverSocket(String brief) {
        String json = text(java.util.Map.of("brief", brief, "aspect_ratio", "1:1"));
        try (Exchange exchange = new Exchange("POST /api/stills", "application/json", json, Duration.ofSeconds(60))) {
            return new Reply(exchange.status, new String(exchange.body.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Reply(0, e.toString());
        }
    }

    /**
     * One HTTP/1.1 request on a plain socket of its own ({@code Connection: close}), with its status read and its
     * body ready to read (de-chunked as it comes, or read whole when its length is given).
     */
    private final class Exchange implements AutoCloseable {
        private final Socket socket = new Socket();
        final int status;
        final InputStream body;

        Exchange(String requestLine, String accept, @Nullable String json, Duration timeout) throws IOException {
            try {
                URI uri = URI.create(baseUrl);
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
                socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
                socket.setTcpNoDelay(true);
                byte[] content = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
                String head = requestLine + " HTTP/1.1\r\n"
                        + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                        + "Accept: " + accept + "\r\n"
                        + "Authorization: Bearer " + token + "\r\n"
                        + (json == null
                                ? ""
                                : "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n")
                        + "Connection: close\r\n\r\n";
                OutputStream out = socket.getOutputStream();
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(content);
                out.flush();
                InputStream in = new BufferedInputStream(socket.getInputStream());
                String statusLine = asciiLine(in);
                String[] parts = statusLine.split(" ", 3);
                if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                    throw new IOException("not an HTTP response: " + statusLine);
                }
                status = Integer.parseInt(parts[1]);
                boolean chunked = false;
                long length = -1;
                for (String header = asciiLine(in); !header.isEmpty(); header = asciiLine(in)) {
                    String lower = header.toLowerCase(Locale.ROOT);
                    chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
                    if (lower.startsWith("content-length:")) {
                        length = Long.parseLong(
                                lower.substring("content-length:".length()).strip());
                    }
                }
                body = chunked
                        ? new Chunked(in)
                        : length >= 0 ? new ByteArrayInputStream(in.readNBytes(Math.toIntExact(length))) : in;
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The events of an SSE body, up to and with {@code done} (or the body's end), each stamped as it arrived. */
    private static List<Event> events(BufferedReader reader) throws IOException {
        List<Event> events = new ArrayList<>();
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
        return events;
    }

    /** One line of an HTTP head (status, header or chunk size), without its CRLF; empty at the end of input. */
    private static String asciiLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** A chunked HTTP/1.1 body as the bytes it carries; ends at the last chunk (trailers are not read). */
    private static final class Chunked extends InputStream {
        private final InputStream in;
        private long left;
        private boolean first = true;
        private boolean ended;

        Chunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            if (left == 0) {
                String size = asciiLine(in);
                if (!first && size.isEmpty()) {
                    size = asciiLine(in); // the CRLF that closed the previous chunk
                }
                first = false;
                int extension = size.indexOf(';');
                left = size.isEmpty()
                        ? 0
                        : Long.parseLong((extension < 0 ? size : size.substring(0, extension)).strip(), 16);
                if (left == 0) {
                    ended = true;
                    return -1;
                }
            }
            int read = in.read(buffer, offset, (int) Math.min(length, left));
            if (read < 0) {
                ended = true;
                return -1;
            }
            left -= read;
            return read;
        }
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
