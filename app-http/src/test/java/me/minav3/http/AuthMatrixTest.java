package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may call what: missing, expired, forged and misaddressed tokens; Supabase secrets and keys; owners; admins. */
class AuthMatrixTest {

    private static final String SUPABASE_SECRET = "supabase-jwt-secret-0123456789-0123456789";
    private static TestServer server;
    private static HttpServer jwks;
    private static final AtomicReference<JWKSet> KEYS = new AtomicReference<>();
    private static RSAKey firstKey;

    @BeforeAll
    static void start() throws Exception {
        firstKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        KEYS.set(new JWKSet(firstKey.toPublicJWK()));
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/auth/v1/.well-known/jwks.json", exchange -> {
            byte[] body = KEYS.get().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        server = new TestServer(Map.of(
                "SUPABASE_JWT_SECRET",
                SUPABASE_SECRET,
                "SUPABASE_URL",
                "http://127.0.0.1:" + jwks.getAddress().getPort()));
    }

    @AfterAll
    static void stop() {
        server.close();
        jwks.stop(0);
    }

    private static JWTClaimsSet.Builder claims(String sub, Instant expires) {
        return new JWTClaimsSet.Builder()
                .subject(sub)
                .audience("authenticated")
                .claim("email", sub + "@example.com")
                .issuer("http://127.0.0.1:" + jwks.getAddress().getPort() + "/auth/v1")
                .expirationTime(Date.from(expires))
                .issueTime(new Date());
    }

    private static String hs256(JWTClaimsSet claims, String secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static String rs256(JWTClaimsSet claims, RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void userRoutesRefuseMissingExpiredForgedAndMisaddressedTokens() throws Exception {
        Instant later = Instant.now().plusSeconds(600);
        List<String> bad = List.of(
                "not-a-jwt",
                hs256(claims("ann", Instant.now().minusSeconds(3600)).build(), SUPABASE_SECRET),
                hs256(claims("ann", later).build(), "some-other-secret-0123456789-0123456789"),
                hs256(claims("ann", later).audience("someone-else").build(), SUPABASE_SECRET),
                rs256(
                        claims("ann", later).build(),
                        new RSAKeyGenerator(2048).keyID("k1").generate()));
        for (String path : List.of("/api/me", "/api/archive", "/api/generations/generation:x")) {
            assertThat(server.get(path, null).status()).isEqualTo(401);
            for (String token : bad) {
                var reply = server.get(path, token);
                assertThat(reply.status()).as(path + " with " + token).isEqualTo(401);
                assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
            }
        }
    }

    @Test
    void supabaseTokensSignedWithTheSecretOrTheProjectKeysAreAccepted() throws Exception {
        Instant later = Instant.now().plusSeconds(600);
        var bySecret = server.get("/api/me", hs256(claims("sb-user-1", later).build(), SUPABASE_SECRET));
        assertThat(bySecret.status()).isEqualTo(200);
        assertThat(bySecret.json().get("pass_id").asText()).isEqualTo("pass:user:sb-user-1");

        assertThat(server.get("/api/me", rs256(claims("sb-user-2", later).build(), firstKey))
                        .status())
                .isEqualTo(200);

        RSAKey rotated = new RSAKeyGenerator(2048).keyID("k2").generate();
        KEYS.set(new JWKSet(List.of(firstKey.toPublicJWK(), rotated.toPublicJWK())));
        assertThat(server.get("/api/me", rs256(claims("sb-user-3", later).build(), rotated))
                        .status())
                .as("an unknown key id refreshes the cached key set")
                .isEqualTo(200);
    }

    @Test
    void nobodySeesAnotherUsersGenerationsAndOnlyAdminsSeeAdminRoutes() {
        String owner = server.token("owner@example.com");
        server.customer(owner, 3);
        String id = server.post("/api/stills", owner, "{\"brief\":\"mine\"}")
                .json()
                .get("generation_id")
                .asText();
        server.awaitFinished(id, owner);
        String stranger = server.token("stranger@example.com");
        server.customer(stranger, 3);

        assertThat(server.get("/api/generations/" + id, stranger).status()).isEqualTo(404);
        assertThat(server.get("/api/generations/" + id + "/stream", stranger).status())
                .isEqualTo(404);
        assertThat(server.get("/api/generations/" + id + "/recreate", stranger).status())
                .isEqualTo(404);
        assertThat(server.post("/api/generations/" + id + "/tweak", stranger, "{\"feedback\":\"x\"}")
                        .status())
                .isEqualTo(404);
        assertThat(server.post("/api/generations/" + id + "/events", stranger, "{\"type\":\"like\"}")
                        .status())
                .isEqualTo(404);
        assertThat(server.get("/api/generations/generation:does-not-exist", stranger)
                        .status())
                .isEqualTo(404);
        assertThat(server.get("/api/archive", stranger).json().get("items")).isEmpty();

        for (String path : List.of(
                "/api/admin/generations",
                "/api/admin/reconcile",
                "/api/admin/config",
                "/api/admin/audit",
                "/api/admin/generations/" + id)) {
            assertThat(server.get(path, stranger).status()).as(path).isEqualTo(403);
            assertThat(server.get(path, null).status()).as(path).isEqualTo(401);
        }
        assertThat(server.get("/api/admin/generations/" + id, server.adminToken("boss@example.com"))
                        .status())
                .isEqualTo(200);
        assertThat(server.get("/api/admin/generations", server.token("boss@example.com"))
                        .status())
                .as("an email in MINA_ADMIN_EMAILS is an admin")
                .isEqualTo(200);
    }
}
