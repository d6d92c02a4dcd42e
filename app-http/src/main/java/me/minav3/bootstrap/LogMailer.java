package me.minav3.bootstrap;

import java.time.Instant;
import me.minav3.adapters.providers.mail.MailOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's "email": the login code goes to the server log, where the person running the studio on
 * their own machine reads it. With {@code SMTP_URL} set, codes go out by email instead (decision 014).
 */
final class LogMailer implements MailOutbox {

    private static final Logger log = LoggerFactory.getLogger("me.minav3.login");

    @Override
    public void sendLoginCode(String email, String code, Instant expiresAt) {
        log.info(
                "login_code email={} code={} expires_at={} (local login: this log is the mailbox)",
                email,
                code,
                expiresAt);
    }

    @Override
    public String describe() {
        return "email codes are written to the log: set SMTP_URL to send them";
    }

    @Override
    public void close() {
        // nothing queued
    }
}
