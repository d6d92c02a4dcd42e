package me.minav3.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.sse.SseClient;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Opens a Server-Sent Events stream for every client whose {@code Accept} admits {@code text/event-stream}: the
 * header absent, {@code *}{@code /*}, {@code text/*} or naming it. Javalin's own SSE handler streams only when the
 * header names it and otherwise answers an empty 200, which is what {@code curl -N} saw. Anything else is a 406
 * problem, because this route has no other representation.
 *
 * <p>The stream is served on a virtual thread of its own over an asynchronous request ({@link StreamExchanges},
 * decision 051); the request's thread goes back to Jetty at once. Only the stream's thread reads the database or
 * writes to the client, and nothing interrupts it (decision 023).
 */
final class EventStreamHandler implements Handler {

    private static final String EVENT_STREAM = "text/event-stream";

    private final Consumer<SseClient> clients;
    private final StreamExchanges exchanges;

    EventStreamHandler(Consumer<SseClient> clients, StreamExchanges exchanges) {
        this.clients = clients;
        this.exchanges = exchanges;
    }

    @Override
    public void handle(Context ctx) throws Exception {
        if (!acceptsEventStream(ctx.header("Accept"))) {
            throw new HttpProblem(406, "Not acceptable", "this route answers only " + EVENT_STREAM);
        }
        HttpServletResponse response = ctx.res();
        response.setStatus(200);
        response.setCharacterEncoding("UTF-8");
        response.setContentType(EVENT_STREAM);
        response.addHeader("Connection", "close");
        response.setHeader("Cache-Control", "no-cache");
        response.addHeader("X-Accel-Buffering", "no");
        response.flushBuffer();
        exchanges.serve(ctx, clients);
    }

    static boolean acceptsEventStream(@Nullable String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            if ((type.equals(EVENT_STREAM) || type.equals("text/*") || type.equals("*/*")) && !refused(parts)) {
                return true;
            }
        }
        return false;
    }

    /** {@code q=0} means "not this one" (RFC 9110 §12.4.2). */
    private static boolean refused(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].strip().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2)) <= 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }
}
