package me.minav3.adapters.r2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import me.minav3.mma.assets.MediaFetcher;
import me.minav3.mma.assets.MediaFetcher.Fetched;
import me.minav3.mma.assets.MediaFetcher.NotFetched;
import me.minav3.mma.assets.MediaFetcher.Problem;
import me.minav3.mma.testing.SampleMedia;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeHttpMediaFetcherTest {

    private static final MediaFetcher.Limits LIMITS = new MediaFetcher.Limits(1024 * 1024, 3, Duration.ofSeconds(10));
    private static final byte[] PNG = SampleMedia.png(16, 16);

    private LocalHttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new LocalHttpServer().on("/cat.png", LocalHttpServer.bytes("image/png", PNG));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://10.0.0.1/a.png",
                "http://172.16.5.4/a.png",
                "http://192.168.1.1/a.png",
                "http://100.64.1.1/a.png",
                "http://169.254.169.254/latest/meta-data/",
                "http://0.0.0.0/a.png",
                "http://224.0.0.1/a.png",
                "http://255.255.255.255/a.png",
                "http://[::1]/a.png",
                "http://[::]/a.png",
                "http://[fd00::1]/a.png",
                "http://[fe80::1]/a.png",
                "http://[ff02::1]/a.png",
                "http://[::ffff:127.0.0.1]/a.png",
                "http://[::ffff:169.254.169.254]/a.png",
                "http://[::ffff:a00:1]/a.png",
                "http://[::127.0.0.1]/a.png",
                "http://[64:ff9b::a9fe:a9fe]/a.png",
                "http://[2002:7f00:1::]/a.png",
                "https://10.1.2.3/a.png",
                "http://2130706433/a.png"
            })
    void refusesEachNonPublicRangeBeforeConnecting(String url) throws IOException {
        try (SafeHttpMediaFetcher fetcher = fetcher(AddressPolicy.publicOnly(false), Map.of())) {
            assertThat(fetcher.fetch(URI.create(url), LIMITS))
                    .as(url)
                    .isInstanceOfSatisfying(
                            NotFetched.class,
                            refused -> assertThat(refused.problem()).isEqualTo(Problem.NOT_PUBLIC_ADDRESS));
        }
    }

    @Test
    void refusesTheLocalServerUnlessLoopbackIsAllowed() throws IOException {
        String byName = "http://localhost:" + server.port() + "/cat.png";
        try (SafeHttpMediaFetcher fetcher = fetcher(AddressPolicy.publicOnly(false), Map.of())) {
            assertThat(problemOf(fetcher.fetch(URI.create(server.url("/cat.png")), LIMITS)))
                    .isEqualTo(Problem.NOT_PUBLIC_ADDRESS);
            assertThat(problemOf(fetcher.fetch(URI.create(byName), LIMITS))).isEqualTo(Problem.NOT_PUBLIC_ADDRESS);
        }
        assertThat(server.hits()).isEmpty();
    }

    @Test
    void fetchesFromALocalServerWhenLoopbackIsExplicitlyAllowed() throws IOException {
        MediaFetcher fetcher = AssetStores.fetcher(new FetcherSettings(true, Duration.ofSeconds(2), null));

        assertThat(fetcher.fetch(URI.create(server.url("/cat.png")), LIMITS))
                .isInstanceOfSatisfying(Fetched.class, fetched -> {
                    assertThat(fetched.bytes()).isEqualTo(PNG);
                    assertThat(fetched.finalUrl()).isEqualTo(URI.create(server.url("/cat.png")));
                });
        ((SafeHttpMediaFetcher) fetcher).close();
    }

    @Test
    void refusesARedirectToLoopback() throws IOException {
        try (LocalHttpServer internal =
                        new LocalHttpServer("127.0.0.1").on("/", LocalHttpServer.bytes("image/png", PNG));
                LocalHttpServer outside = new LocalHttpServer("127.0.0.2")
                        .on("/a.png", LocalHttpServer.redirect(302, internal.url("/secret.png")));
                SafeHttpMediaFetcher fetcher = fetcher(
                        AddressPolicy.publicOnly(false).allowing(InetAddress.getByName("127.0.0.2")), Map.of())) {

            assertThat(problemOf(fetcher.fetch(URI.create(outside.url("/a.png")), LIMITS)))
                    .isEqualTo(Problem.NOT_PUBLIC_ADDRESS);
            assertThat(outside.hits()).hasSize(1);
            assertThat(internal.hits()).isEmpty();
        }
    }

    @Test
    void refusesARedirectToTheMetadataAddressOrAnotherScheme() throws IOException {
        server.on("/to-metadata", LocalHttpServer.redirect(301, "http://169.254.169.254/latest/meta-data/iam"))
                .on("/to-file", LocalHttpServer.redirect(302, "file:///etc/passwd"));
        try (SafeHttpMediaFetcher fetcher = fetcher(AddressPolicy.publicOnly(true), Map.of())) {
            assertThat(problemOf(fetcher.fetch(URI.create(server.url("/to-metadata")), LIMITS)))
                    .isEqualTo(Problem.NOT_PUBLIC_ADDRESS);
            assertThat(problemOf(fetcher.fetch(URI.create(server.url("/to-file")), LIMITS)))
                    .isEqualTo(Problem.UNSUPPORTED_URL);
        }
    }

    @Test
    void followsAtMostTheAllowedNumberOfRedirects() throws IOException {
        for (int i = 1; i <= 4; i++) {
            server.on("/hop" + i, LocalHttpServer.redirect(307, i == 1 ? "/cat.png" : "/hop" + (i - 1)));
        }
        try (SafeHttpMediaFetcher fetcher = fetcher(AddressPolicy.publicOnly(true), Map.of())) {
            assertThat(fetcher.fetch(URI.create(server.url("/hop3")), LIMITS))
                    .isInstanceOfSatisfying(
                            Fetched.class,
                            fetched -> assertThat(fetched.finalUrl().getPath()).isEqualTo("/cat.png"));
            assertThat(problemOf(fetcher.fetch(URI.create(server.url("/hop4")), LIMITS)))
                    .isEqualTo(Problem.TOO_MANY_REDIRECTS);
        }
    }

    @Test
    void connectsToTheAddressItCheckedAndResolvesOnlyOnce() throws IOException {
        AtomicInteger lookups = new AtomicInteger();
        VettingDnsResolver.Lookup rebinding = host -> lookups.incrementAndGet() == 1
                ? new InetAddress[] {InetAddress.getByName("127.0.0.1")}
                : new InetAddress[] {InetAddress.getByName("10.0.0.1")};
        String url = "http://images.example:" + server.port() + "/cat.png";
        try (SafeHttpMediaFetcher fetcher = new SafeHttpMediaFetcher(
                settings(), new VettingDnsResolver(AddressPolicy.publicOnly(true), guarded(rebinding)))) {

            assertThat(fetcher.fetch(URI.create(url), LIMITS)).isInstanceOf(Fetched.class);
        }
        assertThat(lookups).hasValue(1);
        assertThat(server.hits())
                .singleElement()
                .isEqualTo(new LocalHttpServer.Hit("/cat.png", "images.example:" + server.port()));
    }

    @Test
    void refusesAHostIfAnyOfItsAddressesIsNotPublic() throws IOException {
        Map<String, String[]> dns = Map.of("mixed.example", new String[] {"127.0.0.1", "10.0.0.1"});
        try (SafeHttpMediaFetcher fetcher = fetcher(AddressPolicy.publicOnly(true), dns)) {
            assertThat(problemOf(
                            fetcher.fetch(URI.create("http://mixed.example:" + server.port() + "/cat.png"), LIMITS)))
                    .isEqualTo(Problem.NOT_PUBLIC_ADDRESS);
        }
        assertThat(server.hits()).isEmpty();
    }

    @Test
    void stopsReadingABodyAsSoonAsItPassesTheSizeLimit() throws Exception {
        AtomicLong sent = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        server.on("/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                while (sent.get() < 256L * 1024 * 1024) {
                    out.write(chunk);
                    sent.addAndGet(chunk.length);
                }
            } catch (IOException clientHungUp) {
                // expected: the fetcher drops the connection
            } finally {
                done.countDown();
            }
        });
        try (SafeHttpMediaFetcher fetcher = fetcher(AddressPolicy.publicOnly(true), Map.of())) {
            assertThat(problemOf(fetcher.fetch(URI.create(server.url("/endless")), LIMITS)))
                    .isEqualTo(Problem.TOO_LARGE);
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sent.get()).isLessThan(64L * 1024 * 1024);
    }

    @ParameterizedTest(name = "length announced: {0}")
    @ValueSource(booleans = {true, false})
    void fetchesABodyOfExactlyTheLimitAndRefusesOneByteMore(boolean announced) throws IOException {
        byte[] atLimit = new byte[(int) LIMITS.maxBytes()];
        new java.util.Random(7).nextBytes(atLimit);
        byte[] overLimit = java.util.Arrays.copyOf(atLimit, atLimit.length + 1);
        for (String path : new String[] {"/at-limit", "/over-limit"}) {
            byte[] body = path.equals("/at-limit") ? atLimit : overLimit;
            server.on(path, exchange -> {
                exchange.sendResponseHeaders(200, announced ? body.length : 0); // 0: chunked, no length
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                } catch (IOException clientHungUp) {
                    // the fetcher drops the connection past the limit
                }
            });
        }
        try (SafeHttpMediaFetcher fetcher = fetcher(AddressPolicy.publicOnly(true), Map.of())) {
            assertThat(fetcher.fetch(URI.create(server.url("/at-limit")), LIMITS))
                    .isInstanceOfSatisfying(
                            Fetched.class,
                            fetched -> assertThat(fetched.bytes()).isEqualTo(atLimit));
            assertThat(problemOf(fetcher.fetch(URI.create(server.url("/over-limit")), LIMITS)))
                    .isEqualTo(Problem.TOO_LARGE);
        }
    }

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutReadingIt() throws IOException {
        server.on("/huge", exchange -> {
            exchange.sendResponseHeaders(200, 50L * 1024 * 1024);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write(new byte[1024]);
                    out.flush();
                    Thread.sleep(20);
                }
            } catch (InterruptedException | IOException stopped) {
                // the fetcher hung up after reading the headers
            }
        });
        try (SafeHttpMediaFetcher fetcher = fetcher(AddressPolicy.publicOnly(true), Map.of())) {
            assertThat(fetcher.fetch(URI.create(server.url("/huge")), LIMITS))
                    .isInstanceOfSatisfying(
                            NotFetched.class,
                            refused -> assertThat(refused.detail()).startsWith("declared"));
        }
    }

    @Test
    void givesUpOnASlowServerAtTheTimeLimit() throws IOException {
        server.on("/slow", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write(1);
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (InterruptedException | IOException stopped) {
                // the fetcher hung up, or the server is closing
            }
        });
        MediaFetcher.Limits quick = new MediaFetcher.Limits(1024 * 1024, 3, Duration.ofMillis(500));
        try (SafeHttpMediaFetcher fetcher = fetcher(AddressPolicy.publicOnly(true), Map.of())) {
            assertThat(problemOf(fetcher.fetch(URI.create(server.url("/slow")), quick)))
                    .isEqualTo(Problem.TIMEOUT);
        }
    }

    @Test
    void reportsHttpErrorsWithTheirStatus() throws IOException {
        server.on("/gone", LocalHttpServer.status(404)).on("/denied", LocalHttpServer.status(403));
        try (SafeHttpMediaFetcher fetcher = fetcher(AddressPolicy.publicOnly(true), Map.of())) {
            assertThat(fetcher.fetch(URI.create(server.url("/gone")), LIMITS))
                    .isEqualTo(new NotFetched(Problem.HTTP_ERROR, "status 404", 404));
            assertThat(fetcher.fetch(URI.create(server.url("/denied")), LIMITS))
                    .isInstanceOfSatisfying(
                            NotFetched.class,
                            refused -> assertThat(refused.httpStatus()).isEqualTo(403));
        }
    }

    @Test
    void refusesOtherSchemesUserInfoAndUnknownHosts() throws IOException {
        try (SafeHttpMediaFetcher fetcher = fetcher(AddressPolicy.publicOnly(true), Map.of())) {
            assertThat(problemOf(fetcher.fetch(URI.create("ftp://example.com/a.png"), LIMITS)))
                    .isEqualTo(Problem.UNSUPPORTED_URL);
            assertThat(problemOf(fetcher.fetch(URI.create("file:///etc/passwd"), LIMITS)))
                    .isEqualTo(Problem.UNSUPPORTED_URL);
            assertThat(problemOf(fetcher.fetch(URI.create("http://user:pw@images.example/a.png"), LIMITS)))
                    .isEqualTo(Problem.UNSUPPORTED_URL);
            assertThat(problemOf(fetcher.fetch(URI.create("http://nowhere.example/a.png"), LIMITS)))
                    .isEqualTo(Problem.UNKNOWN_HOST);
        }
    }

    private static Problem problemOf(MediaFetcher.Result result) {
        assertThat(result).isInstanceOf(NotFetched.class);
        return ((NotFetched) result).problem();
    }

    private static FetcherSettings settings() {
        return new FetcherSettings(false, Duration.ofSeconds(2), "test-fetcher");
    }

    /** A fetcher whose DNS is the given table plus IP literals and localhost; other names do not exist. */
    @Test
    void aKeptAliveConnectionTheServerClosedIsRetried() throws Exception {
        // Answers each connection once, as if keeping it alive, then closes it: the next download finds a stale
        // pooled connection, as with a CDN or server that drops idle keep-alive connections when busy.
        try (var socket = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try (var client = socket.accept()) {
                        connections.incrementAndGet();
                        var in = new java.io.BufferedReader(new java.io.InputStreamReader(client.getInputStream()));
                        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                            // read the request head
                        }
                        OutputStream out = client.getOutputStream();
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: " + PNG.length
                                        + "\r\n\r\n")
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        out.write(PNG);
                        out.flush();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            URI url = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/out.png");
            try (SafeHttpMediaFetcher fetcher = fetcher(AddressPolicy.publicOnly(true), Map.of())) {
                for (int i = 0; i < 3; i++) {
                    assertThat(fetcher.fetch(url, LIMITS)).as("download %d", i).isInstanceOf(Fetched.class);
                    Thread.sleep(50); // the server has closed the connection the client keeps in its pool
                }
            }
            assertThat(connections).hasValue(3);
        }
    }

    private static SafeHttpMediaFetcher fetcher(AddressPolicy policy, Map<String, String[]> dns) {
        VettingDnsResolver.Lookup lookup = host -> {
            if (dns.containsKey(host)) {
                InetAddress[] addresses = new InetAddress[dns.get(host).length];
                for (int i = 0; i < addresses.length; i++) {
                    addresses[i] = InetAddress.getByName(dns.get(host)[i]);
                }
                return addresses;
            }
            if (host.equals("localhost") || host.matches("[0-9.]+") || host.contains(":")) {
                return InetAddress.getAllByName(host);
            }
            throw new UnknownHostException(host);
        };
        return new SafeHttpMediaFetcher(settings(), new VettingDnsResolver(policy, guarded(lookup)));
    }

    /**
     * Tests must never send a packet off this machine: if the policy under test ever let a non-loopback address
     * through, this lookup hides the host instead (the test then fails on UNKNOWN_HOST, with no connection made).
     */
    private static VettingDnsResolver.Lookup guarded(VettingDnsResolver.Lookup lookup) {
        AddressPolicy reference = AddressPolicy.publicOnly(false);
        return host -> {
            InetAddress[] addresses = lookup.resolve(host);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress() && reference.refusal(address).isEmpty()) {
                    throw new UnknownHostException("test guard: " + host + " would reach " + address);
                }
            }
            return addresses;
        };
    }
}
