package me.minav3.http;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The asynchronous requests this server's streams are served over (decision 051). A stream gets a virtual thread of
 * its own and its request's thread goes back to Jetty at once, so a thousand open streams hold no request threads.
 *
 * <p>Jetty recycles an asynchronous request as soon as it is completed or its connection fails, and anything that
 * touches a recycled request fails (decision 023 saw thousands of {@code NullPointerException}s from exactly that).
 * So the rules are:
 *
 * <ul>
 *   <li>Javalin never finishes a stream's request: it is handed a future that never completes, and its after-steps
 *       (result, request log, completion) never run. This class logs the request instead, from values read when it
 *       opened.
 *   <li>Only the stream's thread writes to the response, and it stops writing when a write fails ({@link
 *       SseClient#terminated()}) or Jetty reports the request over ({@link AsyncListener}).
 *   <li>The stream's thread completes the request once, at the end, and only when neither has happened; Jetty's
 *       callbacks and that completion take the same lock, so they cannot overlap.
 *   <li>A stopping server waits for every stream's request to be completed ({@link #awaitNone}) before Jetty stops,
 *       so Jetty never recycles a request a stream thread is still completing.
 * </ul>
 */
final class StreamExchanges {

    private static final Logger log = LoggerFactory.getLogger(StreamExchanges.class);

    /** A builder is not safe to share between threads; its factory is. */
    private static final ThreadFactory STREAM_THREADS =
            Thread.ofVirtual().name("mina-stream-", 0).factory();

    private final RequestLog requestLog;
    private int open; // guarded by this

    StreamExchanges(RequestLog requestLog) {
        this.requestLog = requestLog;
    }

    /**
     * Serves {@code stream} over {@code ctx}'s request, which must have its headers flushed: makes the request
     * asynchronous, starts the stream's thread and returns at once.
     */
    void serve(Context ctx, Consumer<SseClient> stream) {
        SseClient client = new SseClient(ctx);
        String method = ctx.method().name();
        String route = Routes.template(ctx);
        String requestId = ctx.attribute(RequestLog.REQUEST_ID);
        long started = System.nanoTime();
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        AsyncContext async = ctx.req().startAsync();
        async.setTimeout(0); // a stream ends when it is done, its client goes away or the server stops; never by time
        Exchange exchange = new Exchange(async, client);
        async.addListener(exchange);
        ctx.future(CompletableFuture::new); // Javalin waits for it forever and so never touches the request again
        MDC.remove(RequestLog.REQUEST_ID); // this thread serves other requests next; the id goes with the stream
        opened();
        Thread thread = STREAM_THREADS.newThread(() -> {
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            try {
                stream.accept(client);
            } catch (RuntimeException | Error e) {
                log.error("stream_failed error=\"{}\"", e.toString(), e);
            } finally {
                // The line that ended this stream (a generation's last, with its done) woke every stream of that
                // generation at once. Completing a request (Jetty's completion, closing the connection, the request
                // log) is work the next stream's last line would wait behind on these few carriers, so let the
                // streams already woken deliver first and tidy up after them (docs/benchmarks.md, P6).
                Thread.yield();
                exchange.complete();
                requestLog.finished(method, route, 200, System.nanoTime() - started, requestId);
                closed();
                MDC.clear();
            }
        });
        try {
            thread.start();
        } catch (RuntimeException | Error e) { // no thread for it (out of memory): end the request at once
            log.error("stream_not_started error=\"{}\"", e.toString(), e);
            exchange.complete();
            closed();
        }
    }

    /** Waits up to {@code limit} until every stream's request is completed; says whether they all were. */
    synchronized boolean awaitNone(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (open > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Streams whose request is not completed yet. */
    synchronized int open() {
        return open;
    }

    private synchronized void opened() {
        open++;
    }

    private synchronized void closed() {
        open--;
        notifyAll();
    }

    /** One stream's request: completed once, by the stream's thread, unless its client or Jetty ended it first. */
    private static final class Exchange implements AsyncListener {

        private final AsyncContext async;
        private final SseClient client;
        private boolean over; // guarded by this

        Exchange(AsyncContext async, SseClient client) {
            this.async = async;
            this.client = client;
        }

        /** The stream is over: completes the request unless a write failed or Jetty already ended it. */
        synchronized void complete() {
            if (over || client.terminated()) {
                over = true;
                return; // the connection failed: Jetty completes (and recycles) the request itself
            }
            over = true;
            async.complete();
        }

        @Override
        public synchronized void onComplete(AsyncEvent event) {
            over = true;
        }

        /** The connection failed or the server is stopping: the stream must stop writing (it ends at once). */
        @Override
        public void onError(AsyncEvent event) {
            ended();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            ended(); // never armed (timeout 0); handled the same way should a container arm one
        }

        @Override
        public void onStartAsync(AsyncEvent event) {}

        private void ended() {
            synchronized (this) {
                over = true;
            }
            client.close(); // marks the client terminated and runs its onClose: the stream's end(), which only flags
        }
    }
}
