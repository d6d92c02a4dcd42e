package me.minav3.adapters.providers.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import me.minav3.mma.common.Clock;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.error.ProviderFailure.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transport under every provider adapter (decision 064): what goes on the wire, where a request's time limit
 * ends, which requests cannot be sent at all, and that the client itself never queues calls behind each other.
 */
class ProviderHttpTest {

    private static final ReplyJudge ANY_2XX =
            (status, body) -> status / 100 == 2 ? null : Fault.stop(Kind.CLIENT_ERROR, "HTTP " + status);

    private static WireMockServer server;
    private final ProviderHttp http = new ProviderHttp(
            Clock.system(),
            wait -> {
                throw new AssertionError("no retry expected, was asked to wait " + wait);
            },
            Backoff.standard(RandomGenerator.getDefault()),
            new Redaction(List.of("sk-secret")));

    @BeforeAll
    static void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    @Test
    void sendsTheJsonItIsGivenWithPlainJsonHeadersAndNothingElseOfItsOwn() {
        server.stubFor(post("/v1/things").willReturn(aResponse().withStatus(201).withBody("{\"id\":\"t-1\"}")));

        HttpReply reply = http.send(
                call(1_000),
                HttpCall.post(
                        "things.create",
                        URI.create(server.baseUrl() + "/v1/things"),
                        Map.of("Authorization", "Bearer sk-secret"),
                        obj("prompt", "a matcha tin on linen", "n", 1),
                        Repeat.IDEMPOTENT),
                ANY_2XX);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.body()).containsEntry("id", "t-1");
        LoggedRequest sent = server.findAll(anyRequestedFor(anyUrl())).get(0);
        assertThat(sent.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(sent.getHeader("Accept")).isEqualTo("application/json");
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer sk-secret");
        assertThat(sent.containsHeader("Accept-Encoding"))
                .as("replies are read as sent: no compression asked for")
                .isFalse();
        assertThat(sent.getBodyAsString()).isEqualTo("{\"prompt\":\"a matcha tin on linen\",\"n\":1}");
    }

    /**
     * The request limit covers the whole exchange: a provider that sends its headers at once and then its body a
     * little at a time, never silent for as long as the limit, is cut off at the limit, not when it is done.
     */
    @Test
    void aReplyTrickledOutSlowerThanTheRequestLimitTimesOutAtTheLimit() {
        server.stubFor(get("/v1/slow")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody("{\"status\":\"succeeded\",\"padding\":\"" + "x".repeat(2_000) + "\"}")
                        .withChunkedDribbleDelay(200, 20_000)));
        long started = System.nanoTime();

        ProviderFailure failure = catchThrowableOfType(
                ProviderFailure.class,
                () -> http.send(
                        call(300), HttpCall.get("poll", URI.create(server.baseUrl() + "/v1/slow"), Map.of()), ANY_2XX));

        assertThat(failure).as("a time-out, not the reply 20 s later").isNotNull();
        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(failure.getMessage()).contains("poll timed out after 300 ms");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started))
                .as("cut off at the limit, long before the 20 s the body takes")
                .isLessThan(10);
    }

    @Test
    void aUrlThatCannotBeSentIsAConfigurationFailureAndSendsNothing() {
        for (String url : List.of("ftp://files.example.com/v1/things", "file:///etc/passwd", "mailto:a@b.c")) {
            ProviderFailure failure = catchThrowableOfType(
                    ProviderFailure.class,
                    () -> http.send(call(1_000), HttpCall.get("things.get", URI.create(url), Map.of()), ANY_2XX));

            assertThat(failure.kind()).as(url).isEqualTo(Kind.CONFIGURATION);
            assertThat(failure.getMessage()).as(url).contains("cannot be sent");
        }
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    /**
     * The client has no connection limit of its own (each provider's {@code max_concurrency} is the limit): a server
     * that answers only once 64 requests are waiting at the same time gets them all. A client with a pool of fewer
     * connections would leave the rest queued and every call would fail.
     */
    @Test
    void callsAreNeverQueuedBehindEachOtherByTheClient() throws Exception {
        int calls = 64;
        CountDownLatch allArrived = new CountDownLatch(calls);
        HttpServer gate = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), calls * 2);
        gate.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        gate.createContext("/v1/gate", exchange -> {
            allArrived.countDown();
            boolean together;
            try {
                together = allArrived.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                together = false;
            }
            byte[] body = ("{\"together\":" + together + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(together ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        gate.start();
        URI uri = URI.create("http://127.0.0.1:" + gate.getAddress().getPort() + "/v1/gate");
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpReply>> replies = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                replies.add(
                        callers.submit(() -> http.send(call(30_000), HttpCall.get("gate", uri, Map.of()), ANY_2XX)));
            }
            for (Future<HttpReply> reply : replies) {
                assertThat(reply.get(60, TimeUnit.SECONDS).body()).containsEntry("together", true);
            }
        } finally {
            gate.stop(0);
        }
    }

    /**
     * A connection the server closed while it sat idle in the pool is not used for the next call (a paid create sent
     * on it would end with an unknown outcome): the next call, with a single attempt, goes out on a new connection.
     */
    @Test
    void aConnectionTheServerClosedWhileIdleIsNotReused() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket listener = new ServerSocket(0, 16, InetAddress.getLoopbackAddress())) {
            Thread serving = Thread.ofVirtual().start(() -> {
                while (!listener.isClosed()) {
                    try (Socket socket = listener.accept()) {
                        connections.incrementAndGet();
                        readHead(socket.getInputStream());
                        socket.getOutputStream()
                                .write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                                + "Content-Length: 15\r\n\r\n{\"served\":true}")
                                        .getBytes(StandardCharsets.US_ASCII));
                        socket.getOutputStream().flush();
                        Thread.sleep(100); // then closes it: a server whose keep-alive ran out
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            });
            URI uri = URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/v1/tasks/1");

            assertThat(http.send(call(5_000), HttpCall.get("poll", uri, Map.of()), ANY_2XX)
                            .body())
                    .containsEntry("served", true);
            Thread.sleep(2_500); // idle for longer than a pooled connection goes unchecked
            assertThat(http.send(call(5_000), HttpCall.get("poll", uri, Map.of()), ANY_2XX)
                            .body())
                    .containsEntry("served", true);

            assertThat(connections).hasValue(2);
            listener.close();
            serving.join(Duration.ofSeconds(5));
        }
    }

    /** Reads a request's head (a GET has no body) up to the blank line. */
    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b = in.read(); b >= 0; b = in.read()) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == end.length) {
                return;
            }
        }
    }

    private ProviderCall call(long requestMs) {
        return http.start("test", Timeouts.ofMillis(2_000, requestMs, 60_000, 1));
    }
}
