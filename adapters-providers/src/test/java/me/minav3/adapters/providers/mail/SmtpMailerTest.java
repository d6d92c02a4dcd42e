package me.minav3.adapters.providers.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import me.minav3.adapters.providers.http.Backoff;
import me.minav3.adapters.providers.http.Sleeper;
import me.minav3.mma.audit.AuditEntry;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.TimeOrderedIds;
import me.minav3.mma.testing.InMemoryMega;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Login codes through a real SMTP server in-process (GreenMail), and through a scripted one for refusals. */
class SmtpMailerTest {

    private static final String CODE = "480916";
    private static final String PASSWORD = "s3cret p@ss:word";
    private static final String TO = "ada@example.com";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofMinutes(10));
    private static final Clock CLOCK = () -> NOW;

    private final InMemoryMega audit = new InMemoryMega();
    private final List<Duration> sleeps = new ArrayList<>();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private LogCapture logs;

    @BeforeEach
    void captureLogs() {
        logs = new LogCapture();
    }

    @AfterEach
    void neitherTheCodeNorThePasswordIsEverLoggedOrAudited() throws Exception {
        for (AutoCloseable part : closing.reversed()) {
            part.close();
        }
        logs.close();
        // GreenMail, the receiving server, logs what it receives: the test's mailbox, not this process's log.
        assertThat(logs.lines())
                .filteredOn(line -> !line.contains(" com.icegreen."))
                .noneMatch(line -> line.contains(CODE) || line.contains(PASSWORD));
        assertThat(audit.recent(100))
                .noneMatch(entry ->
                        entry.toString().contains(CODE) || entry.toString().contains(PASSWORD));
    }

    @Test
    void aCodeArrivesAsUtf8TextAndHtmlWithProperHeaders() throws Exception {
        GreenMail server = greenMail(ServerSetupTest.SMTP.dynamicPort(), "mailer", PASSWORD);
        MailOutbox mailer = mailer(
                "smtp://mailer:" + encoded(PASSWORD) + "@127.0.0.1:"
                        + server.getSmtp().getPort(),
                "Mina – Studio <login@mina.example>");

        mailer.sendLoginCode(TO, CODE, EXPIRES);

        assertThat(server.waitForIncomingEmail(10_000, 1)).isTrue();
        eventually(() -> logs.lines().stream().anyMatch(line -> line.contains("login_code_mailed")));
        MimeMessage mail = server.getReceivedMessages()[0];
        assertThat(((InternetAddress) mail.getFrom()[0]).getPersonal()).isEqualTo("Mina – Studio");
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("login@mina.example");
        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly(TO);
        assertThat(mail.getSubject()).isEqualTo("Your Mina sign-in code");
        assertThat(mail.getSentDate().toInstant()).isEqualTo(NOW);
        assertThat(mail.getMessageID()).endsWith("@mina.example>");
        assertThat(mail.getHeader("MIME-Version", null)).isEqualTo("1.0");
        assertThat(mail.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        Part text = parts.getBodyPart(0);
        Part html = parts.getBodyPart(1);
        assertThat(text.getContentType()).containsIgnoringCase("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(html.getContentType()).containsIgnoringCase("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat((String) text.getContent())
                .contains("Your Mina sign-in code is " + CODE)
                .contains("expires at 10:10 UTC (10 minutes)");
        assertThat((String) html.getContent())
                .contains(">" + CODE + "</p>")
                .contains("10:10 UTC (10 minutes)")
                .contains("<meta charset=\"utf-8\">");
        assertThat(logs.lines()).anyMatch(line -> line.contains("login_code_mailed email=" + TO + " attempts=1"));
        assertThat(audit.recent(10)).isEmpty();
    }

    @Test
    void sendingReturnsAtOnceWhileTheServerIsStillSilent() throws Exception {
        ScriptedSmtp server = closing(new ScriptedSmtp(List.of(), true));
        MailOutbox mailer = mailer("smtp://127.0.0.1:" + server.port(), "login@mina.example");

        long started = System.nanoTime();
        mailer.sendLoginCode(TO, CODE, EXPIRES);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(Duration.ofSeconds(1));
        assertThat(server.delivered()).isEmpty();
        server.release();
        eventually(() -> server.delivered().size() == 1);
        assertThat(server.delivered().getFirst()).contains("Subject: Your Mina sign-in code");
    }

    @Test
    void aRefusedConnectionIsTriedAgainUntilTheServerIsUp() throws Exception {
        int port = freePort();
        GreenMail[] late = new GreenMail[1];
        MailOutbox mailer = mailer("smtp://127.0.0.1:" + port, "login@mina.example", 4, duration -> {
            sleeps.add(duration);
            if (late[0] == null) {
                late[0] = greenMail(new ServerSetup(port, "127.0.0.1", "smtp"), null, null);
            }
        });

        mailer.sendLoginCode(TO, CODE, EXPIRES);

        eventually(() -> late[0] != null && late[0].getReceivedMessages().length == 1);
        eventually(() ->
                logs.lines().stream().anyMatch(line -> line.contains("login_code_mailed email=" + TO + " attempts=2")));
        assertThat(sleeps).hasSize(1);
        assertThat(logs.lines()).anyMatch(line -> line.contains("login_code_mail_retry email=" + TO + " attempt=1"));
        assertThat(audit.recent(10)).isEmpty();
    }

    @Test
    void a4xxReplyIsTriedAgainWithBackoff() throws Exception {
        ScriptedSmtp server = closing(ScriptedSmtp.replying(List.of(
                Map.of("greeting", "421 4.3.2 try later"), Map.of("MAIL", "451 4.7.1 greylisted, come back soon"))));
        MailOutbox mailer = mailer("smtp://127.0.0.1:" + server.port(), "login@mina.example");

        mailer.sendLoginCode(TO, CODE, EXPIRES);

        eventually(() -> server.delivered().size() == 1);
        assertThat(server.connections()).isEqualTo(3);
        assertThat(sleeps).hasSize(2);
        assertThat(logs.lines())
                .anyMatch(line -> line.contains("reply_code=421"))
                .anyMatch(line -> line.contains("reply_code=451"));
        assertThat(audit.recent(10)).isEmpty();
    }

    @Test
    void a5xxReplyIsNotTriedAgainAndTheFailureIsAudited() throws Exception {
        ScriptedSmtp server = closing(ScriptedSmtp.replying(List.of(Map.of("RCPT", "550 5.1.1 no such mailbox"))));
        MailOutbox mailer = mailer("smtp://127.0.0.1:" + server.port(), "login@mina.example");

        mailer.sendLoginCode(TO, CODE, EXPIRES);

        AuditEntry failure = auditedFailure();
        assertThat(server.connections()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
        assertThat(server.delivered()).isEmpty();
        assertThat(failure.actor()).isEqualTo("system");
        assertThat(failure.action()).isEqualTo("mail.login_code.failed");
        assertThat(failure.status()).isEqualTo(502);
        assertThat(Json.number(failure.detail(), "attempts", -1)).isEqualTo(1);
        assertThat(failure.detail())
                .containsEntry("email", TO)
                .containsEntry("smtp", "smtp://127.0.0.1:" + server.port() + " as login@mina.example");
        assertThat(reason(failure.detail())).contains("550 5.1.1 no such mailbox");
        assertThat(logs.lines()).anyMatch(line -> line.startsWith("ERROR") && line.contains("login_code_mail_failed"));
    }

    @Test
    void passingFailuresStopAfterTheLastAttemptAndAreAudited() throws Exception {
        Map<String, String> busy = Map.of("MAIL", "452 4.3.1 insufficient system storage");
        ScriptedSmtp server = closing(ScriptedSmtp.replying(List.of(busy, busy, busy, busy, busy)));
        MailOutbox mailer = mailer("smtp://127.0.0.1:" + server.port(), "login@mina.example");

        mailer.sendLoginCode(TO, CODE, EXPIRES);

        AuditEntry failure = auditedFailure();
        assertThat(server.connections()).isEqualTo(4);
        assertThat(sleeps).hasSize(3);
        assertThat(Json.number(failure.detail(), "attempts", -1)).isEqualTo(4);
        assertThat(reason(failure.detail())).contains("452");
    }

    @Test
    void wrongCredentialsAreNotTriedAgain() throws Exception {
        GreenMail server = greenMail(ServerSetupTest.SMTP.dynamicPort(), "mailer", "the-right-one");
        MailOutbox mailer = mailer(
                "smtp://mailer:" + encoded(PASSWORD) + "@127.0.0.1:"
                        + server.getSmtp().getPort(),
                "login@mina.example");

        mailer.sendLoginCode(TO, CODE, EXPIRES);

        AuditEntry failure = auditedFailure();
        assertThat(sleeps).isEmpty();
        assertThat(Json.number(failure.detail(), "attempts", -1)).isEqualTo(1);
        assertThat(reason(failure.detail())).startsWith("535");
        assertThat(server.getReceivedMessages()).isEmpty();
    }

    @Test
    void closingLetsQueuedMailGoOutFirst() throws Exception {
        GreenMail server = greenMail(ServerSetupTest.SMTP.dynamicPort(), null, null);
        MailOutbox mailer = new SmtpMailer(
                MailSettings.parse("smtp://127.0.0.1:" + server.getSmtp().getPort(), "login@mina.example"),
                audit,
                CLOCK,
                new TimeOrderedIds(CLOCK),
                pace(4, sleeps::add));

        for (int i = 0; i < 5; i++) {
            mailer.sendLoginCode("user" + i + "@example.com", CODE, EXPIRES);
        }
        mailer.close();

        assertThat(server.getReceivedMessages()).hasSize(5);
    }

    @Test
    void closingStopsAWaitingRetryAndAuditsTheLostMail() throws Exception {
        MailOutbox mailer = new SmtpMailer(
                MailSettings.parse("smtp://127.0.0.1:" + freePort(), "login@mina.example"),
                audit,
                CLOCK,
                new TimeOrderedIds(CLOCK),
                new SmtpMailer.Pace(
                        4,
                        new Backoff(Duration.ofMinutes(10), Duration.ofMinutes(10), new Random(7)),
                        Sleeper.real(),
                        Duration.ofMillis(300)));
        mailer.sendLoginCode(TO, CODE, EXPIRES);
        eventually(() -> logs.lines().stream().anyMatch(line -> line.contains("login_code_mail_retry")));

        long started = System.nanoTime();
        mailer.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(reason(auditedFailure().detail())).contains("shut down");
        mailer.sendLoginCode(TO, CODE, EXPIRES);
        eventually(() -> audit.recent(10).size() == 2);
        assertThat(reason(audit.recent(1).getFirst().detail())).contains("shutting down");
    }

    @Test
    void describesWhereCodesGoWithoutTheCredentials() {
        MailOutbox mailer = mailer("smtps://mailer:" + encoded(PASSWORD) + "@smtp.example.com", "login@mina.example");

        assertThat(mailer.describe())
                .isEqualTo("email codes are sent through smtps://smtp.example.com:465 as login@mina.example");
        assertThat(mailer.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void aPasswordIsSentOnlyOverTlsUnlessTheServerIsOnThisMachine() {
        var remote = SmtpMailer.properties(MailSettings.parse("smtp://u:p@smtp.example.com:587", "login@mina.example"));
        var local = SmtpMailer.properties(MailSettings.parse("smtp://u:p@127.0.0.1:2525", "login@mina.example"));
        var relay = SmtpMailer.properties(MailSettings.parse("smtp://relay.internal:25", "login@mina.example"));
        var implicit = SmtpMailer.properties(MailSettings.parse("smtps://u:p@smtp.example.com", "login@mina.example"));

        assertThat(remote).containsEntry("mail.smtp.starttls.required", "true").containsEntry("mail.smtp.auth", "true");
        assertThat(local).containsEntry("mail.smtp.starttls.required", "false");
        assertThat(relay)
                .containsEntry("mail.smtp.starttls.required", "false")
                .containsEntry("mail.smtp.auth", "false");
        assertThat(implicit)
                .containsEntry("mail.transport.protocol", "smtps")
                .containsEntry("mail.smtps.port", "465")
                .containsEntry("mail.smtps.ssl.checkserveridentity", "true");
        assertThat(remote).containsEntry("mail.debug", "false").containsEntry("mail.smtp.timeout", "15000");
    }

    private MailOutbox mailer(String url, String from) {
        return mailer(url, from, 4, sleeps::add);
    }

    private MailOutbox mailer(String url, String from, int attempts, Sleeper sleeper) {
        return closing(new SmtpMailer(
                MailSettings.parse(url, from), audit, CLOCK, new TimeOrderedIds(CLOCK), pace(attempts, sleeper)));
    }

    private static SmtpMailer.Pace pace(int attempts, Sleeper sleeper) {
        return new SmtpMailer.Pace(
                attempts,
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), new Random(7)),
                sleeper,
                Duration.ofSeconds(10));
    }

    private GreenMail greenMail(ServerSetup setup, String user, String password) {
        GreenMail server = new GreenMail(setup);
        if (user != null) {
            server.withConfiguration(GreenMailConfiguration.aConfig().withUser(user, password));
        }
        server.start();
        closing(server::stop);
        return server;
    }

    private AuditEntry auditedFailure() {
        eventually(() -> !audit.recent(10).isEmpty());
        return audit.recent(10).getFirst();
    }

    private <T extends AutoCloseable> T closing(T part) {
        closing.add(part);
        return part;
    }

    private static String reason(java.util.Map<String, Object> detail) {
        return String.valueOf(detail.get("reason"));
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 15 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
