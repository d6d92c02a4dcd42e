package me.minav3.http;

import java.time.Duration;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.Emails;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.studio.EmailLogin;
import me.minav3.mma.studio.Identity;

/** Tokens for local logins minted outside a request ({@code mina auth token}, scripts, tests). */
public final class LocalTokens {

    private final HttpSettings settings;
    private final byte[] localSecret;
    private final Clock clock;

    public LocalTokens(HttpSettings settings, byte[] localSecret, Clock clock) {
        this.settings = settings;
        this.localSecret = localSecret.clone();
        this.clock = clock;
    }

    /** A token for the local login of {@code email}, valid for {@code ttl}; the same user as an email-code login. */
    @SuppressWarnings("NullAway") // nulls the called code does not yet declare @Nullable: listed in the issue 25 report
    public String issue(String email, boolean admin, Duration ttl) {
        String normalized;
        try {
            normalized = Emails.normalize(email);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
        Tokens tokens = new Tokens(new Tokens.Settings(localSecret, null, null, settings.adminEmails(), null), clock);
        return tokens.issue(new Identity(EmailLogin.userIdOf(normalized), normalized, null, admin), admin, ttl);
    }
}
