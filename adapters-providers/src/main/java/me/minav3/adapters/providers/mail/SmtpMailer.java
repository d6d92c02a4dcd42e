package me.minav3.adapters.providers.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import me.minav3.adapters.providers.http.Backoff;
import me.minav3.adapters.providers.http.Sleeper;
import me.minav3.mma.audit.AuditEntry;
import me.minav3.mma.audit.AuditLog;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.IdGenerator;
import me.minav3.mma.common.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends login codes through an SMTP server, off the request thread: a small pool sends each message, tries again
 * with backoff after a passing failure ({@link SmtpFailure}), and records a permanent failure in the admin audit.
 * Neither the log nor the audit ever holds the code; the SMTP protocol trace (which would) stays off.
 */
final class SmtpMailer implements MailOutbox {

    static final String AUDIT_ACTION = "mail.login_code.failed";
    private static final Logger log = LoggerFactory.getLogger("me.minav3.login");
    private static final int THREADS = 2;
    private static final int QUEUE = 1_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** How sending is paced: attempts per message, the waits between them, how long closing waits for the queue. */
    record Pace(int attempts, Backoff backoff, Sleeper sleeper, Duration drain) {}

    private final MailSettings settings;
    private final Session session;
    private final InternetAddress from;
    private final AuditLog audit;
    private final Clock clock;
    private final IdGenerator ids;
    private final Pace pace;
    private final ExecutorService executor;

    SmtpMailer(MailSettings settings, AuditLog audit, Clock clock, IdGenerator ids, Pace pace) {
        this.settings = settings;
        this.session = Session.getInstance(properties(settings));
        this.from = settings.fromAddress();
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
        this.pace = pace;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(
                THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(QUEUE), task -> {
                    Thread thread = new Thread(task, "mina-mail-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        ((ThreadPoolExecutor) executor).allowCoreThreadTimeOut(true);
    }

    static Properties properties(MailSettings settings) {
        String protocol = settings.implicitTls() ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", protocol);
        properties.put("mail.debug", "false"); // the protocol trace holds the code
        properties.put("mail.from", settings.fromAddress().getAddress()); // envelope sender and Message-ID domain
        properties.put(prefix + "host", settings.host());
        properties.put(prefix + "port", Integer.toString(settings.port()));
        properties.put(prefix + "auth", Boolean.toString(settings.username() != null));
        properties.put(prefix + "connectiontimeout", Long.toString(TIMEOUT.toMillis()));
        properties.put(prefix + "timeout", Long.toString(TIMEOUT.toMillis()));
        properties.put(prefix + "writetimeout", Long.toString(TIMEOUT.toMillis()));
        properties.put(prefix + "ssl.checkserveridentity", "true");
        if (!settings.implicitTls()) {
            properties.put(prefix + "starttls.enable", "true"); // used whenever the server offers it
            // A password never crosses the network in clear: off this machine, no STARTTLS means no sending.
            properties.put(
                    prefix + "starttls.required",
                    Boolean.toString(settings.username() != null && !loopback(settings.host())));
        }
        return properties;
    }

    private static boolean loopback(String host) {
        String name = host.toLowerCase(java.util.Locale.ROOT);
        return name.equals("localhost") || name.startsWith("127.") || name.equals("[::1]") || name.equals("::1");
    }

    @Override
    public void sendLoginCode(String email, String code, Instant expiresAt) {
        try {
            executor.execute(() -> deliver(email, code, expiresAt));
        } catch (RejectedExecutionException e) {
            failed(
                    email,
                    0,
                    executor.isShutdown() ? "the server is shutting down" : "too many emails waiting to be sent");
        }
    }

    private void deliver(String email, String code, Instant expiresAt) {
        for (int attempt = 1; ; attempt++) {
            try {
                send(LoginCodeMail.compose(session, from, email, code, expiresAt, clock.now()));
                log.info("login_code_mailed email={} attempts={} via={}", email, attempt, settings.describe());
                return;
            } catch (MessagingException e) {
                SmtpFailure failure = SmtpFailure.of(e);
                if (!failure.passing() || attempt >= pace.attempts()) {
                    failed(email, attempt, failure.reason());
                    return;
                }
                Duration wait = pace.backoff().delay(attempt);
                log.warn(
                        "login_code_mail_retry email={} attempt={} reply_code={} wait_ms={} reason=\"{}\"",
                        email,
                        attempt,
                        failure.replyCode(),
                        wait.toMillis(),
                        failure.reason());
                try {
                    pace.sleeper().sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    failed(email, attempt, "the server shut down before the email was sent");
                    return;
                }
            } catch (RuntimeException e) {
                failed(email, attempt, e.getClass().getSimpleName());
                return;
            }
        }
    }

    private void send(MimeMessage message) throws MessagingException {
        try (Transport transport = session.getTransport()) {
            transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    private void failed(String email, int attempts, String reason) {
        log.error(
                "login_code_mail_failed email={} attempts={} via={} reason=\"{}\"",
                email,
                attempts,
                settings.describe(),
                reason);
        try {
            audit.record(new AuditEntry(
                    "admin_audit:" + ids.newId(),
                    Actor.SYSTEM.id(),
                    AUDIT_ACTION,
                    Actor.SYSTEM.route(),
                    Actor.SYSTEM.method(),
                    502,
                    Json.obj("email", email, "attempts", attempts, "smtp", settings.describe(), "reason", reason),
                    clock.now()));
        } catch (RuntimeException e) {
            log.warn("login_code_mail_audit_failed email={} error=\"{}\"", email, e.toString());
        }
    }

    @Override
    public String describe() {
        return "email codes are sent through " + settings.describe();
    }

    /** Lets queued and retrying mail finish for a moment ({@link Pace#drain()}), then stops what is left. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(pace.drain().toMillis(), TimeUnit.MILLISECONDS)) {
                int dropped = executor.shutdownNow().size();
                log.warn("login_code_mail_stopped unsent={} (the server stopped before they went out)", dropped);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
