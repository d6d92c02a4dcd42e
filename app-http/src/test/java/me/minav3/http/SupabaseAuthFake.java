package me.minav3.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Supabase Auth's {@code /auth/v1/authorize?provider=google&redirect_to=…} as far as the page sees it: straight back
 * to {@code redirect_to} with a token for one user in the fragment, signed with the project's JWT secret (HS256).
 */
final class SupabaseAuthFake implements AutoCloseable {

    static final String SECRET = "supabase-project-secret-0123456789-abcdef";
    private static final Pattern BACK = Pattern.compile("provider=google&redirect_to=(.+)");

    private final HttpServer http;

    SupabaseAuthFake(String email) throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/auth/v1/authorize", exchange -> {
            String query = URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
            Matcher back = BACK.matcher(query);
            String location = back.matches()
                    ? back.group(1) + "#access_token=" + token(email, url() + "/auth/v1") + "&token_type=bearer&expires_in=3600" : "/";
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        http.start();
    }

    String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** A Google sign-in's access token as Supabase Auth writes it (issuer, amr, provider metadata). */
    private static String token(String email, String issuer) {
        var claims = new JWTClaimsSet.Builder().subject("8d0f6a2e-0c4b-4d7e-9a51-3f2b1c9e7a10").audience("authenticated")
                .claim("email", email).claim("role", "authenticated")
                .issuer(issuer).claim("is_anonymous", false)
                .claim("amr", java.util.List.of(java.util.Map.of("method", "oauth", "timestamp", Instant.now().getEpochSecond())))
                .claim("app_metadata", java.util.Map.of("provider", "google", "providers", java.util.List.of("google")))
                .claim("user_metadata", java.util.Map.of("email", email, "email_verified", true))
                .expirationTime(Date.from(Instant.now().plusSeconds(3600))).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
