package me.minav3.adapters.providers;

import static me.minav3.mma.common.Json.obj;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import me.minav3.mma.testing.SampleMedia;

/**
 * A stateful fake of Kling's image2video API that behaves as the documentation says the real one does, for the
 * tests that a static stub cannot make: a create starts (and bills) a task whether or not its reply arrives; a task
 * is found by its {@code task_id} or the caller's {@code external_task_id} ({@code GET /v1/videos/image2video/{id}},
 * 404 when neither matches); an {@code external_task_id} names one task only; {@code kling-v2-1} takes an end frame
 * ({@code image_tail}) only in {@code pro} mode (the capability map); a task is {@code submitted}, then
 * {@code processing}, then {@code succeed} once its run time has passed, with its video (a real MP4) on this server.
 * It counts the tasks created: the bill.
 */
public final class KlingFake implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] VIDEO = SampleMedia.mp4(64, 80);

    private final HttpServer server;
    private final Duration runTime;
    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    private final List<String> createdIds = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger repliesToDrop = new AtomicInteger();
    private final AtomicInteger polls = new AtomicInteger();

    private record Task(String id, String externalId, long createdAtMillis) {}

    private KlingFake(Duration runTime) throws IOException {
        this.runTime = runTime;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/v1/videos/image2video", this::image2video);
        server.createContext("/videos/", exchange -> send(exchange, 200, "video/mp4", VIDEO));
        server.start();
    }

    /** A fake whose tasks take {@code runTime} to make their video. */
    public static KlingFake start(Duration runTime) {
        try {
            return new KlingFake(runTime);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code count} creates are accepted (the task exists and is billed) but their replies never arrive. */
    public KlingFake dropRepliesToNextCreates(int count) {
        repliesToDrop.set(count);
        return this;
    }

    /** The ids of the tasks created so far: every one of them is paid for. */
    public List<String> createdTasks() {
        return List.copyOf(createdIds);
    }

    /** How many times a task was read (polls and lookups). */
    public int reads() {
        return polls.get();
    }

    private void image2video(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            reply(exchange, 401, obj("code", 1001, "message", "Authorization is empty"));
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (exchange.getRequestMethod().equals("POST") && path.equals("/v1/videos/image2video")) {
            create(exchange);
        } else if (exchange.getRequestMethod().equals("GET") && path.startsWith("/v1/videos/image2video/")) {
            read(exchange, path.substring("/v1/videos/image2video/".length()));
        } else {
            reply(exchange, 404, obj("code", 1203, "message", "resource not found"));
        }
    }

    private void create(HttpExchange exchange) throws IOException {
        Map<String, Object> body = JSON.readValue(exchange.getRequestBody(), new TypeReference<>() {});
        String model = String.valueOf(body.getOrDefault("model_name", "kling-v1"));
        String mode = String.valueOf(body.getOrDefault("mode", "std"));
        if (!(body.get("image") instanceof String image) || image.isBlank()) {
            reply(exchange, 400, obj("code", 1201, "message", "image is required"));
            return;
        }
        if (body.get("image_tail") != null && model.equals("kling-v2-1") && !mode.equals("pro")) {
            reply(
                    exchange,
                    400,
                    obj("code", 1201, "message", "image_tail is not supported for kling-v2-1 in " + mode + " mode"));
            return;
        }
        String externalId = body.get("external_task_id") instanceof String text ? text : null;
        if (externalId != null && find(externalId).isPresent()) {
            reply(exchange, 400, obj("code", 1201, "message", "external_task_id already exists"));
            return;
        }
        Task task = new Task(UUID.randomUUID().toString().replace("-", ""), externalId, System.currentTimeMillis());
        tasks.put(task.id(), task);
        createdIds.add(task.id());
        if (repliesToDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.close(); // accepted and billed, but the caller never hears of it
            return;
        }
        reply(exchange, 200, envelope(task, "submitted"));
    }

    private void read(HttpExchange exchange, String id) throws IOException {
        polls.incrementAndGet();
        Optional<Task> task = find(id);
        if (task.isEmpty()) {
            reply(exchange, 404, obj("code", 1203, "message", "task not found"));
            return;
        }
        long age = System.currentTimeMillis() - task.get().createdAtMillis();
        reply(exchange, 200, envelope(task.get(), age >= runTime.toMillis() ? "succeed" : "processing"));
    }

    private Optional<Task> find(String id) {
        Task byId = tasks.get(id);
        if (byId != null) {
            return Optional.of(byId);
        }
        return tasks.values().stream()
                .filter(task -> id.equals(task.externalId()))
                .findFirst();
    }

    private Map<String, Object> envelope(Task task, String status) {
        Map<String, Object> data = obj(
                "task_id",
                task.id(),
                "task_status",
                status,
                "task_info",
                obj("external_task_id", task.externalId()),
                "created_at",
                task.createdAtMillis(),
                "updated_at",
                System.currentTimeMillis());
        if (status.equals("succeed")) {
            data.put(
                    "task_result",
                    obj(
                            "videos",
                            List.of(obj(
                                    "id",
                                    task.id() + "-0",
                                    "url",
                                    baseUrl() + "/videos/" + task.id() + ".mp4",
                                    "duration",
                                    "5"))));
        }
        return obj(
                "code", 0, "message", "SUCCEED", "request_id", UUID.randomUUID().toString(), "data", data);
    }

    private static void reply(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
