package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import me.minav3.mma.common.PassId;
import me.minav3.mma.customers.CustomerProfile;
import me.minav3.mma.studio.EmailLogin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's identity attacks on the real server: anonymous and unverified Supabase logins, foreign issuers,
 * purchases claimed by email, customers made by guesses, audit rows for probes, and email-code lockouts.
 */
class IdentityRulesTest {

    private static final String SECRET = "supabase-jwt-secret-0123456789-0123456789";
    private static final String SUPABASE_URL = "http://127.0.0.1:9";
    private static final String ISSUER = SUPABASE_URL + "/auth/v1";
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(Map.of("SUPABASE_JWT_SECRET", SECRET, "SUPABASE_URL", SUPABASE_URL));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A Supabase access token for {@code sub} as Supabase Auth writes it, before the test's own changes. */
    private static JWTClaimsSet.Builder supabase(String sub, String email) {
        return new JWTClaimsSet.Builder()
                .subject(sub)
                .audience("authenticated")
                .issuer(ISSUER)
                .claim("role", "authenticated")
                .claim("email", email)
                .claim("is_anonymous", false)
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .issueTime(new Date());
    }

    private static JWTClaimsSet.Builder anonymous(String sub, String email) {
        return supabase(sub, email)
                .claim("is_anonymous", true)
                .claim("email_verified", false)
                .claim(
                        "amr",
                        List.of(Map.of(
                                "method",
                                "anonymous",
                                "timestamp",
                                Instant.now().getEpochSecond())));
    }

    private static String sign(JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    /** A client whose requests come from {@code 127.0.0.<host>}: one requester each. */
    private static TestServer.Reply postFrom(int host, String path, String json) throws Exception {
        return postFrom(server, host, null, path, json);
    }

    private static TestServer.Reply postFrom(TestServer to, int host, String forwardedFor, String path, String json)
            throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .localAddress(InetAddress.getByName("127.0.0." + host))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to.server.port() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new TestServer.Reply(response.statusCode(), response.headers().map(), response.body());
    }

    @Test
    void anAnonymousSupabaseTokenIsNoAdminEvenWithAnAdminEmail() throws Exception {
        String token = sign(anonymous("7c1e2d3f-0000-4000-8000-000000000001", "boss@example.com"));

        assertThat(server.get("/api/admin/generations", token).status()).isEqualTo(401);
        assertThat(server.get("/api/me", token).status()).isEqualTo(401);
    }

    @Test
    void anonymousSupabaseTokensFarmNoWelcomeMatchaAndLeaveNoCustomer() throws Exception {
        for (int i = 0; i < 5; i++) {
            String sub = UUID.randomUUID().toString();
            var me = server.get("/api/me", sign(anonymous(sub, null)));

            assertThat(me.status()).as("anonymous sign-in %d", i).isEqualTo(401);
            assertThat(me.json().get("detail").asText()).contains("anonymous");
            assertThat(server.wiring.database().customers().findByUserId(sub)).isEmpty();
        }
    }

    @Test
    void anAdminEmailMakesAnAdminOnlyWhenSupabaseSaysItIsVerified() throws Exception {
        String unverified = sign(supabase("sb-boss-1", "boss@example.com"));
        String saidFalse = sign(supabase("sb-boss-2", "boss@example.com").claim("email_verified", false));
        String hookSaysVerified = sign(supabase("sb-boss-3", "boss@example.com").claim("email_verified", true));
        String google = sign(supabase("sb-boss-4", "boss@example.com")
                .claim(
                        "amr",
                        List.of(Map.of(
                                "method", "oauth", "timestamp", Instant.now().getEpochSecond())))
                .claim("app_metadata", Map.of("provider", "google"))
                .claim("user_metadata", Map.of("email_verified", true)));

        assertThat(server.get("/api/admin/generations", unverified).status()).isEqualTo(403);
        assertThat(server.get("/api/admin/generations", saidFalse).status()).isEqualTo(403);
        assertThat(server.get("/api/admin/generations", hookSaysVerified).status())
                .isEqualTo(200);
        assertThat(server.get("/api/admin/generations", google).status()).isEqualTo(200);
        var me = server.get("/api/me", unverified).json();
        assertThat(me.get("is_admin").asBoolean()).isFalse();
        assertThat(me.get("email").asText())
                .as("the page still shows the login's own email")
                .isEqualTo("boss@example.com");
    }

    @Test
    void aCustomerAPurchaseCreatedIsClaimedOnlyByALoginThatVerifiedItsEmail() throws Exception {
        server.wiring
                .database()
                .customers()
                .ensure(PassId.shopify(9001), new CustomerProfile("buyer@example.com", null, 9001L), Instant.now());

        var attacker = server.get("/api/me", sign(supabase("sb-attacker", "buyer@example.com")));
        assertThat(attacker.json().get("pass_id").asText()).isEqualTo("pass:user:sb-attacker");
        assertThat(server.wiring
                        .database()
                        .customers()
                        .find(PassId.shopify(9001))
                        .orElseThrow()
                        .userId())
                .isNull();

        var owner = server.get(
                "/api/me", sign(supabase("sb-buyer", "buyer@example.com").claim("email_verified", true)));
        assertThat(owner.json().get("pass_id").asText()).isEqualTo("pass:shopify:9001");
    }

    @Test
    void supabaseTokensFromAnotherIssuerAreRefused() throws Exception {
        String foreign =
                sign(supabase("sb-foreign", "f@example.com").issuer("https://other-project.supabase.co/auth/v1"));
        String none = sign(supabase("sb-no-issuer", "n@example.com").issuer(null));

        assertThat(server.get("/api/me", foreign).status()).isEqualTo(401);
        assertThat(server.get("/api/me", none).status()).isEqualTo(401);
        assertThat(server.get("/api/me", sign(supabase("sb-ours", "o@example.com")))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void checkingACodeForAnEmailNeverSeenCreatesNoCustomer() throws Exception {
        var reply =
                postFrom(20, "/api/auth/email/verify", "{\"email\":\"never.seen@example.com\",\"code\":\"123456\"}");

        assertThat(server.wiring.database().customers().findByEmail("never.seen@example.com"))
                .isEmpty();
        assertThat(server.wiring
                        .database()
                        .customers()
                        .find(PassId.user(EmailLogin.userIdOf("never.seen@example.com"))))
                .isEmpty();
        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void askingForACodeCreatesNoCustomerTheFirstSignedInCallDoes() throws Exception {
        assertThat(postFrom(22, "/api/auth/email/start", "{\"email\":\"asked@example.com\"}")
                        .status())
                .isEqualTo(202);

        assertThat(server.wiring.database().customers().findByEmail("asked@example.com"))
                .isEmpty();
        String token = server.token("asked@example.com");
        assertThat(server.get("/api/me", token).json().get("credits").asLong())
                .as("welcome matcha once signed in")
                .isEqualTo(5);
        assertThat(server.wiring.database().customers().findByEmail("asked@example.com"))
                .isPresent();
    }

    @Test
    void aRefusedCodeReadsTheSameWhetherACodeIsPendingOrNot() throws Exception {
        assertThat(postFrom(21, "/api/auth/email/start", "{\"email\":\"pending@example.com\"}")
                        .status())
                .isEqualTo(202);

        var pending = postFrom(21, "/api/auth/email/verify", "{\"email\":\"pending@example.com\",\"code\":\"000000\"}");
        var none =
                postFrom(21, "/api/auth/email/verify", "{\"email\":\"nothing-asked@example.com\",\"code\":\"000000\"}");
        assertThat(pending.status()).isEqualTo(none.status()).isEqualTo(401);
        assertThat(pending.json().get("detail")).isEqualTo(none.json().get("detail"));

        for (int i = 0; i < EmailLogin.ATTEMPTS + 1; i++) {
            var usedUp =
                    postFrom(21, "/api/auth/email/verify", "{\"email\":\"pending@example.com\",\"code\":\"000001\"}");
            assertThat(usedUp.status()).as("guess %d", i).isEqualTo(401);
            assertThat(usedUp.json().get("detail")).isEqualTo(none.json().get("detail"));
        }
    }

    @Test
    void eachRequesterIsLimitedBeforeAnyEmailIsLookedAt() throws Exception {
        for (int i = 0; i < AuthRoutes.CODE_REQUESTS_PER_REQUESTER; i++) {
            assertThat(postFrom(30, "/api/auth/email/start", "{\"email\":\"r" + i + "@example.com\"}")
                            .status())
                    .isEqualTo(202);
        }
        var limited = postFrom(30, "/api/auth/email/start", "{\"email\":\"r-next@example.com\"}");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotNull();

        assertThat(postFrom(31, "/api/auth/email/start", "{\"email\":\"r-next@example.com\"}")
                        .status())
                .as("another requester is not held up")
                .isEqualTo(202);
    }

    @Test
    void aForwardedForHeaderIsNotBelievedWithoutTrustedProxies() throws Exception {
        for (int i = 0; i < AuthRoutes.CODE_REQUESTS_PER_REQUESTER; i++) {
            assertThat(postFrom(
                                    server,
                                    32,
                                    "198.51.100." + i,
                                    "/api/auth/email/start",
                                    "{\"email\":\"x" + i + "@example.com\"}")
                            .status())
                    .isEqualTo(202);
        }
        assertThat(postFrom(server, 32, "198.51.100.99", "/api/auth/email/start", "{\"email\":\"x-next@example.com\"}")
                        .status())
                .as("a made-up address does not make a new requester")
                .isEqualTo(429);
    }

    @Test
    void behindATrustedProxyEachClientItForwardsIsItsOwnRequester() throws Exception {
        try (TestServer proxied = new TestServer(Map.of("MINA_TRUSTED_PROXIES", "1"))) {
            for (int i = 0; i < AuthRoutes.CODE_REQUESTS_PER_REQUESTER; i++) {
                assertThat(postFrom(
                                        proxied,
                                        33,
                                        "1.2.3." + i + ", 203.0.113.7",
                                        "/api/auth/email/start",
                                        "{\"email\":\"p" + i + "@example.com\"}")
                                .status())
                        .isEqualTo(202);
            }
            assertThat(postFrom(
                                    proxied,
                                    33,
                                    "203.0.113.7",
                                    "/api/auth/email/start",
                                    "{\"email\":\"p-next@example.com\"}")
                            .status())
                    .as("the client the proxy saw, whatever it wrote further left")
                    .isEqualTo(429);
            assertThat(postFrom(
                                    proxied,
                                    33,
                                    "203.0.113.8",
                                    "/api/auth/email/start",
                                    "{\"email\":\"p-next@example.com\"}")
                            .status())
                    .as("another client behind the same proxy")
                    .isEqualTo(202);
        }
    }

    @Test
    void aTrustedProxyCountThatIsNotANumberIsRefusedAtStart() {
        assertThat(HttpSettings.from(Map.of("MINA_TRUSTED_PROXIES", "2")::get).trustedProxies())
                .isEqualTo(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> HttpSettings.from(Map.of("MINA_TRUSTED_PROXIES", "yes")::get))
                .isInstanceOf(me.minav3.mma.error.ConfigurationError.class)
                .hasMessageContaining("MINA_TRUSTED_PROXIES");
    }

    @Test
    void askingForCodesFromManyAddressesDelaysTheOwnerByMinutesNotAnHour() throws Exception {
        for (int host = 40; host < 48; host++) {
            var reply = postFrom(host, "/api/auth/email/start", "{\"email\":\"boss@example.com\"}");
            if (reply.status() == 429) {
                assertThat(Long.parseLong(reply.header("Retry-After")))
                        .as("from 127.0.0.%d", host)
                        .isLessThanOrEqualTo(EmailLogin.LONGEST_WAIT.toSeconds());
            } else {
                assertThat(reply.status()).isEqualTo(202);
            }
        }
        var owner = postFrom(48, "/api/auth/email/start", "{\"email\":\"boss@example.com\"}");
        assertThat(owner.status()).isEqualTo(429);
        assertThat(Long.parseLong(owner.header("Retry-After")))
                .isLessThanOrEqualTo(EmailLogin.LONGEST_WAIT.toSeconds());
    }

    @Test
    void anonymousAdminProbesWriteNoAuditRowButRefusedUsersAreAuditedByName() throws Exception {
        int before = server.wiring.database().audit().recent(10_000).size();
        String forged = sign(supabase("sb-x", "x@example.com")) + "x";

        assertThat(server.get("/api/admin/generations", null).status()).isEqualTo(401);
        assertThat(server.get("/api/admin/generations", forged).status()).isEqualTo(401);
        assertThat(server.get("/api/admin/no-such-thing", null).status()).isEqualTo(404);
        assertThat(server.post("/api/admin/credits/grant", null, "{}").status()).isEqualTo(401);

        assertThat(server.wiring.database().audit().recent(10_000)).hasSize(before);
        assertThat(server.get("/metrics", server.adminToken("boss@example.com")).body())
                .containsPattern("mina_admin_anonymous_total\\{status=\"401\",?} [1-9]");

        String stranger = server.token("stranger@example.com");
        String passId = server.get("/api/me", stranger).json().get("pass_id").asText();
        assertThat(server.get("/api/admin/audit", stranger).status()).isEqualTo(403);
        assertThat(server.get("/api/admin/no-such-thing", stranger).status()).isEqualTo(404);

        var refused = server.wiring.database().audit().recent(2);
        assertThat(refused).extracting(e -> e.actor()).containsOnly(passId);
        assertThat(refused).extracting(e -> e.status()).containsExactlyInAnyOrder(403, 404);
    }
}
