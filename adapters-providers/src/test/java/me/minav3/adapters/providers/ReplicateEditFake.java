package me.minav3.adapters.providers;

import static me.minav3.mma.common.Json.obj;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import me.minav3.mma.common.Json;

/**
 * A stateful fake of Replicate's predictions API for the edit models (decision 046), for the tests a static stub
 * cannot make. It speaks the documented wire format: {@code POST /v1/models/{owner}/{name}/predictions} for an
 * official model, {@code POST /v1/predictions} with {@code version} for a pinned community model, then
 * {@code GET /v1/predictions/{id}} ({@code starting}, then {@code succeeded} with an output file URL on this
 * server) and {@code POST /v1/predictions/{id}/cancel}. A create starts (and bills) a prediction whether or not its
 * reply arrives; the fake counts them: the bill.
 *
 * <p>Outputs are made to the shape each model documents, not to its quality: eraser and genfill keep the image's
 * size, expand-image draws it on {@code canvas_size} at {@code original_image_location}, BiRefNet makes the pixels
 * like the image's corner transparent, the upscalers multiply the size, recraft-vectorize answers an SVG document.
 * An input that model would refuse (a missing mask or prompt, a mask of another aspect ratio, a scale it does not
 * take, a size that does not match the image) is answered 422 as Replicate answers input validation. Images must be
 * inline data URLs: the fake fetches nothing.
 */
public final class ReplicateEditFake implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Map<String, Map<String, Object>> predictions = new ConcurrentHashMap<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> created = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger repliesToDrop = new AtomicInteger();

    private ReplicateEditFake() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/v1/", this::api);
        server.createContext("/files/", this::file);
        server.start();
    }

    public static ReplicateEditFake start() {
        try {
            return new ReplicateEditFake();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code count} creates start their prediction (billed) but their replies never arrive. */
    public ReplicateEditFake dropRepliesToNextCreates(int count) {
        repliesToDrop.set(count);
        return this;
    }

    /** The models of the predictions created so far, in order: every one of them is paid for. */
    public List<String> billed() {
        synchronized (created) {
            return List.copyOf(created);
        }
    }

    private void api(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            reply(
                    exchange,
                    401,
                    obj("title", "Unauthenticated", "detail", "You did not pass a valid token", "status", 401));
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (method.equals("POST") && path.matches("/v1/models/[^/]+/[^/]+/predictions")) {
            create(exchange, path.substring("/v1/models/".length(), path.length() - "/predictions".length()), false);
        } else if (method.equals("POST") && path.equals("/v1/predictions")) {
            create(exchange, null, true);
        } else if (method.equals("GET") && path.startsWith("/v1/predictions/")) {
            poll(exchange, path.substring("/v1/predictions/".length()));
        } else if (method.equals("POST") && path.matches("/v1/predictions/[^/]+/cancel")) {
            String id = path.substring("/v1/predictions/".length(), path.length() - "/cancel".length());
            Map<String, Object> prediction = predictions.get(id);
            if (prediction == null) {
                reply(exchange, 404, obj("detail", "Not found.", "status", 404));
                return;
            }
            prediction.put("status", "canceled");
            reply(exchange, 200, prediction);
        } else {
            reply(exchange, 404, obj("detail", "Not found.", "status", 404));
        }
    }

    private void create(HttpExchange exchange, String officialModel, boolean byVersion) throws IOException {
        Map<String, Object> body = JSON.readValue(exchange.getRequestBody(), new TypeReference<>() {});
        String model = byVersion ? Json.string(body, "version", "") : officialModel;
        if (byVersion && !model.matches("[\\w.-]+/[\\w.-]+:[0-9a-f]{64}")) {
            reply(exchange, 422, invalid("version: Invalid version or not permitted"));
            return;
        }
        if (!byVersion && model.contains(":")) {
            reply(exchange, 404, obj("detail", "Not found.", "status", 404));
            return;
        }
        Map<String, Object> input = Json.object(body, "input");
        Output output;
        try {
            output = make(model.contains(":") ? model.substring(0, model.indexOf(':')) : model, input);
        } catch (Invalid e) {
            reply(exchange, 422, invalid(e.getMessage()));
            return;
        }
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 26);
        files.put(id + "." + output.extension(), output.bytes());
        Map<String, Object> prediction = obj(
                "id",
                id,
                "model",
                model,
                "version",
                byVersion ? model.substring(model.indexOf(':') + 1) : "hidden",
                "input",
                obj("image", "<given>"),
                "logs",
                "",
                "output",
                null,
                "data_removed",
                false,
                "error",
                null,
                "status",
                "starting",
                "created_at",
                "2026-12-05T21:00:00.000Z",
                "urls",
                obj(
                        "get",
                        baseUrl() + "/v1/predictions/" + id,
                        "cancel",
                        baseUrl() + "/v1/predictions/" + id + "/cancel"));
        prediction.put("_file", baseUrl() + "/files/" + id + "." + output.extension());
        predictions.put(id, prediction);
        created.add(model);
        if (repliesToDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.close(); // started and billed, but the caller never hears of it
            return;
        }
        reply(exchange, 201, visible(prediction));
    }

    private void poll(HttpExchange exchange, String id) throws IOException {
        Map<String, Object> prediction = predictions.get(id);
        if (prediction == null) {
            reply(exchange, 404, obj("detail", "Not found.", "status", 404));
            return;
        }
        if (prediction.get("status").equals("starting")) {
            prediction.put("status", "succeeded");
            Object file = prediction.get("_file");
            // genfill answers a list of files, the others one file (their documented output schemas)
            prediction.put(
                    "output",
                    String.valueOf(prediction.get("model")).startsWith("bria/genfill") ? List.of(file) : file);
        }
        reply(exchange, 200, visible(prediction));
    }

    private void file(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring("/files/".length());
        byte[] bytes = files.get(name);
        if (bytes == null) {
            send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(exchange, 200, name.endsWith(".svg") ? "image/svg+xml" : "image/png", bytes);
    }

    // ------------------------------------------------------------------------------ the models' shapes

    private record Output(byte[] bytes, String extension) {}

    private static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    private static Output make(String model, Map<String, Object> input) throws Invalid {
        BufferedImage image = image(input, "image");
        return switch (model) {
            case "bria/eraser" -> png(masked(image, input));
            case "bria/genfill" -> {
                if (Json.string(input, "prompt", "").isBlank()) {
                    throw new Invalid("input: prompt is required");
                }
                yield png(masked(image, input));
            }
            case "bria/expand-image" -> png(expanded(image, input));
            case "men1scus/birefnet" -> png(cutOut(image));
            case "bria/increase-resolution" -> png(scaled(image, scale(input, "desired_increase")));
            case "nightmareai/real-esrgan" -> png(scaled(image, scale(input, "scale")));
            case "recraft-ai/recraft-vectorize" -> new Output(svg(image), "svg");
            default -> throw new Invalid("model " + model + " is not one this fake plays");
        };
    }

    private static BufferedImage masked(BufferedImage image, Map<String, Object> input) throws Invalid {
        BufferedImage mask = image(input, "mask");
        if ((long) mask.getWidth() * image.getHeight() != (long) mask.getHeight() * image.getWidth()) {
            throw new Invalid("input: mask must have the same aspect ratio as image");
        }
        BufferedImage out = copy(image, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                int m = mask.getRGB(x * mask.getWidth() / out.getWidth(), y * mask.getHeight() / out.getHeight());
                if ((m & 0xff) >= 128) {
                    out.setRGB(x, y, 0xff808080);
                }
            }
        }
        return out;
    }

    private static BufferedImage expanded(BufferedImage image, Map<String, Object> input) throws Invalid {
        List<Integer> canvas = pair(input, "canvas_size");
        List<Integer> size = pair(input, "original_image_size");
        List<Integer> at = pair(input, "original_image_location");
        if (size.get(0) != image.getWidth() || size.get(1) != image.getHeight()) {
            throw new Invalid("input: original_image_size does not match the image");
        }
        if (canvas.get(0) > 5000 || canvas.get(1) > 5000) {
            throw new Invalid("input: canvas_size is at most 5000x5000");
        }
        BufferedImage out = new BufferedImage(canvas.get(0), canvas.get(1), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, at.get(0), at.get(1), null);
        g.dispose();
        return out;
    }

    private static BufferedImage cutOut(BufferedImage image) {
        BufferedImage out = copy(image, BufferedImage.TYPE_INT_ARGB);
        int corner = image.getRGB(0, 0) & 0xffffff;
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                int rgb = out.getRGB(x, y) & 0xffffff;
                if (distance(rgb, corner) < 60) {
                    out.setRGB(x, y, rgb);
                }
            }
        }
        return out;
    }

    private static BufferedImage scaled(BufferedImage image, int scale) {
        BufferedImage out =
                new BufferedImage(image.getWidth() * scale, image.getHeight() * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        return out;
    }

    private static byte[] svg(BufferedImage image) {
        String colour = String.format("#%06x", image.getRGB(image.getWidth() / 2, image.getHeight() / 2) & 0xffffff);
        return ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + image.getWidth() + "\" height=\""
                        + image.getHeight() + "\" viewBox=\"0 0 " + image.getWidth() + " " + image.getHeight()
                        + "\"><path fill=\"" + colour + "\" d=\"M0 0H" + image.getWidth() + "V" + image.getHeight()
                        + "H0Z\"/></svg>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static int scale(Map<String, Object> input, String key) throws Invalid {
        Object scale = input.get(key);
        if (!(scale instanceof Number n) || (n.intValue() != 2 && n.intValue() != 4)) {
            throw new Invalid("input: " + key + " must be one of 2, 4");
        }
        return n.intValue();
    }

    private static List<Integer> pair(Map<String, Object> input, String key) throws Invalid {
        if (!(input.get(key) instanceof List<?> list)
                || list.size() != 2
                || !(list.get(0) instanceof Number)
                || !(list.get(1) instanceof Number)) {
            throw new Invalid("input: " + key + " must be an array of 2 integers");
        }
        return List.of(((Number) list.get(0)).intValue(), ((Number) list.get(1)).intValue());
    }

    private static BufferedImage image(Map<String, Object> input, String key) throws Invalid {
        String value = Json.string(input, key, "");
        String prefix = ";base64,";
        if (!value.startsWith("data:image/") || !value.contains(prefix)) {
            throw new Invalid("input: " + key + " is required (this fake takes data URLs only)");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(value.substring(value.indexOf(prefix) + prefix.length()));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new Invalid("input: " + key + " is not an image");
            }
            return image;
        } catch (IOException | IllegalArgumentException e) {
            throw new Invalid("input: " + key + " could not be read");
        }
    }

    private static BufferedImage copy(BufferedImage image, int type) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), type);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }

    private static int distance(int a, int b) {
        return Math.abs((a >> 16 & 0xff) - (b >> 16 & 0xff))
                + Math.abs((a >> 8 & 0xff) - (b >> 8 & 0xff))
                + Math.abs((a & 0xff) - (b & 0xff));
    }

    private static Output png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Output(out.toByteArray(), "png");
    }

    private static Map<String, Object> invalid(String detail) {
        return obj("title", "Input validation failed", "detail", "- " + detail, "status", 422);
    }

    /** The prediction as Replicate shows it (without the fake's own bookkeeping). */
    private static Map<String, Object> visible(Map<String, Object> prediction) {
        Map<String, Object> shown = Json.mutableCopy(prediction);
        shown.remove("_file");
        return shown;
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
