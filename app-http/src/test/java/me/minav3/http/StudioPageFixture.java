package me.minav3.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * What the studio page tests run against: the real server (random port, fresh PostgreSQL, local providers with a
 * little latency so each state can be seen), images on "another site", the browser, and the login log as a mailbox.
 */
final class StudioPageFixture implements AutoCloseable {

    final ImageServer images;
    final TestServer server;
    final Browser browser;
    private final ListAppender<ILoggingEvent> mailbox = new ListAppender<>();

    StudioPageFixture() throws IOException {
        browser = Browser.start(); // first: without Chromium the tests fail at once, saying what to install
        ImageServer site = null;
        try {
            site = new ImageServer();
            server = new TestServer(Map.of("MINA_ALLOW_LOOPBACK_FETCH", "true", "MINA_LOCAL_LATENCY_MS", "400"));
        } catch (IOException | RuntimeException e) {
            if (site != null) {
                site.close();
            }
            browser.close();
            throw e;
        }
        images = site;
        mailbox.start();
        login().addAppender(mailbox);
    }

    private static Logger login() {
        return (Logger) LoggerFactory.getLogger("me.minav3.login");
    }

    /** The newest login code the server "sent" to this address. */
    String loginCode(String email) {
        Pattern pattern = Pattern.compile("email=" + Pattern.quote(email) + " code=([0-9]{6})");
        return browser.until(d -> {
            for (ILoggingEvent event : List.copyOf(mailbox.list).reversed()) {
                Matcher matcher = pattern.matcher(event.getFormattedMessage());
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
            return null;
        });
    }

    @Override
    public void close() throws IOException {
        login().detachAppender(mailbox);
        try {
            browser.close();
        } finally {
            server.close();
            images.close();
        }
    }
}
