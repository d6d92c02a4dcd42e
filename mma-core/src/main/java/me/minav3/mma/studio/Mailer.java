package me.minav3.mma.studio;

import java.time.Instant;

/** Sends a login code by email (the embedded default writes it to the log instead). */
@FunctionalInterface
public interface Mailer {

    void sendLoginCode(String email, String code, Instant expiresAt);
}
