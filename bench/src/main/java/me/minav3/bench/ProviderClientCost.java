package me.minav3.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import me.minav3.adapters.providers.http.Backoff;
import me.minav3.adapters.providers.http.HttpCall;
import me.minav3.adapters.providers.http.ProviderHttp;
import me.minav3.adapters.providers.http.Redaction;
import me.minav3.adapters.providers.http.Repeat;
import me.minav3.adapters.providers.http.ReplyJudge;
import me.minav3.adapters.providers.http.Sleeper;
import me.minav3.adapters.providers.http.Timeouts;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.Json;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * The CPU one provider call costs the calling process with thousands in flight (decision 064): {@code --threads}
 * virtual threads call a server in another JVM that answers every POST after {@code --latency-ms}, for
 * {@code --rounds} rounds of {@code --seconds} after one warm-up round; the client JVM's CPU over the calls.
 * Each client runs in a JVM of its own, one after the other:
 *
 * <ul>
 *   <li>{@code jdk}: the JDK's {@code HttpClient} as {@code ProviderHttp} used it before decision 064 (HTTP/1.1, no
 *       redirects), bytes in and out;
 *   <li>{@code apache}: Apache HttpClient 5 classic as {@code ProviderHttp} builds it ({@code newClient}), bytes in
 *       and out;
 *   <li>{@code provider-http}: {@code ProviderHttp.send} itself, the product's path: the JSON written and read, the
 *       call's trace kept.
 * </ul>
 *
 * <pre>bench/run ProviderClientCost [--clients jdk,apache,provider-http] [--threads 2000] [--latency-ms 2000]
 *     [--seconds 10] [--rounds 3]</pre>
 */
public final class ProviderClientCost {

    private static final byte[] REPLY =
            "{\"id\":\"cgt-20261207-1\",\"status\":\"succeeded\",\"data\":[{\"url\":\"https://cdn.example.com/o.png\"}]}"
                    .getBytes(StandardCharsets.UTF_8);

    private ProviderClientCost() {}

    public static void main(String[] argv) throws Exception {
        Args args = Args.of(argv);
        if (args.text("--serve", null) != null) {
            serve(Integer.parseInt(args.text("--serve", null)), args.integer("--latency-ms", 2000));
            return;
        }
        if (args.text("--client", null) != null) {
            measure(args);
            return;
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process server =
                child(List.of("--serve", Integer.toString(port), "--latency-ms", args.text("--latency-ms", "2000")));
        try {
            Thread.sleep(1_000);
            for (String client :
                    args.text("--clients", "jdk,apache,provider-http").split(",")) {
                List<String> options = new ArrayList<>(List.of("--client", client, "--port", Integer.toString(port)));
                for (String name : List.of("--threads", "--seconds", "--rounds")) {
                    if (args.text(name, null) != null) {
                        options.addAll(List.of(name, args.text(name, null)));
                    }
                }
                int exit = child(options).waitFor();
                if (exit != 0) {
                    throw new IllegalStateException(client + " ended with exit code " + exit);
                }
            }
        } finally {
            server.destroy();
        }
    }

    /** This class again in a JVM of its own (the same class path), its output on ours. */
    private static Process child(List<String> options) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                ProviderClientCost.class.getName()));
        command.addAll(options);
        return new ProcessBuilder(command).inheritIO().start();
    }

    private static void serve(int port, int latencyMs) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 8192);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(latencyMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, REPLY.length);
            exchange.getResponseBody().write(REPLY);
            exchange.close();
        });
        server.start();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void measure(Args args) throws Exception {
        String client = args.text("--client", null);
        URI uri = URI.create("http://127.0.0.1:" + args.integer("--port", 0) + "/v1/images/generations");
        Map<String, Object> body = Json.obj(
                "model", "seedream-4-0-250828", "prompt", "a matcha tin on linen, warm light", "size", "2048x2048");
        byte[] bytes = new ObjectMapper().writeValueAsBytes(body);
        Runnable call = switch (client) {
            case "jdk" -> jdk(uri, bytes);
            case "apache" -> apache(uri, bytes);
            case "provider-http" -> providerHttp(uri, body);
            default -> throw new IllegalArgumentException("--client is jdk, apache or provider-http, not " + client);
        };
        AtomicLong calls = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicBoolean counting = new AtomicBoolean();
        for (int i = 0; i < args.integer("--threads", 2000); i++) {
            Thread.ofVirtual().start(() -> {
                while (true) {
                    try {
                        call.run();
                        if (counting.get()) {
                            calls.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        if (counting.get()) {
                            failures.incrementAndGet();
                        }
                    }
                }
            });
        }
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int seconds = args.integer("--seconds", 10);
        int rounds = args.integer("--rounds", 3);
        for (int round = 0; round <= rounds; round++) {
            Thread.sleep(3_000); // the calls in flight from before settle into the next round
            long cpu = os.getProcessCpuTime();
            calls.set(0);
            failures.set(0);
            counting.set(true);
            Thread.sleep(seconds * 1_000L);
            counting.set(false);
            double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6;
            System.out.printf(
                    Locale.ROOT,
                    "%-13s %s: %6d calls (%.0f a second), %.3f ms of CPU per call, %d failed%n",
                    client,
                    round == 0 ? "warm-up" : "round " + round,
                    calls.get(),
                    calls.get() / (double) seconds,
                    cpuMs / Math.max(1, calls.get()),
                    failures.get());
        }
        System.exit(0);
    }

    private static Runnable jdk(URI uri, byte[] body) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return () -> {
            try {
                HttpResponse<byte[]> reply = client.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(30))
                                .header("Accept", "application/json")
                                .header("Authorization", "Bearer sk-bench")
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                check(reply.statusCode(), reply.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static Runnable apache(URI uri, byte[] body) {
        CloseableHttpClient client = ProviderHttp.newClient(Duration.ofSeconds(5));
        return () -> {
            HttpPost post = new HttpPost(uri);
            post.setHeader("Accept", "application/json");
            post.setHeader("Authorization", "Bearer sk-bench");
            post.setEntity(new ByteArrayEntity(body, ContentType.create("application/json")));
            try {
                client.execute(post, reply -> {
                    check(reply.getCode(), EntityUtils.toByteArray(reply.getEntity()));
                    return null;
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static Runnable providerHttp(URI uri, Map<String, Object> body) {
        ProviderHttp http = new ProviderHttp(
                Clock.system(),
                Sleeper.real(),
                Backoff.standard(RandomGenerator.getDefault()),
                new Redaction(List.of()));
        Timeouts timeouts = Timeouts.ofMillis(5_000, 30_000, 60_000, 1);
        return () -> http.send(
                http.start("bench", timeouts),
                HttpCall.post(
                        "images.generate", uri, Map.of("Authorization", "Bearer sk-bench"), body, Repeat.IDEMPOTENT),
                ReplyJudge.BY_STATUS);
    }

    private static void check(int status, byte[] body) {
        if (status != 200 || body.length != REPLY.length) {
            throw new IllegalStateException("HTTP " + status + ", " + body.length + " bytes");
        }
    }
}
