package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import me.minav3.mma.common.Foreground;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/**
 * The server tells the pipeline while it serves a request (decision 060): a request counts while its handler runs, an
 * open stream does not (it would hold the pipeline back for as long as a page stays open), and the waits show in
 * {@code /metrics}.
 */
class RequestsFirstHttpTest {

    @Test
    void aRequestCountsWhileItsHandlerRunsAndNotAfter() throws Exception {
        Foreground foreground = new Foreground(Duration.ofMillis(50));
        AtomicInteger seen = new AtomicInteger(-1);
        ServingHandler serving = new ServingHandler(foreground);
        serving.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                seen.set(foreground.serving());
                return true;
            }
        });

        assertThat(serving.handle(null, null, Callback.NOOP)).isTrue();

        assertThat(seen).hasValue(1);
        assertThat(foreground.serving()).isZero();
    }

    @Test
    void aHandlerThatThrowsStillEndsItsCount() {
        Foreground foreground = new Foreground(Duration.ofMillis(50));
        ServingHandler serving = new ServingHandler(foreground);
        serving.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                throw new IllegalStateException("broken handler");
            }
        });

        assertThatThrownBy(() -> serving.handle(null, null, Callback.NOOP)).hasMessage("broken handler");

        assertThat(foreground.serving()).isZero();
    }

    @Test
    void anOpenStreamIsNotARequestBeingServed() throws Exception {
        try (TestServer server = new TestServer()) {
            Foreground foreground = server.wiring.database().foreground();
            String token = server.token("stream-open@example.com");
            server.customer(token, 1);
            CountDownLatch opened = new CountDownLatch(1);
            var stream = SseReader.until(server, "/api/me/balance/stream", token, events -> {
                opened.countDown();
                return false; // stays open until the server stops
            });
            assertThat(opened.await(10, TimeUnit.SECONDS))
                    .as("the stream's first event")
                    .isTrue();

            awaitNothingServed(foreground);
            assertThat(stream).isNotDone();
        }
    }

    @Test
    void thePipelinesWaitsShowInMetrics() throws Exception {
        try (TestServer server = new TestServer()) {
            Foreground foreground = server.wiring.database().foreground();
            String admin = server.adminToken("yield-ops@example.com");
            foreground.enter();
            foreground.awaitTurn(); // the hold-off (200 ms by default) ends it: a statement that waited once
            foreground.exit();
            System.gc(); // a counter read through a collected reference would show nothing from here on

            String metrics = server.get("/metrics", admin).body();

            // at least this wait (the workers' own claims may have met the scrape or the sign-in too)
            assertThat(value(metrics, "mina_pipeline_yielded_total")).isGreaterThanOrEqualTo(1.0);
            assertThat(value(metrics, "mina_pipeline_yielded_seconds_total")).isGreaterThanOrEqualTo(0.05);
            assertThat(value(metrics, "mina_requests_serving"))
                    .as("the scrape itself")
                    .isEqualTo(1.0);
        }
    }

    private static double value(String metrics, String name) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not in /metrics"));
    }

    private static void awaitNothingServed(Foreground foreground) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (foreground.serving() != 0) {
            assertThat(System.nanoTime())
                    .as("no request counted while only a stream is open")
                    .isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
