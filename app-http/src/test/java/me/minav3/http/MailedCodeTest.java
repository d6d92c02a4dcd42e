package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 16: with {@code SMTP_URL} set, the login code arrives by email (GreenMail, a real SMTP server in-process) and
 * never in this process's log; a new user signs in from the page with the code from the mail.
 */
class MailedCodeTest {

    private static final String SMTP_PASSWORD = "smtp-secret-9f8e7d";
    private static GreenMail smtp;
    private static TestServer server;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeAll
    static void start() throws Exception {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.withConfiguration(GreenMailConfiguration.aConfig().withUser("mina-mailer", SMTP_PASSWORD));
        smtp.start();
        server = new TestServer(Map.of(
                "SMTP_URL",
                "smtp://mina-mailer:" + SMTP_PASSWORD + "@127.0.0.1:"
                        + smtp.getSmtp().getPort(),
                "MAIL_FROM",
                "Mina <login@mina.example>"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        smtp.stop();
    }

    @BeforeEach
    void captureLogs() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        logs.start();
        root().addAppender(logs);
    }

    @AfterEach
    void noCodeAndNoSmtpPasswordInTheLog() {
        root().detachAppender(logs);
        List<String> lines = List.copyOf(logs.list).stream()
                .filter(event -> !event.getLoggerName().startsWith("com.icegreen")) // the receiving server, not us
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
        assertThat(lines).noneMatch(line -> line.startsWith("login_code email=") || line.contains(SMTP_PASSWORD));
        for (String code : codesSent()) {
            assertThat(lines).noneMatch(line -> line.contains(code));
        }
    }

    @Test
    void theCodeArrivesByMailAndSignsIn() throws Exception {
        long started = System.nanoTime();
        var sent = server.post("/api/auth/email/start", null, "{\"email\":\"Mail.User@Example.com\"}");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(sent.status()).isEqualTo(202);
        assertThat(took).as("the request does not wait for the SMTP server").isLessThan(Duration.ofSeconds(5));
        String code = mailedCode("mail.user@example.com");
        var verified = server.post(
                "/api/auth/email/verify", null, "{\"email\":\"mail.user@example.com\",\"code\":\"" + code + "\"}");
        assertThat(verified.status()).isEqualTo(200);
        String token = verified.json().get("access_token").asText();
        assertThat(server.get("/api/me", token).json().get("email").asText()).isEqualTo("mail.user@example.com");
        assertThat(server.wiring.loginMail())
                .isEqualTo("email codes are sent through smtp://127.0.0.1:"
                        + smtp.getSmtp().getPort() + " as Mina <login@mina.example>");
    }

    @Test
    void aNewUserSignsInFromThePageWithTheCodeFromTheMail() throws Exception {
        try (Browser browser = Browser.start()) {
            browser.open(server.base + "/");
            browser.script("localStorage.clear()");
            browser.open(server.base + "/");
            browser.find("#view-login:not([hidden])");

            browser.type("#email", "grace@example.com");
            browser.click("#send-code");
            browser.find("#code-form:not([hidden])");
            browser.type("#code", mailedCode("grace@example.com"));
            browser.click("#verify-code");

            browser.find("#view-studio:not([hidden])");
            browser.waitForText("#matcha-count", "5 matcha");
            browser.click("[data-nav='profile']");
            browser.waitForText("#p-email", "grace@example.com");
            browser.screenshot("signed-in-with-mailed-code");
            assertThat(browser.problems()).isEmpty();
        }
    }

    /** The code in the newest mail to {@code email}, from its text part. */
    private static String mailedCode(String email) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage message : smtp.getReceivedMessagesForDomain(email)) {
                MimeMultipart parts = (MimeMultipart) message.getContent();
                Matcher code = Pattern.compile("sign-in code is ([0-9]{6})")
                        .matcher((String) parts.getBodyPart(0).getContent());
                if (code.find()) {
                    return code.group(1);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no mail to " + email + " within 20 s");
    }

    private static List<String> codesSent() {
        Pattern pattern = Pattern.compile("sign-in code is ([0-9]{6})");
        return java.util.Arrays.stream(smtp.getReceivedMessages())
                .map(message -> {
                    try {
                        Matcher code = pattern.matcher((String) ((MimeMultipart) message.getContent())
                                .getBodyPart(0)
                                .getContent());
                        return code.find() ? code.group(1) : null;
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                })
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
