package me.minav3.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;

/**
 * Images somewhere else on the web, for "paste an image link": a local JDK server on 127.0.0.1 (the studio server
 * may fetch from loopback only with MINA_ALLOW_LOOPBACK_FETCH). {@code ?delay=ms} answers late, like a slow site.
 */
final class ImageServer implements AutoCloseable {

    private final HttpServer http;
    final byte[] product = png(ImageServer::drawProduct);
    final byte[] mood = png(ImageServer::drawMood);

    ImageServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/product.png", exchange -> send(exchange, product));
        http.createContext("/mood.png", exchange -> send(exchange, mood));
        http.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    /** The product picture as a file, for the file chooser. */
    Path productFile() throws IOException {
        Path file = Files.createTempFile("mina-product", ".png");
        Files.write(file, product);
        file.toFile().deleteOnExit();
        return file;
    }

    private static void send(HttpExchange exchange, byte[] body) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        if (query != null && query.startsWith("delay=")) {
            try {
                Thread.sleep(Long.parseLong(query.substring(6)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exchange.getResponseHeaders().set("Content-Type", "image/png");
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException e) {
            // the fetcher gave up waiting: nothing to do
        }
    }

    private static byte[] png(java.util.function.Consumer<Graphics2D> painter) {
        BufferedImage image = new BufferedImage(600, 750, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        painter.accept(g);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A matcha tin on linen. */
    private static void drawProduct(Graphics2D g) {
        g.setPaint(new GradientPaint(0, 0, new Color(0xEFE8DA), 0, 750, new Color(0xD9CDB6)));
        g.fillRect(0, 0, 600, 750);
        g.setColor(new Color(0, 0, 0, 40));
        g.fill(new Ellipse2D.Double(170, 585, 280, 50));
        g.setPaint(new GradientPaint(180, 0, new Color(0x5E7F43), 420, 0, new Color(0x3E5A2A)));
        g.fill(new RoundRectangle2D.Double(180, 230, 240, 380, 24, 24));
        g.setColor(new Color(0xC9B98F));
        g.fill(new RoundRectangle2D.Double(172, 200, 256, 60, 18, 18));
        g.setColor(new Color(0xF3EEE2));
        g.fillRect(180, 380, 240, 70);
    }

    /** A warm, soft-light mood picture. */
    private static void drawMood(Graphics2D g) {
        g.setPaint(new GradientPaint(0, 0, new Color(0xF4D9B8), 600, 750, new Color(0xB9845A)));
        g.fillRect(0, 0, 600, 750);
        g.setColor(new Color(255, 244, 220, 120));
        g.fill(new Ellipse2D.Double(-120, -80, 520, 520));
        g.setColor(new Color(90, 60, 40, 70));
        g.fill(new Ellipse2D.Double(260, 420, 420, 420));
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
