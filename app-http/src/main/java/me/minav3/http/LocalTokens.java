package me.minav3.http;

import java.time.Duration;
import me.minav3.bootstrap.CompositionRoot;
import me.minav3.mma.domain.Emails;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.studio.EmailLogin;
import me.minav3.mma.studio.Identity;

/** Tokens for local logins minted outside a request ({@code mina auth token}, scripts, tests). */
public final class LocalTokens {

    private LocalTokens() {
    }

    /** A token for the local login of {@code email}, valid for {@code ttl}; the same user as an email-code login. */
    public static String issue(CompositionRoot wiring, String email, boolean admin, Duration ttl) {
        String normalized;
        try {
            normalized = Emails.normalize(email);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
        HttpSettings settings = HttpSettings.from(wiring.settings());
        Tokens tokens = new Tokens(new Tokens.Settings(wiring.authSecret(), null, null, settings.adminEmails()), wiring.clock());
        return tokens.issue(new Identity(EmailLogin.userIdOf(normalized), normalized, null, admin), admin, ttl);
    }
}
