package me.minav3.http;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Reads a Server-Sent Events stream until its {@code done} event (or a timeout). */
final class SseReader {

    /** One event as it arrived. */
    record Event(String name, String id, String data) {}

    private SseReader() {}

    static CompletableFuture<List<Event>> open(TestServer server, String path, String token, String lastEventId) {
        return open(server, path, token, lastEventId, "text/event-stream");
    }

    /** A stream that never ends by itself (the balance): read until {@code enough} holds for what arrived. */
    static CompletableFuture<List<Event>> until(
            TestServer server, String path, String token, Predicate<List<Event>> enough) {
        return server.http()
                .sendAsync(
                        server.request(path, token)
                                .header("Accept", "text/event-stream")
                                .GET()
                                .timeout(Duration.ofSeconds(90))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new AssertionError("stream answered " + response.statusCode());
                    }
                    return read(response.body(), enough);
                });
    }

    /** As a client sending {@code accept} (null: no Accept header, as some scripts do). */
    static CompletableFuture<List<Event>> open(
            TestServer server, String path, String token, String lastEventId, String accept) {
        HttpRequest.Builder request = server.request(path, token);
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return server.http()
                .sendAsync(request.GET().timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new AssertionError("stream answered " + response.statusCode());
                    }
                    return read(response.body());
                });
    }

    static List<Event> await(CompletableFuture<List<Event>> stream) {
        try {
            return stream.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("stream did not end", e);
        }
    }

    private static List<Event> read(Stream<String> lines) {
        return read(lines, events -> false);
    }

    private static List<Event> read(Stream<String> lines, Predicate<List<Event>> enough) {
        List<Event> events = new ArrayList<>();
        String name = "message";
        String id = null;
        StringBuilder data = new StringBuilder();
        for (String line : (Iterable<String>) lines::iterator) {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    events.add(new Event(name, id, data.toString()));
                    if (name.equals("done") || enough.test(events)) {
                        lines.close();
                        return events;
                    }
                }
                name = "message";
                id = null;
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).strip());
            }
        }
        return events;
    }
}
