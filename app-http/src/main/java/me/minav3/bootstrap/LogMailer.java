package me.minav3.bootstrap;

import java.time.Instant;
import me.minav3.mma.studio.Mailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's "email": the login code goes to the server log, where the person running the studio on
 * their own machine reads it. Production logins use Supabase Auth, which sends real email.
 */
final class LogMailer implements Mailer {

    private static final Logger log = LoggerFactory.getLogger("me.minav3.login");

    @Override
    public void sendLoginCode(String email, String code, Instant expiresAt) {
        log.info("login_code email={} code={} expires_at={} (local login: this log is the mailbox)", email, code, expiresAt);
    }
}
