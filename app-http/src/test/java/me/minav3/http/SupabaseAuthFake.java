package me.minav3.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Supabase Auth (GoTrue) as far as the studio page uses it, speaking its documented REST API (supabase/auth
 * {@code openapi.yaml}): {@code GET /auth/v1/authorize?provider=google&redirect_to=…} straight back with a session in
 * the fragment; {@code POST /auth/v1/token?grant_type=refresh_token} with {@code {"refresh_token"}} (each refresh
 * token works once); {@code POST /auth/v1/otp} with {@code {"email"}} (the code lands in {@link #codeFor}); and
 * {@code POST /auth/v1/verify} with {@code {"type":"email","email","token"}}. Every call needs the {@code apikey}
 * header; browsers get CORS answers as from Supabase. Access tokens are HS256 with the project's JWT secret and live
 * as long as the fake is told.
 */
final class SupabaseAuthFake implements AutoCloseable {

    static final String SECRET = "supabase-project-secret-0123456789-abcdef";
    static final String ANON_KEY = "anon-key";
    private static final Pattern BACK = Pattern.compile("provider=google&redirect_to=(.+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private record User(String id, String email) {}

    /** A refresh token's sign-in: who, and the Supabase session it belongs to (kept across refreshes). */
    private record Grant(User user, String sessionId, boolean google) {}

    private final HttpServer http;
    private final String googleEmail;
    private final Duration lifetime;
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, String> codes = new ConcurrentHashMap<>();
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final List<String> accessTokens = new CopyOnWriteArrayList<>();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final AtomicInteger logouts = new AtomicInteger();

    SupabaseAuthFake(String googleEmail) throws IOException {
        this(googleEmail, Duration.ofHours(1));
    }

    /** @param lifetime how long each access token is valid ({@code expires_in}) */
    SupabaseAuthFake(String googleEmail, Duration lifetime) throws IOException {
        this.googleEmail = googleEmail;
        this.lifetime = lifetime;
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/auth/v1/authorize", this::authorize);
        http.createContext("/auth/v1/token", exchange -> api(exchange, this::token));
        http.createContext("/auth/v1/otp", exchange -> api(exchange, this::otp));
        http.createContext("/auth/v1/verify", exchange -> api(exchange, this::verify));
        http.createContext("/auth/v1/logout", exchange -> api(exchange, this::logout));
        http.start();
    }

    String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** How many refresh-token grants were answered (accepted or not). */
    int refreshes() {
        return refreshes.get();
    }

    /** Every access token issued, oldest first. */
    List<String> accessTokens() {
        return List.copyOf(accessTokens);
    }

    /** The email code Supabase "sent" to {@code email}, or null. */
    String codeFor(String email) {
        return codes.get(email.toLowerCase(java.util.Locale.ROOT));
    }

    /** How many sessions were ended with {@code POST /auth/v1/logout}. */
    int logouts() {
        return logouts.get();
    }

    /** How many refresh tokens would still be accepted. */
    int liveRefreshTokens() {
        return refreshTokens.size();
    }

    /** Signs every user out on Supabase's side (as an admin would): no refresh token works any more. */
    void revokeAll() {
        refreshTokens.clear();
    }

    private void authorize(HttpExchange exchange) throws IOException {
        String query = URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
        Matcher back = BACK.matcher(query);
        String location = "/";
        if (back.matches()) {
            Map<String, Object> session =
                    session(user(googleEmail), UUID.randomUUID().toString(), true);
            location = back.group(1) + "#access_token=" + session.get("access_token") + "&expires_at="
                    + session.get("expires_at") + "&expires_in=" + session.get("expires_in")
                    + "&provider_token=google-token"
                    + "&refresh_token="
                    + URLEncoder.encode((String) session.get("refresh_token"), StandardCharsets.UTF_8)
                    + "&token_type=bearer";
        }
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private interface Handler {
        Reply handle(HttpExchange exchange, JsonNode body);
    }

    private record Reply(int status, Object body) {}

    /** CORS preflight, the apikey check and JSON in and out, as Supabase's gateway does. */
    private void api(HttpExchange exchange, Handler handler) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Access-Control-Allow-Origin", "*");
        if ("OPTIONS".equals(exchange.getRequestMethod())) {
            headers.set("Access-Control-Allow-Methods", "GET,HEAD,PUT,PATCH,POST,DELETE");
            headers.set("Access-Control-Allow-Headers", "authorization,x-client-info,apikey,content-type");
            headers.set("Access-Control-Max-Age", "3600");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        Reply reply;
        if (!ANON_KEY.equals(exchange.getRequestHeaders().getFirst("apikey"))) {
            reply = new Reply(
                    401,
                    Map.of(
                            "message",
                            "No API key found in request",
                            "hint",
                            "No `apikey` request header or url param was found."));
        } else if (!"POST".equals(exchange.getRequestMethod())) {
            reply = new Reply(
                    405, Map.of("code", 405, "error_code", "method_not_allowed", "msg", "Method Not Allowed"));
        } else {
            JsonNode body;
            try {
                byte[] raw = exchange.getRequestBody().readAllBytes();
                // Logout takes no body; every other call a JSON object.
                body = raw.length == 0 && exchange.getRequestURI().getPath().endsWith("/logout")
                        ? JSON.createObjectNode()
                        : JSON.readTree(raw);
            } catch (IOException e) {
                body = null;
            }
            reply = body == null || !body.isObject()
                    ? error(400, "bad_json", "Could not parse request body as JSON")
                    : handler.handle(exchange, body);
        }
        if (reply.status() == 204) {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        byte[] json = JSON.writeValueAsBytes(reply.body());
        headers.set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), json.length);
        exchange.getResponseBody().write(json);
        exchange.close();
    }

    private Reply token(HttpExchange exchange, JsonNode body) {
        if (!"grant_type=refresh_token".equals(exchange.getRequestURI().getRawQuery())) {
            return error(400, "validation_failed", "unsupported_grant_type");
        }
        refreshes.incrementAndGet();
        String refreshToken = body.path("refresh_token").asText("");
        if (refreshToken.isEmpty()) {
            return error(400, "validation_failed", "Refresh Token is missing");
        }
        Grant grant = refreshTokens.remove(refreshToken);
        if (grant == null) {
            return error(400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
        }
        return new Reply(200, session(grant.user(), grant.sessionId(), grant.google()));
    }

    private Reply otp(HttpExchange exchange, JsonNode body) {
        String email = body.path("email").asText("").strip().toLowerCase(java.util.Locale.ROOT);
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            return error(400, "validation_failed", "Unable to validate email address: invalid format");
        }
        codes.put(email, String.format("%06d", RANDOM.nextInt(1_000_000)));
        return new Reply(200, Map.of());
    }

    private Reply verify(HttpExchange exchange, JsonNode body) {
        String email = body.path("email").asText("").strip().toLowerCase(java.util.Locale.ROOT);
        if (!"email".equals(body.path("type").asText())) {
            return error(400, "validation_failed", "Verify requires a verification type");
        }
        String code = codes.get(email);
        if (code == null || !code.equals(body.path("token").asText())) {
            return error(403, "otp_expired", "Token has expired or is invalid");
        }
        codes.remove(email);
        return new Reply(200, session(user(email), UUID.randomUUID().toString(), false));
    }

    /**
     * {@code POST /auth/v1/logout} with the user's access token (scope {@code global}, the default): every refresh
     * token of its session stops working; 204.
     */
    private Reply logout(HttpExchange exchange, JsonNode body) {
        String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        String sessionId;
        try {
            sessionId = (String) SignedJWT.parse(authorization.substring(authorization.indexOf(' ') + 1))
                    .getJWTClaimsSet()
                    .getClaim("session_id");
        } catch (java.text.ParseException | RuntimeException e) {
            return error(401, "no_authorization", "This endpoint requires a valid Bearer token");
        }
        refreshTokens.values().removeIf(grant -> grant.sessionId().equals(sessionId));
        logouts.incrementAndGet();
        return new Reply(204, Map.of());
    }

    private static Reply error(int status, String errorCode, String message) {
        return new Reply(status, Map.of("code", status, "error_code", errorCode, "msg", message));
    }

    private User user(String email) {
        return users.computeIfAbsent(
                email,
                e -> new User(
                        UUID.nameUUIDFromBytes(e.getBytes(StandardCharsets.UTF_8))
                                .toString(),
                        e));
    }

    /** Supabase's AccessTokenResponse: a fresh access token and a new one-time refresh token, in one session. */
    private Map<String, Object> session(User user, String sessionId, boolean google) {
        Instant now = Instant.now();
        Instant expires = now.plus(lifetime);
        String accessToken = accessToken(user, sessionId, google, now, expires);
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String refreshToken = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        refreshTokens.put(refreshToken, new Grant(user, sessionId, google));
        accessTokens.add(accessToken);
        return Map.of(
                "access_token",
                accessToken,
                "token_type",
                "bearer",
                "expires_in",
                lifetime.toSeconds(),
                "expires_at",
                expires.getEpochSecond(),
                "refresh_token",
                refreshToken,
                "user",
                Map.of(
                        "id",
                        user.id(),
                        "aud",
                        "authenticated",
                        "role",
                        "authenticated",
                        "email",
                        user.email(),
                        "email_confirmed_at",
                        now.toString(),
                        "app_metadata",
                        Map.of("provider", "email"),
                        "user_metadata",
                        Map.of("email", user.email(), "email_verified", true)));
    }

    /** As Supabase Auth writes it: issuer, session, and how the user signed in ({@code amr}, the provider). */
    private String accessToken(User user, String sessionId, boolean google, Instant now, Instant expires) {
        String provider = google ? "google" : "email";
        var claims = new JWTClaimsSet.Builder()
                .issuer(url() + "/auth/v1")
                .subject(user.id())
                .audience("authenticated")
                .claim("email", user.email())
                .claim("role", "authenticated")
                .claim("aal", "aal1")
                .claim("session_id", sessionId)
                .claim("is_anonymous", false)
                .claim("amr", List.of(Map.of("method", google ? "oauth" : "otp", "timestamp", now.getEpochSecond())))
                .claim("app_metadata", Map.of("provider", provider, "providers", List.of(provider)))
                .claim("user_metadata", Map.of("email", user.email(), "email_verified", true))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .build();
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
