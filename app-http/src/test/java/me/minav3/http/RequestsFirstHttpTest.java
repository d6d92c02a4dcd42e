package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import me.minav3.mma.common.Foreground;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/**
 * The server tells the pipeline while it serves a request (decision 060): a request counts while its handler runs, an
 * open stream does not (it would hold the pipeline back for as long as a page stays open), a slow upload holds it for
 * its first hold-off only (decision 061), and the waits show in {@code /metrics}.
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

            awaitServed(foreground, 0, "no request counted while only a stream is open");
            assertThat(stream).isNotDone();
        }
    }

    @Test
    void aSlowUploadHoldsThePipelineForItsFirstHoldOffOnly() throws Exception {
        try (TestServer server = new TestServer(Map.of("MINA_REQUESTS_FIRST_MS", "200"))) {
            Foreground foreground = server.wiring.database().foreground();
            String token = server.token("slow-upload@example.com");
            server.customer(token, 1);
            URI base = URI.create(server.base);
            try (Socket client = new Socket(base.getHost(), base.getPort())) {
                String boundary = "----slow";
                String firstPart =
                        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nproduct\r\n";
                OutputStream out = client.getOutputStream();
                out.write(("POST /api/uploads HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nAuthorization: Bearer "
                                + token + "\r\nContent-Type: multipart/form-data; boundary=" + boundary
                                + "\r\nContent-Length: 100000\r\n\r\n" + firstPart)
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush(); // and then nothing more for a while: a phone on a slow network

                awaitServed(foreground, 1, "the upload reached its handler");
                Thread.sleep(400); // twice the hold-off: the upload is still served, but no longer new
                assertThat(foreground.serving())
                        .as("the upload's handler still reads its body")
                        .isOne();
                AtomicBoolean polling = new AtomicBoolean(true);
                Thread studio = Thread.ofPlatform().start(() -> {
                    while (polling.get()) { // the studio beside it, reading who I am again and again
                        assertThat(server.get("/api/me", token).status()).isEqualTo(200);
                        pause(Duration.ofMillis(50));
                    }
                });
                long started = System.nanoTime();
                for (int statement = 0; statement < 10; statement++) {
                    foreground.awaitTurn(); // a still's next ten statements, each after a poll at most
                }
                Duration waited = Duration.ofNanos(System.nanoTime() - started);
                polling.set(false);
                studio.join();

                assertThat(waited)
                        .as("ten statements that each waited the whole hold-off would have waited two seconds")
                        .isLessThan(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void thePipelinesWaitsShowInMetrics() throws Exception {
        try (TestServer server = new TestServer()) {
            Foreground foreground = server.wiring.database().foreground();
            String admin = server.adminToken("yield-ops@example.com");
            Foreground.Served request = foreground.enter();
            foreground.awaitTurn(); // the hold-off (200 ms by default) ends it: a statement that waited once
            request.end();
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

    private static void pause(Duration time) {
        try {
            Thread.sleep(time);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits (up to 10 s) until {@code expected} requests are counted as served; {@code what} names the wait. */
    private static void awaitServed(Foreground foreground, int expected, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (foreground.serving() != expected) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
