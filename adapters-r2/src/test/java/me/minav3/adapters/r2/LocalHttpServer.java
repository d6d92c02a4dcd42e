package me.minav3.adapters.r2;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A JDK HTTP server on a loopback address and a free port, recording every request it gets. */
final class LocalHttpServer implements AutoCloseable {

    /** Answers one request. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    /** What a request looked like: its path and Host header. */
    record Hit(String path, String host) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Hit> hits = new CopyOnWriteArrayList<>();

    LocalHttpServer(String address) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 0);
        server.setExecutor(threads);
        server.start();
    }

    LocalHttpServer() throws IOException {
        this("127.0.0.1");
    }

    LocalHttpServer on(String path, Handler handler) {
        server.createContext(path, exchange -> {
            hits.add(new Hit(
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Host")));
            try (exchange) {
                handler.handle(exchange);
            }
        });
        return this;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://<address>:<port><path>}. */
    String url(String path) {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port() + path;
    }

    List<Hit> hits() {
        return List.copyOf(hits);
    }

    static Handler bytes(String contentType, byte[] body) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        };
    }

    static Handler redirect(int status, String location) {
        return exchange -> {
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(status, -1);
        };
    }

    static Handler status(int status) {
        return exchange -> exchange.sendResponseHeaders(status, -1);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
