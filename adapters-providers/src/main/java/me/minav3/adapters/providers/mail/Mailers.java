package me.minav3.adapters.providers.mail;

import java.security.SecureRandom;
import java.time.Duration;
import me.minav3.adapters.providers.http.Backoff;
import me.minav3.adapters.providers.http.Sleeper;
import me.minav3.mma.audit.AuditLog;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.IdGenerator;

/** Builds the SMTP outbox for the apps' composition root. */
public final class Mailers {

    /** Up to 4 attempts, 1 s → 2 s → 4 s apart (with jitter): well inside a code's 10 minutes. */
    static final int ATTEMPTS = 4;

    static final Duration DRAIN = Duration.ofSeconds(5);

    private Mailers() {}

    /** Login codes through the SMTP server of {@code settings}; a permanent failure lands in {@code audit}. */
    public static MailOutbox smtp(MailSettings settings, AuditLog audit, Clock clock, IdGenerator ids) {
        return new SmtpMailer(
                settings,
                audit,
                clock,
                ids,
                new SmtpMailer.Pace(
                        ATTEMPTS,
                        new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), new SecureRandom()),
                        Sleeper.real(),
                        DRAIN));
    }
}
