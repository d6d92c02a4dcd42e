package me.minav3.adapters.providers.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An SMTP server that speaks RFC 5321 but answers from a script: connection n uses the n-th map of replies by stage
 * ({@code greeting}, {@code MAIL}, {@code RCPT}, {@code DATA} for the end of data), later connections the usual 2xx/3xx
 * replies. What GreenMail cannot do: refuse with a 4xx or 5xx of our choosing, or hold its greeting.
 */
final class ScriptedSmtp implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Map<String, String>> script;
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final CountDownLatch greet;
    private volatile int connections;

    /** @param holdGreeting when true, no connection is greeted until {@link #release()} */
    ScriptedSmtp(List<Map<String, String>> script, boolean holdGreeting) throws IOException {
        this.script = new ArrayList<>(script);
        this.greet = new CountDownLatch(holdGreeting ? 1 : 0);
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static ScriptedSmtp replying(List<Map<String, String>> script) throws IOException {
        return new ScriptedSmtp(script, false);
    }

    int port() {
        return socket.getLocalPort();
    }

    int connections() {
        return connections;
    }

    /** The DATA of every accepted message. */
    List<String> delivered() {
        return List.copyOf(delivered);
    }

    void release() {
        greet.countDown();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                open.add(client);
                int n = connections++;
                Map<String, String> replies = n < script.size() ? script.get(n) : Map.of();
                Thread worker = new Thread(() -> converse(client, replies), "scripted-smtp-" + n);
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void converse(Socket client, Map<String, String> replies) {
        try (client;
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8)) {
            if (!greet.await(30, TimeUnit.SECONDS)) {
                return;
            }
            if (!reply(out, replies.getOrDefault("greeting", "220 scripted ESMTP"))) {
                return;
            }
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() < 4
                        ? line.toUpperCase(Locale.ROOT)
                        : line.substring(0, 4).toUpperCase(Locale.ROOT);
                boolean going = switch (verb) {
                    case "EHLO", "HELO" -> reply(out, "250 scripted");
                    case "MAIL" -> reply(out, replies.getOrDefault("MAIL", "250 2.1.0 OK"));
                    case "RCPT" -> reply(out, replies.getOrDefault("RCPT", "250 2.1.5 OK"));
                    case "DATA" -> data(in, out, replies);
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 bye");
                        yield false;
                    }
                    default -> reply(out, "250 OK");
                };
                if (!going) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    private boolean data(BufferedReader in, Writer out, Map<String, String> replies) throws IOException {
        reply(out, "354 end with <CRLF>.<CRLF>");
        StringBuilder message = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            message.append(line.startsWith("..") ? line.substring(1) : line).append('\n');
        }
        String answer = replies.getOrDefault("DATA", "250 2.0.0 queued");
        if (answer.startsWith("2")) {
            delivered.add(message.toString());
        }
        return reply(out, answer);
    }

    /** Sends one reply; false when the server hangs up after it (a 421). */
    private static boolean reply(Writer out, String reply) throws IOException {
        out.write(reply + "\r\n");
        out.flush();
        return !reply.startsWith("421");
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket client : open) {
            client.close();
        }
    }
}
