package me.minav3.http;

import io.javalin.http.sse.SseClient;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Server-Sent Events for one stream, written several at a time: events are collected and go out in one write and one
 * flush ({@link #flush()}). The events one wake-up of a stream produces (a line, the status after it, the end) so
 * reach the client together, where Javalin's {@link SseClient#sendEvent} flushes each one, after copying its data
 * through a reader line by line; with a thousand subscribers of a generation that per-event work is what the last
 * ones wait behind (docs/benchmarks.md, P6).
 *
 * <p>Only the stream's own thread uses a writer. A write that fails closes the client ({@link SseClient#close()}
 * marks it terminated and runs its {@code onClose}), as Javalin's own emitter does.
 */
final class SseWriter {

    private final SseClient client;
    private final StringBuilder pending = new StringBuilder(256);

    SseWriter(SseClient client) {
        this.client = client;
    }

    /** Adds an event; it goes out at the next {@link #flush()}. */
    void event(String name, String data, @Nullable String id) {
        encode(pending, name, data, id);
    }

    /** Adds a comment line (a keep-alive); it goes out at the next {@link #flush()}. */
    void comment(String text) {
        comment(pending, text);
    }

    /** A comment line in the text/event-stream format: it keeps the connection busy and dispatches no event. */
    static void comment(StringBuilder out, String text) {
        out.append(": ").append(field(text)).append('\n');
    }

    /**
     * Sends what was added, in one write and one flush. Says whether anything was sent: false when there was nothing,
     * or the client is gone (then what was added is dropped).
     */
    boolean flush() {
        if (pending.isEmpty()) {
            return false;
        }
        if (client.terminated()) {
            pending.setLength(0);
            return false;
        }
        byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
        pending.setLength(0);
        try {
            HttpServletResponse response = client.ctx().res();
            response.getOutputStream().write(bytes);
            response.flushBuffer();
            return true;
        } catch (IOException e) {
            client.close();
            return false;
        }
    }

    /**
     * One event in the text/event-stream format: {@code id}, {@code event}, one {@code data} field per line of
     * {@code data} (a line break inside a field would end it; CR, LF and CRLF all break lines), and the blank line
     * that dispatches it.
     */
    static void encode(StringBuilder out, String name, String rawData, @Nullable String id) {
        String data = rawData.indexOf('\r') < 0
                ? rawData
                : rawData.replace("\r\n", "\n").replace('\r', '\n');
        if (id != null) {
            out.append("id: ").append(field(id)).append('\n');
        }
        out.append("event: ").append(field(name)).append('\n');
        int start = 0;
        while (true) {
            int end = data.indexOf('\n', start);
            out.append("data: ")
                    .append(data, start, end < 0 ? data.length() : end)
                    .append('\n');
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        out.append('\n');
    }

    /** A one-line value: a line break in an id, an event name or a comment would end it early. */
    private static String field(String value) {
        return value.indexOf('\n') < 0 && value.indexOf('\r') < 0
                ? value
                : value.replace('\r', ' ').replace('\n', ' ');
    }
}
