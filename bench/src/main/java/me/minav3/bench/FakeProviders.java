package me.minav3.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A local stand-in for the real providers, on one loopback port, speaking their documented wire formats: OpenAI
 * Chat Completions (every GPT task, answering the fields its strict JSON schema requires), BytePlus ModelArk
 * image generation, Kling image-to-video, and the file host their temporary output URLs point at. Every provider
 * call waits {@code latency}; a share {@code failureRate} of calls fails with a mix of timeouts (the call hangs
 * past the client's limit), 429 storms (several calls in a row answer 429 with {@code Retry-After}), 5xx answers
 * and dropped connections. A prompt containing {@link #REFUSED_WORD} is always refused (HTTP 400: no retry helps), so a run
 * always has failures that must be refunded.
 *
 * <p>The adapters reach it through {@code OPENAI_BASE_URL}, {@code ARK_BASE_URL} and {@code KLING_BASE_URL} (see
 * {@link #environment()}); outputs are on loopback, so servers need {@code MINA_ALLOW_LOOPBACK_FETCH=true}.
 */
public final class FakeProviders implements AutoCloseable {

    /** The kinds of injected fault. */
    public enum Fault {
        TIMEOUT,
        RATE_LIMIT_STORM,
        SERVER_ERROR,
        DROPPED_CONNECTION
    }

    public static final String REFUSED_WORD = "refuse-me";
    /** The longest a call is {@link #hold() held}. */
    public static final Duration MAX_HOLD = Duration.ofSeconds(45);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOS_QUERY = "X-Tos-Algorithm=TOS4-HMAC-SHA256&X-Tos-Expires=86400&X-Tos-Signature=fake";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final byte[] still;
    private final byte[] video;
    private volatile Duration latency = Duration.ZERO;
    private volatile @Nullable CountDownLatch held;
    /** {@link System#nanoTime()} of the first call held since {@link #hold()}; 0 before it. */
    private final AtomicLong firstHeld = new AtomicLong();

    private volatile double failureRate;
    private volatile Duration hang = Duration.ofSeconds(30);
    private volatile int stormCalls = 5;
    private final java.util.concurrent.atomic.AtomicInteger stormLeft = new java.util.concurrent.atomic.AtomicInteger();
    private final AtomicLong calls = new AtomicLong();
    private final Map<Fault, AtomicLong> faults = new EnumMap<>(Fault.class);
    private final AtomicLong refusals = new AtomicLong();
    private final AtomicLong faultStarts = new AtomicLong();

    private FakeProviders(byte[] still, byte[] video) throws IOException {
        // The JDK server silently closes a connection that goes idle while 200 others are: not what a provider does.
        System.setProperty("sun.net.httpserver.maxIdleConnections", "100000");
        this.still = still;
        this.video = video;
        for (Fault fault : Fault.values()) {
            faults.put(fault, new AtomicLong());
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", exchange -> handle(exchange, this::chat));
        server.createContext("/api/v3/images/generations", exchange -> handle(exchange, this::image));
        server.createContext("/v1/videos/image2video", exchange -> handle(exchange, this::video));
        server.createContext("/files/", this::file);
        server.start();
    }

    /** Starts on a free loopback port; the outputs are a real PNG and a real MP4 (from the local providers). */
    public static FakeProviders start() throws IOException {
        FakeMedia media = FakeMedia.make();
        return new FakeProviders(media.png(), media.mp4());
    }

    public FakeProviders latency(Duration value) {
        this.latency = value;
        return this;
    }

    /**
     * Holds every call from now on until {@link #release()}: a harness opens what it watches before the first
     * answer. Released, the held calls go on as far apart as they came (the first at once, one that came 30 ms after it
     * 30 ms later), each then waiting its latency as usual; so the schedule is the one the calls would have had,
     * only later, not every held call answered in the same instant. A call is held at most {@link #MAX_HOLD}, below
     * every adapter's request timeout, so a harness that never releases slows its run and fails nothing.
     */
    public FakeProviders hold() {
        firstHeld.set(0);
        held = new CountDownLatch(1);
        return this;
    }

    /** Lets the held calls (and every later one) through. */
    public void release() {
        var gate = held;
        held = null;
        if (gate != null) {
            gate.countDown();
        }
    }

    /** The share of provider calls that fail, 0 to 1. */
    public FakeProviders failureRate(double value) {
        if (value < 0 || value > 1) {
            throw new IllegalArgumentException("failure rate is between 0 and 1");
        }
        this.failureRate = value;
        return this;
    }

    /** How long a "timeout" call hangs (set it above the adapters' request_ms). */
    public FakeProviders hang(Duration value) {
        this.hang = value;
        return this;
    }

    /** How many consecutive calls a 429 storm answers once it starts (they count in the failure rate). */
    public FakeProviders storm(int calls) {
        if (calls < 1) {
            throw new IllegalArgumentException("a storm is at least one call");
        }
        this.stormCalls = calls;
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The variables that point a server's real adapters here (fake keys: nothing checks them). */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OPENAI_API_KEY", "sk-fake-load-test");
        env.put("OPENAI_BASE_URL", baseUrl() + "/v1");
        env.put("ARK_API_KEY", "ark-fake-load-test");
        env.put("ARK_BASE_URL", baseUrl());
        env.put("KLING_ACCESS_KEY", "kling-fake-access");
        env.put("KLING_SECRET_KEY", "kling-fake-secret-0123456789-0123456789-abcdef");
        env.put("KLING_BASE_URL", baseUrl());
        env.put("MINA_ALLOW_LOOPBACK_FETCH", "true");
        return env;
    }

    public long calls() {
        return calls.get();
    }

    public Map<Fault, Long> faults() {
        Map<Fault, Long> counts = new EnumMap<>(Fault.class);
        faults.forEach((fault, count) -> counts.put(fault, count.get()));
        return counts;
    }

    public long refusals() {
        return refusals.get();
    }

    /** One line: calls, injected faults by kind, refusals. */
    public String describe() {
        return "provider calls=" + calls() + " faults=" + faults().toString().toLowerCase(Locale.ROOT) + " refusals="
                + refusals();
    }

    private interface Handler {
        Reply answer(JsonNode request, HttpExchange exchange) throws IOException;
    }

    private record Reply(int status, Object body) {}

    private void handle(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            calls.incrementAndGet();
            JsonNode request = readBody(exchange);
            var gate = held;
            if (gate != null) {
                long arrived = System.nanoTime();
                firstHeld.compareAndSet(0, arrived);
                try {
                    gate.await(MAX_HOLD.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                pause(Duration.ofNanos(Math.max(0, arrived - firstHeld.get())));
            }
            pause(latency);
            Fault fault = fault();
            if (fault != null) {
                faults.get(fault).incrementAndGet();
                switch (fault) {
                    case TIMEOUT -> {
                        pause(hang);
                        send(exchange, 504, error("timeout", "upstream timed out"));
                    }
                    case RATE_LIMIT_STORM -> {
                        exchange.getResponseHeaders().add("Retry-After", "1");
                        send(exchange, 429, error("rate_limit_exceeded", "Rate limit reached for requests"));
                    }
                    case SERVER_ERROR ->
                        send(
                                exchange,
                                List.of(500, 502, 503)
                                        .get(ThreadLocalRandom.current().nextInt(3)),
                                error("server_error", "The server had an error while processing your request"));
                    case DROPPED_CONNECTION -> {
                        // Closing an exchange before any response drops the connection: the client reads nothing.
                    }
                }
                return;
            }
            Reply reply = handler.answer(request, exchange);
            send(exchange, reply.status(), reply.body());
        } catch (RuntimeException e) {
            e.printStackTrace(); // a bug of the fake, not a fault it meant to inject: make it visible
            throw e;
        }
    }

    /**
     * Which fault this call gets, if any. A storm, once started, answers the next {@code stormCalls} calls with
     * 429, whoever makes them. Faults start with the probability that makes the share of failed calls, storm
     * calls included, equal to the failure rate: with the four kinds taking turns, a start fails 1 call for three
     * kinds and {@code S} calls for a storm, so {@code rate = p(3+S)/4 / (1 + p(S-1)/4)}.
     */
    private Fault fault() {
        if (stormLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return Fault.RATE_LIMIT_STORM;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int storm = stormCalls;
        double start = 4 * failureRate / ((3 + storm) - failureRate * (storm - 1));
        if (failureRate == 0 || random.nextDouble() >= start) {
            return null;
        }
        // The kinds take turns, so every kind shows up in any run with a few faults.
        Fault fault = Fault.values()[(int) (faultStarts.getAndIncrement() % Fault.values().length)];
        if (fault == Fault.RATE_LIMIT_STORM) {
            stormLeft.set(storm - 1);
        }
        return fault;
    }

    private Reply chat(JsonNode request, HttpExchange exchange) {
        JsonNode schema = request.path("response_format").path("json_schema");
        String task = schema.path("name").asText("mma_unknown");
        String userText = userText(request);
        Map<String, Object> fields = new LinkedHashMap<>();
        for (JsonNode field : schema.path("schema").path("required")) {
            fields.put(field.asText(), answer(field.asText(), userText));
        }
        String content;
        try {
            content = JSON.writeValueAsString(fields);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new Reply(
                200,
                Map.of(
                        "id",
                        "chatcmpl-"
                                + UUID.randomUUID().toString().replace("-", "").substring(0, 24),
                        "object",
                        "chat.completion",
                        "created",
                        System.currentTimeMillis() / 1000,
                        "model",
                        "gpt-4.1-mini-2025-04-14",
                        "choices",
                        List.of(Map.of(
                                "index",
                                0,
                                "finish_reason",
                                "stop",
                                "message",
                                Map.of("role", "assistant", "content", content))),
                        "usage",
                        Map.of("prompt_tokens", 120, "completion_tokens", 40, "total_tokens", 160, "task", task)));
    }

    private static String answer(String field, String userText) {
        String brief = userText.length() > 160 ? userText.substring(0, 160) : userText;
        return switch (field) {
            case "crt" -> "A matte amber glass bottle with a cork stopper on pale travertine, soft side light";
            case "clean_prompt" -> "Editorial still, 85mm, soft morning light: " + brief;
            case "motion_prompt", "sugg_prompt" -> "Slow push-in, steam rising gently, the product stays sharp";
            case "userMessage" -> "Lovely, working on it.";
            default -> "ok";
        };
    }

    private static String userText(JsonNode request) {
        StringBuilder text = new StringBuilder();
        for (JsonNode message : request.path("messages")) {
            if (!message.path("role").asText().equals("user")) {
                continue;
            }
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                text.append(content.asText()).append(' ');
            }
            for (JsonNode part : content) {
                if (part.path("type").asText().equals("text")) {
                    text.append(part.path("text").asText()).append(' ');
                }
            }
        }
        return text.toString().replaceAll("\\s+", " ").strip();
    }

    private Reply image(JsonNode request, HttpExchange exchange) {
        if (request.path("prompt").asText().contains(REFUSED_WORD)) {
            refusals.incrementAndGet();
            return new Reply(
                    400,
                    Map.of(
                            "error",
                            Map.of(
                                    "code",
                                    "InputTextSensitiveContentDetected",
                                    "message",
                                    "The request failed because the input text may contain sensitive information.")));
        }
        return new Reply(
                200,
                Map.of(
                        "model",
                        "seedream-4-0-250828",
                        "created",
                        System.currentTimeMillis() / 1000,
                        "data",
                        List.of(Map.of(
                                "url",
                                baseUrl() + "/files/" + UUID.randomUUID() + ".png?" + TOS_QUERY,
                                "size",
                                request.path("size").asText("2048x2048"))),
                        "usage",
                        Map.of("generated_images", 1, "output_tokens", 16384, "total_tokens", 16384)));
    }

    private Reply video(JsonNode request, HttpExchange exchange) {
        String taskId = "CjMkWGdXh" + Long.toHexString(calls.get());
        return new Reply(
                200,
                Map.of(
                        "code",
                        0,
                        "message",
                        "SUCCEED",
                        "request_id",
                        UUID.randomUUID().toString(),
                        "data",
                        Map.of(
                                "task_id",
                                taskId,
                                "task_status",
                                "succeed",
                                "created_at",
                                System.currentTimeMillis(),
                                "task_result",
                                Map.of(
                                        "videos",
                                        List.of(Map.of(
                                                "id",
                                                taskId,
                                                "url",
                                                baseUrl() + "/files/" + taskId + ".mp4",
                                                "duration",
                                                "5"))))));
    }

    private void file(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean mp4 = exchange.getRequestURI().getPath().endsWith(".mp4");
            exchange.getResponseHeaders().add("Content-Type", mp4 ? "video/mp4" : "image/png");
            byte[] body = mp4 ? video : still;
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static Map<String, Object> error(String code, String message) {
        return Map.of("error", Map.of("code", code, "message", message, "type", code));
    }

    /**
     * The request as a tree, without the inline images (values of {@code url}, {@code image}, {@code image_tail}):
     * a fake provider never looks at them, and decoding hundreds of kilobytes of base64 per call would charge the
     * machine's CPU to the fake instead of to MINA.
     */
    private static JsonNode readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody();
                JsonParser parser = JSON.getFactory().createParser(in)) {
            return parser.nextToken() == null ? JSON.createObjectNode() : tree(parser, null);
        }
    }

    private static JsonNode tree(JsonParser parser, String field) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            ObjectNode object = JSON.createObjectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                object.set(name, tree(parser, name));
            }
            return object;
        }
        if (token == JsonToken.START_ARRAY) {
            ArrayNode array = JSON.createArrayNode();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                array.add(tree(parser, null));
            }
            return array;
        }
        var nodes = JSON.getNodeFactory();
        return switch (token) {
            // A skipped string is never decoded: the parser jumps over it on the next token.
            case VALUE_STRING ->
                nodes.textNode(field != null && SKIPPED.contains(field) ? "<skipped>" : parser.getText());
            case VALUE_NUMBER_INT -> nodes.numberNode(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> nodes.booleanNode(token == JsonToken.VALUE_TRUE);
            default -> nodes.nullNode();
        };
    }

    private static final java.util.Set<String> SKIPPED = java.util.Set.of("url", "image", "image_tail");

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void pause(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
