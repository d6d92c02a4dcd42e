package me.minav3.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URL;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import me.minav3.mma.common.Clock;
import me.minav3.mma.error.AccessDenied;
import me.minav3.mma.studio.Identity;
import me.minav3.mma.studio.RevokeTokens;
import org.jspecify.annotations.Nullable;

/**
 * Login tokens. Accepted: tokens this server issued (HS256 with the local secret), Supabase tokens signed with the
 * project's JWT secret (HS256), and Supabase tokens signed with the project's asymmetric keys (looked up in its
 * JWKS, cached, refreshed when an unknown key id appears). Every token must be unexpired and meant for
 * {@code authenticated}; a Supabase token must come from the project ({@code iss} = {@code SUPABASE_URL/auth/v1}
 * when that is set) and must not be an anonymous sign-in (refused: it would farm welcome matcha). An email counts
 * as verified for a local login, and for a Supabase login only when the token says so (see {@link #emailVerified});
 * only a verified email makes an admin through {@code MINA_ADMIN_EMAILS}.
 */
public final class Tokens {

    static final String AUDIENCE = "authenticated";
    static final String LOCAL_ISSUER = "mina-local";
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /**
     * @param supabaseSecret {@code SUPABASE_JWT_SECRET}, or null
     * @param jwksUrl        the project's JWKS ({@code SUPABASE_URL} + {@code /auth/v1/.well-known/jwks.json}), or null
     * @param adminEmails    {@code MINA_ADMIN_EMAILS}, lower case
     * @param supabaseIssuer the {@code iss} every Supabase token must carry ({@code SUPABASE_URL/auth/v1}), or null
     */
    record Settings(
            byte[] localSecret,
            byte @Nullable [] supabaseSecret,
            @Nullable URL jwksUrl,
            Set<String> adminEmails,
            @Nullable String supabaseIssuer) {}

    private final Settings settings;
    private final Clock clock;
    private final @Nullable DefaultJWTProcessor<SecurityContext> jwksProcessor;

    /** The server's tokens: its own local logins, and Supabase's when configured. */
    public static Tokens forServer(HttpSettings settings, byte[] localSecret, Clock clock) {
        return new Tokens(
                new Settings(
                        localSecret,
                        settings.supabaseJwtSecret(),
                        settings.jwksUrl(),
                        settings.adminEmails(),
                        settings.supabaseUrl() == null ? null : settings.supabaseUrl() + "/auth/v1"),
                clock);
    }

    Tokens(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        if (settings.jwksUrl() != null) {
            JWKSource<SecurityContext> keys =
                    JWKSourceBuilder.create(settings.jwksUrl()).retrying(true).build();
            jwksProcessor = new DefaultJWTProcessor<>();
            jwksProcessor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                    Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA), keys));
            jwksProcessor.setJWTClaimsSetVerifier((claims, context) -> {}); // checked below, with our clock
        } else {
            jwksProcessor = null;
        }
    }

    /** A token for a local login (email code, or {@code mina auth token}). */
    String issue(Identity identity, boolean admin, Duration ttl) {
        Instant now = clock.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(LOCAL_ISSUER)
                .audience(AUDIENCE)
                .subject(identity.userId())
                .claim("email", identity.email())
                .claim("role", admin ? "admin" : AUDIENCE)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(settings.localSecret()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a login token", e);
        }
    }

    /** The identity a valid token proves; {@link AccessDenied} (401) for anything else. */
    Identity verify(String token) {
        return identityOf(verifiedClaims(token));
    }

    /** A valid token's identity and what logout and revocation know it by; {@link AccessDenied} (401) otherwise. */
    Proof prove(String token) {
        JWTClaimsSet claims = verifiedClaims(token);
        return new Proof(identityOf(claims), TokenIds.presented(token, claims));
    }

    /** What a verified token proves, and the token as revocation sees it. */
    record Proof(Identity identity, RevokeTokens.Presented token) {}

    private JWTClaimsSet verifiedClaims(String token) {
        JWTClaimsSet claims;
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
            if (JWSAlgorithm.HS256.equals(alg)) {
                if (!verifiedBy(jwt, settings.localSecret()) && !verifiedBy(jwt, settings.supabaseSecret())) {
                    throw denied("the token's signature is not valid");
                }
                claims = jwt.getJWTClaimsSet();
            } else if (jwksProcessor != null) {
                claims = jwksProcessor.process(jwt, null);
            } else {
                throw denied("tokens signed with " + alg + " are not accepted here");
            }
        } catch (ParseException e) {
            throw denied("the token is not a JWT");
        } catch (BadJOSEException | JOSEException e) {
            throw denied("the token's signature is not valid");
        }
        return claims;
    }

    private static boolean verifiedBy(SignedJWT jwt, byte @Nullable [] secret) {
        if (secret == null || secret.length < 32) {
            return false;
        }
        try {
            return jwt.verify(new MACVerifier(secret));
        } catch (JOSEException e) {
            return false;
        }
    }

    private Identity identityOf(JWTClaimsSet claims) {
        Instant now = clock.now();
        if (claims.getExpirationTime() == null
                || !claims.getExpirationTime().toInstant().plus(SKEW).isAfter(now)) {
            throw denied("the token expired");
        }
        if (claims.getNotBeforeTime() != null
                && claims.getNotBeforeTime().toInstant().minus(SKEW).isAfter(now)) {
            throw denied("the token is not valid yet");
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(AUDIENCE)) {
            throw denied("the token is not meant for this service");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank() || !SUBJECT.matcher(subject).matches()) {
            throw denied("the token names no valid user");
        }
        // This server's own tokens name it as issuer; a Supabase token cannot (Supabase writes its own iss).
        boolean local = LOCAL_ISSUER.equals(claims.getIssuer());
        if (!local) {
            checkSupabase(claims);
        }
        String email = stringClaim(claims, "email");
        email = email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
        boolean verified = email != null && (local || emailVerified(claims));
        return new Identity(subject, email, null, isAdmin(claims, verified ? email : null), verified);
    }

    /** Supabase's own rules: the project's issuer, and no anonymous sign-ins (they prove no one). */
    private void checkSupabase(JWTClaimsSet claims) {
        if (settings.supabaseIssuer() != null && !settings.supabaseIssuer().equals(claims.getIssuer())) {
            throw denied("the token was not issued by this project's Supabase Auth");
        }
        if (Boolean.TRUE.equals(claims.getClaim("is_anonymous"))
                || "anon".equals(stringClaim(claims, "role"))
                || amr(claims).contains("anonymous")) {
            throw denied("anonymous sign-ins are not accepted here; sign in with Google or an email code");
        }
    }

    /**
     * Whether a Supabase token proves its email: an explicit {@code email_verified} claim (added by a custom access
     * token hook) decides; otherwise a session signed in by email code or link ({@code amr} {@code otp}/{@code
     * magiclink} with {@code app_metadata.provider} {@code email}) proves it, and so does an OAuth session whose
     * provider reported the email verified ({@code user_metadata.email_verified}). Anything else does not.
     */
    static boolean emailVerified(JWTClaimsSet claims) {
        Object explicit = claims.getClaim("email_verified");
        if (explicit instanceof Boolean verified) {
            return verified;
        }
        Set<String> methods = amr(claims);
        if ((methods.contains("otp") || methods.contains("magiclink"))
                && "email".equals(objectClaim(claims, "app_metadata").get("provider"))) {
            return true;
        }
        return methods.contains("oauth")
                && Boolean.TRUE.equals(objectClaim(claims, "user_metadata").get("email_verified"));
    }

    /** The methods of Supabase's {@code amr} claim ({@code [{"method": "oauth", "timestamp": …}]}). */
    private static Set<String> amr(JWTClaimsSet claims) {
        if (!(claims.getClaim("amr") instanceof List<?> entries)) {
            return Set.of();
        }
        Set<String> methods = new java.util.HashSet<>();
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> map && map.get("method") instanceof String method) {
                methods.add(method);
            } else if (entry instanceof String method) {
                methods.add(method);
            }
        }
        return methods;
    }

    private static Map<String, Object> objectClaim(JWTClaimsSet claims, String name) {
        try {
            Map<String, Object> value = claims.getJSONObjectClaim(name);
            return value == null ? Map.of() : value;
        } catch (ParseException e) {
            return Map.of();
        }
    }

    /** {@code email} is the login's email only when it is verified (null otherwise). */
    private boolean isAdmin(JWTClaimsSet claims, @Nullable String email) {
        if ("admin".equals(stringClaim(claims, "role"))) {
            return true;
        }
        try {
            Map<String, Object> appMetadata = claims.getJSONObjectClaim("app_metadata");
            if (appMetadata != null && "admin".equals(appMetadata.get("role"))) {
                return true;
            }
        } catch (ParseException ignored) {
            // not an object: no admin role there
        }
        return email != null && settings.adminEmails().contains(email);
    }

    private static @Nullable String stringClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String text ? text : null;
    }

    private static AccessDenied denied(String why) {
        return new AccessDenied(AccessDenied.Reason.UNAUTHENTICATED, why);
    }
}
