package me.minav3.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.Json;
import me.minav3.mma.studio.EmailLogin;

/**
 * Local email-code login (the embedded default) and what the page needs to know about logins. Each requester (the
 * client's address, {@link Requester}) is limited first, before any email is looked at; what is limited per email
 * only slows down (see {@link EmailLogin}), so nobody can lock an owner out.
 */
public final class AuthRoutes {

    static final Duration TOKEN_TTL = Duration.ofDays(7);
    private static final String AUTH = "auth";
    static final int CODE_REQUESTS_PER_REQUESTER = 6;
    static final int CODE_CHECKS_PER_REQUESTER = 30;
    static final Duration REQUESTER_WINDOW = Duration.ofMinutes(10);

    private final Supplier<EmailLogin> emailLogin;
    private final Tokens tokens;
    private final HttpSettings settings;
    private final Clock clock;
    private final RateLimiter codeRequests;
    private final RateLimiter codeChecks;

    /** @param emailLogin the local email-code login, built on first use */
    public AuthRoutes(Supplier<EmailLogin> emailLogin, Tokens tokens, HttpSettings settings, Clock clock) {
        this.emailLogin = emailLogin;
        this.tokens = tokens;
        this.settings = settings;
        this.clock = clock;
        this.codeRequests = new RateLimiter(CODE_REQUESTS_PER_REQUESTER, REQUESTER_WINDOW, clock);
        this.codeChecks = new RateLimiter(CODE_CHECKS_PER_REQUESTER, REQUESTER_WINDOW, clock);
    }

    static final BodySpec START = BodySpec.named("EmailCodeRequest", "Where to send a login code")
            .required("email", BodySpec.Type.TEXT, "my email address", "format", "email")
            .example("email", "me@example.com")
            .build();
    static final BodySpec VERIFY = BodySpec.named("EmailCodeCheck", "The code that was sent")
            .required("email", BodySpec.Type.TEXT, "my email address", "format", "email")
            .required("code", BodySpec.Type.TEXT, "the 6-digit code", "examples", List.of("123456"))
            .example("email", "me@example.com", "code", "123456")
            .build();

    void register(Api api) {
        api.get(
                "/api/auth/config",
                Api.Access.PUBLIC,
                AUTH,
                "Which logins this server offers",
                Api.Doc.of().id("authConfig").json(200, "AuthConfig"),
                this::config);
        if (!settings.localLogin()) {
            return;
        }
        api.post(
                "/api/auth/email/start",
                Api.Access.PUBLIC,
                AUTH,
                "Send a 6-digit login code to an email address",
                Api.Doc.of()
                        .id("startEmailLogin")
                        .body(START)
                        .json(202, "CodeSent")
                        .problems(422, 429),
                this::start);
        api.post(
                "/api/auth/email/verify",
                Api.Access.PUBLIC,
                AUTH,
                "Trade the code for an access token",
                Api.Doc.of()
                        .id("verifyEmailLogin")
                        .body(VERIFY)
                        .json(200, "AccessToken")
                        .problems(401, 422, 429),
                this::verify);
    }

    private void config(Context ctx) {
        ctx.json(Json.obj(
                "local_login",
                settings.localLogin(),
                "supabase_url",
                settings.supabaseUrl(),
                "supabase_anon_key",
                settings.supabaseAnonKey(),
                "google",
                settings.supabaseUrl() != null,
                // Without the local login, Supabase sends the email codes (its /auth/v1/otp and /auth/v1/verify).
                "supabase_email_otp",
                settings.supabaseUrl() != null && !settings.localLogin()));
    }

    private void start(Context ctx) {
        if (!codeRequests.allow(Requester.of(ctx, settings.trustedProxies()))) {
            throw tooMany(
                    "too many login codes asked for from this address; wait a few minutes",
                    REQUESTER_WINDOW.toSeconds());
        }
        Bodies body = Bodies.of(ctx, START);
        switch (emailLogin.get().start(body.requiredText("email"))) {
            case EmailLogin.Started.Sent sent ->
                ctx.status(202).json(Json.obj("status", "sent", "expires_at", sent.expiresAt()));
            case EmailLogin.Started.TooSoon tooSoon -> {
                long seconds = Math.max(
                        1, Duration.between(clock.now(), tooSoon.retryAfter()).toSeconds());
                throw tooMany(
                        "a code was sent to this address a moment ago; you can ask for another in " + seconds + " s",
                        seconds);
            }
        }
    }

    private void verify(Context ctx) {
        if (!codeChecks.allow(Requester.of(ctx, settings.trustedProxies()))) {
            throw tooMany(
                    "too many login attempts from this address; wait a few minutes", REQUESTER_WINDOW.toSeconds());
        }
        Bodies body = Bodies.of(ctx, VERIFY);
        switch (emailLogin.get().verify(body.requiredText("email"), body.requiredText("code"))) {
            case EmailLogin.Verified.Accepted accepted -> {
                boolean admin = accepted.identity().email() != null
                        && settings.adminEmails().contains(accepted.identity().email());
                ctx.json(Json.obj(
                        "access_token",
                        tokens.issue(accepted.identity(), admin, TOKEN_TTL),
                        "token_type",
                        "bearer",
                        "expires_in",
                        TOKEN_TTL.toSeconds()));
            }
            case EmailLogin.Verified.Rejected rejected ->
                throw new HttpProblem(401, "Sign in needed", rejected.reason());
        }
    }

    private static HttpProblem tooMany(String detail, long retryAfterSeconds) {
        return new HttpProblem(429, "Too many requests", detail, retryAfterSeconds);
    }
}
