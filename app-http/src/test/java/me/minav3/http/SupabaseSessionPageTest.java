package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import me.minav3.mma.common.Clock;
import org.junit.jupiter.api.Test;

/**
 * Sessions that last and sessions that begin (spec §9.1): a Supabase sign-in renewed with its refresh token across
 * several expiries of short-lived tokens, Supabase's own email codes when the local login is off, a clean sign-out
 * when Supabase refuses the refresh token, and a reload of the studio beginning a fresh session. Real Chromium, the
 * real server, and a local fake of Supabase Auth's REST API ({@link SupabaseAuthFake}).
 */
class SupabaseSessionPageTest extends StudioPageTestBase {

    private static final Duration SHORT = Duration.ofSeconds(5);

    private static TestServer withSupabase(SupabaseAuthFake supabase, Map<String, String> more) throws Exception {
        return withSupabase(supabase, more, Clock.system());
    }

    private static TestServer withSupabase(SupabaseAuthFake supabase, Map<String, String> more, Clock clock)
            throws Exception {
        var env = new java.util.HashMap<>(Map.of(
                "SUPABASE_URL",
                supabase.url(),
                "SUPABASE_ANON_KEY",
                SupabaseAuthFake.ANON_KEY,
                "SUPABASE_JWT_SECRET",
                SupabaseAuthFake.SECRET));
        env.putAll(more);
        return new TestServer(env, clock);
    }

    private void freshLogin(TestServer at) {
        browser.open(at.base + "/");
        browser.script("localStorage.clear()");
        browser.open(at.base + "/");
        browser.find("#view-login:not([hidden])");
    }

    private String storedToken() {
        return (String) browser.script("return localStorage.getItem('mina.token')");
    }

    private static Instant expiryOf(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().toInstant();
    }

    /** Without reloading, the page asks the server who is signed in (the profile view does) and shows it. */
    private void profileShows(String email) {
        browser.click("[data-nav='studio']");
        browser.find("#view-studio:not([hidden])");
        browser.script("document.querySelector('#p-email').textContent = ''");
        browser.click("[data-nav='profile']");
        browser.waitForText("#p-email", email);
        assertThat(browser.find("#view-login").isDisplayed()).isFalse();
    }

    @Test
    void aGoogleUserStaysSignedInAcrossSeveralExpiriesOfShortLivedTokens() throws Exception {
        ShiftedClock serverClock = new ShiftedClock();
        try (SupabaseAuthFake supabase = new SupabaseAuthFake("grace@example.com", SHORT);
                TestServer server = withSupabase(supabase, Map.of(), serverClock)) {
            freshLogin(server);
            browser.click("#google");
            browser.find("#view-studio:not([hidden])");
            browser.waitForText("#matcha-count", "5 matcha");
            String first = storedToken();
            assertThat(first).isEqualTo(supabase.accessTokens().get(0));

            // The page keeps the session through several renewals (each before its token's expiry), past the first
            // token's expiry.
            Instant firstExpired = expiryOf(first).plusSeconds(1);
            Instant giveUp = Instant.now().plusSeconds(120);
            while (Instant.now().isBefore(firstExpired) || supabase.refreshes() < 5) {
                assertThat(Instant.now()).as("five renewals by now").isBefore(giveUp);
                profileShows("grace@example.com");
                Thread.sleep(1_000);
            }
            // Past the server's clock skew allowance (30 s) too, the first token is refused. The server's clock is
            // moved by the allowance instead of the test sleeping it out; the page's tokens, issued and renewed in
            // real time, now have no allowance left on the server, and must still be good.
            serverClock.advance(Duration.ofSeconds(30));
            assertThat(server.get("/api/me", first).status())
                    .as("the first token is dead")
                    .isEqualTo(401);

            profileShows("grace@example.com");
            String current = storedToken();
            assertThat(current).isNotEqualTo(first).isIn(supabase.accessTokens());
            assertThat(server.get("/api/me", current).status()).isEqualTo(200);
            assertThat(supabase.refreshes()).as("renewed before each expiry").isGreaterThanOrEqualTo(5);
            assertThat(browser.script("return localStorage.getItem('mina.supabase')"))
                    .asString()
                    .contains("refresh_token")
                    .doesNotContain(first);
            browser.screenshot("signed-in-supabase");
        }
    }

    @Test
    void aRefusedTokenIsRenewedOnceAndTheRequestSentAgain() throws Exception {
        try (SupabaseAuthFake supabase = new SupabaseAuthFake("turing@example.com", Duration.ofHours(1));
                TestServer server = withSupabase(supabase, Map.of())) {
            freshLogin(server);
            browser.click("#google");
            browser.waitForText("#matcha-count", "5 matcha");
            assertThat(supabase.refreshes())
                    .as("an hour-long token is not renewed yet")
                    .isZero();

            browser.script("localStorage.setItem('mina.token', 'eyJhbGciOiJIUzI1NiJ9.e30.revoked')");
            profileShows("turing@example.com");

            assertThat(supabase.refreshes()).isEqualTo(1);
            assertThat(storedToken()).isEqualTo(supabase.accessTokens().get(1));
        }
    }

    @Test
    void whenSupabaseRefusesTheRefreshTokenThePageSignsOutCleanly() throws Exception {
        try (SupabaseAuthFake supabase = new SupabaseAuthFake("hopper@example.com", SHORT);
                TestServer server = withSupabase(supabase, Map.of())) {
            freshLogin(server);
            browser.click("#google");
            browser.waitForText("#matcha-count", "5 matcha");

            supabase.revokeAll();

            browser.find("#view-login:not([hidden])");
            browser.waitForText("#login-status", "You are signed out.");
            assertThat(browser.script("return localStorage.getItem('mina.token')"))
                    .isNull();
            assertThat(browser.script("return localStorage.getItem('mina.supabase')"))
                    .isNull();
        }
    }

    @Test
    void loggingOutEndsTheSupabaseSessionAndOurs() throws Exception {
        try (SupabaseAuthFake supabase = new SupabaseAuthFake("lovelace@example.com");
                TestServer server = withSupabase(supabase, Map.of())) {
            freshLogin(server);
            browser.click("#google");
            browser.waitForText("#matcha-count", "5 matcha");
            String token = storedToken();
            assertThat(supabase.liveRefreshTokens()).isEqualTo(1);

            browser.click("[data-nav='profile']");
            browser.waitForText("#p-email", "lovelace@example.com");
            browser.click("#logout");
            browser.find("#view-login:not([hidden])");

            assertThat(supabase.logouts())
                    .as("the page ended the Supabase session")
                    .isEqualTo(1);
            assertThat(supabase.liveRefreshTokens())
                    .as("its refresh token no longer works")
                    .isZero();
            assertThat(server.get("/api/me", token).status())
                    .as("and our server refuses the token")
                    .isEqualTo(401);
            assertThat(browser.script("return localStorage.getItem('mina.supabase')"))
                    .isNull();
        }
    }

    @Test
    void withoutTheLocalLoginSupabaseSendsTheEmailCode() throws Exception {
        try (SupabaseAuthFake supabase = new SupabaseAuthFake("nobody@example.com", SHORT);
                TestServer server = withSupabase(supabase, Map.of("MINA_LOCAL_LOGIN", "false"))) {
            assertThat(server.get("/", null).header("Content-Security-Policy"))
                    .as("the page may talk to Supabase Auth, and to nothing else")
                    .contains("connect-src 'self' " + supabase.url() + ";");
            freshLogin(server);
            assertThat(browser.find("#email-form").isDisplayed()).isTrue();
            assertThat(browser.find("#local-hint").isDisplayed())
                    .as("no code in a log here")
                    .isFalse();
            assertThat(server.post("/api/auth/email/start", null, "{\"email\":\"lin@example.com\"}")
                            .status())
                    .as("the server sends no codes itself")
                    .isEqualTo(404);

            browser.type("#email", "lin@example.com");
            browser.click("#send-code");
            browser.find("#code-form:not([hidden])");
            browser.screenshot("login-supabase-code");
            String code = browser.until(d -> supabase.codeFor("lin@example.com"));
            browser.type("#code", code.equals("000000") ? "111111" : "000000");
            browser.click("#verify-code");
            browser.waitForText("#login-status", "Token has expired or is invalid");
            browser.type("#code", code);
            browser.click("#verify-code");

            browser.find("#view-studio:not([hidden])");
            browser.waitForText("#matcha-count", "5 matcha");
            String first = storedToken();
            browser.until(d -> supabase.refreshes() >= 2 ? true : null);
            profileShows("lin@example.com");
            assertThat(storedToken()).isNotEqualTo(first);
        }
    }

    @Test
    void reloadingTheStudioBeginsAFreshSessionThatNewCreationsCarry() {
        String token = server.token("reloader@example.com");
        browser.signIn(server.base, token);
        String before = server.get("/api/me", token).json().get("session_id").asText();

        browser.driver.navigate().refresh();
        browser.waitForText("#matcha-count", "5 matcha");
        String after = browser.until(d -> {
            String now = server.get("/api/me", token).json().get("session_id").asText();
            return now.equals(before) ? null : now;
        });

        browser.type("#brief", "a whisk on slate");
        browser.click("#still-go");
        String made = browser.awaitDoneSlide(1);
        assertThat(server.get("/api/generations/" + made, token)
                        .json()
                        .get("session_id")
                        .asText())
                .isEqualTo(after);
    }
}
