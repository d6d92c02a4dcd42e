package me.minav3.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * {@link StudioClient#streamOverSocket} against a server written by hand: the request it sends, a chunked body cut
 * inside lines, between two line ends and inside a UTF-8 character, a chunk extension, events after {@code done},
 * and a refusal.
 */
class StudioClientSocketTest {

    @Test
    void readsEveryEventOfAChunkedBodyWhereverTheChunksAreCut() throws Exception {
        String body = "event: message\ndata: {\"seq\":1}\n\n"
                + "data: {\"seq\":2,\"text\":\"caf\u00e9\"}\n\n"
                + "event: done\ndata: {}\n\n"
                + "data: after done\n\n";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder chunked = new StringBuilder();
        int[] cuts = {0, 7, 31, 32, 50, 59, bytes.length}; // 31: between two line ends; 59: inside the é
        for (int i = 0; i + 1 < cuts.length; i++) {
            String part = new String(bytes, cuts[i], cuts[i + 1] - cuts[i], StandardCharsets.ISO_8859_1);
            chunked.append(Integer.toHexString(part.length()))
                    .append(i == 1 ? ";name=value" : "")
                    .append("\r\n")
                    .append(part)
                    .append("\r\n");
        }
        chunked.append("0\r\n\r\n");

        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> request = answerOnce(
                    server,
                    "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + chunked);
            AtomicBoolean opened = new AtomicBoolean();
            List<StudioClient.Event> events = new StudioClient("http://127.0.0.1:" + server.getLocalPort(), "token-1")
                    .streamOverSocket("g-1", Duration.ofSeconds(10), () -> opened.set(true));

            assertThat(opened).isTrue();
            assertThat(events)
                    .extracting(StudioClient.Event::name, StudioClient.Event::data)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("message", "{\"seq\":1}"),
                            org.assertj.core.groups.Tuple.tuple("message", "{\"seq\":2,\"text\":\"caf\u00e9\"}"),
                            org.assertj.core.groups.Tuple.tuple("done", "{}"));
            assertThat(request.get())
                    .startsWith("GET /api/generations/g-1/stream HTTP/1.1\r\n")
                    .contains("Authorization: Bearer token-1\r\n", "Accept: text/event-stream\r\n");
        }
    }

    @Test
    void aRefusedStreamIsAnError() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            answerOnce(server, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
            AtomicBoolean opened = new AtomicBoolean();
            StudioClient client = new StudioClient("http://127.0.0.1:" + server.getLocalPort(), "token-1");

            assertThatThrownBy(() -> client.streamOverSocket("g-1", Duration.ofSeconds(10), () -> opened.set(true)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("404");
            assertThat(opened).isFalse();
        }
    }

    @Test
    void aCreateSendsItsJsonAndReadsABodyBoundedByItsLength() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String answer = "{\"generation_id\":\"g-2\"}";
            CompletableFuture<String> request = answerOnce(
                    server,
                    "HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: " + answer.length()
                            + "\r\n\r\n" + answer + "trailing bytes that are not the body");

            StudioClient.Reply reply = new StudioClient("http://127.0.0.1:" + server.getLocalPort(), "token-2")
                    .createStillOverSocket("a brief");

            assertThat(reply.status()).isEqualTo(202);
            assertThat(reply.body()).isEqualTo(answer);
            assertThat(request.get())
                    .startsWith("POST /api/stills HTTP/1.1\r\n")
                    .contains("Authorization: Bearer token-2\r\n", "Content-Type: application/json\r\n")
                    .containsPattern("Content-Length: [0-9]+\r\n");
        }
    }

    @Test
    void aCreateWithNoAnswerIsStatusZero() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        StudioClient.Reply reply = new StudioClient("http://127.0.0.1:" + port, "token-3").createStillOverSocket("b");

        assertThat(reply.status()).isZero();
    }

    /** Accepts one connection, reads its request head, writes {@code response} and closes; completes with the head. */
    private static CompletableFuture<String> answerOnce(ServerSocket server, String response) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket socket = server.accept()) {
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                StringBuilder head = new StringBuilder();
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    head.append(line).append("\r\n");
                }
                OutputStream out = socket.getOutputStream();
                out.write(response.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return head.toString();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
