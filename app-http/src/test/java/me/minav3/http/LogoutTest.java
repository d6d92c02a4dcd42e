package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 16.4: logout refuses the presented token at once; an admin revokes every token of a customer. */
class LogoutTest {

    private static final String SUPABASE_SECRET = "supabase-jwt-secret-0123456789-0123456789";
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(Map.of("SUPABASE_JWT_SECRET", SUPABASE_SECRET));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aSignedOutTokenIsRefusedAtOnceWhileTheUsersOtherTokensStillWork() {
        String phone = server.token("ann@example.com");
        String laptop = server.token("ann@example.com");
        server.customer(phone, 0);
        assertThat(server.get("/api/me", phone).status()).isEqualTo(200);

        assertThat(server.post("/api/auth/logout", phone, "{}").status()).isEqualTo(204);

        var refused = server.get("/api/me", phone);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(server.post("/api/auth/logout", phone, "{}").status())
                .as("logging out twice")
                .isEqualTo(401);
        assertThat(server.get("/api/me", laptop).status()).isEqualTo(200);
    }

    @Test
    void logoutNeedsAValidToken() {
        assertThat(server.post("/api/auth/logout", null, "{}").status()).isEqualTo(401);
        assertThat(server.post("/api/auth/logout", "not-a-jwt", "{}").status()).isEqualTo(401);
    }

    @Test
    void signingOutASupabaseTokenEndsItsWholeSessionRefreshedTokensIncluded() throws Exception {
        String session = UUID.randomUUID().toString();
        String first = supabase("sb-carol", session, Instant.now().minusSeconds(5));
        String refreshed = supabase("sb-carol", session, Instant.now());
        String otherDevice = supabase("sb-carol", UUID.randomUUID().toString(), Instant.now());
        assertThat(server.get("/api/me", first).status()).isEqualTo(200);

        assertThat(server.post("/api/auth/logout", first, "{}").status()).isEqualTo(204);

        assertThat(server.get("/api/me", first).status()).isEqualTo(401);
        assertThat(server.get("/api/me", refreshed).status()).isEqualTo(401);
        assertThat(server.get("/api/me", otherDevice).status()).isEqualTo(200);
    }

    @Test
    void anAdminRevokesEveryTokenOfACustomerAndTheRevocationIsAudited() throws Exception {
        String one = server.token("dora@example.com");
        String two = server.token("dora@example.com");
        String passId = server.customer(one, 0).value();
        String admin = server.adminToken("boss@example.com");
        String path = "/api/admin/customers/" + passId + "/revoke-tokens";

        assertThat(server.post(path, two, "{}").status()).as("not an admin").isEqualTo(403);
        assertThat(server.get("/api/me", two).status()).isEqualTo(200);
        var revoked = server.post(path, admin, "{}");
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("pass_id").asText()).isEqualTo(passId);

        assertThat(server.get("/api/me", one).status()).isEqualTo(401);
        assertThat(server.get("/api/me", two).status()).isEqualTo(401);
        assertThat(server.get("/api/me", admin).status())
                .as("the admin's own token")
                .isEqualTo(200);
        Thread.sleep(1100); // iat counts whole seconds: the second of the revocation is refused too
        assertThat(server.get("/api/me", server.token("dora@example.com")).status())
                .as("a new login")
                .isEqualTo(200);

        var audit = server.get("/api/admin/audit", admin).json().get("entries");
        assertThat(audit.findValues("action")).extracting(node -> node.asText()).contains("auth.revoke_all");
        assertThat(server.post("/api/admin/customers/pass:user:nobody-here/revoke-tokens", admin, "{}")
                        .status())
                .isEqualTo(404);
        assertThat(server.post("/api/admin/customers/not-a-pass/revoke-tokens", admin, "{}")
                        .status())
                .isEqualTo(422);
    }

    private static String supabase(String sub, String session, Instant issued) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(sub)
                .audience("authenticated")
                .claim("email", sub + "@example.com")
                .claim("email_verified", true)
                .claim("is_anonymous", false)
                .claim("session_id", session)
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SUPABASE_SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
