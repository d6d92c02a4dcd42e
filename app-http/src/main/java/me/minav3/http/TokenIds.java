package me.minav3.http;

import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import me.minav3.mma.studio.RevokeTokens;

/**
 * What logout remembers a verified token by (decision 016): a Supabase token by its {@code session_id} (signing out
 * ends the whole session, refreshed tokens included), a token with a {@code jti} (every local token) by that, any
 * other by a hash of the token itself. Stored hashed, so stored ids have one length and reveal nothing.
 */
final class TokenIds {

    private TokenIds() {}

    @SuppressWarnings("NullAway") // nulls the called code does not yet declare @Nullable: listed in the issue 25 report
    static RevokeTokens.Presented presented(String token, JWTClaimsSet claims) {
        Instant issuedAt =
                claims.getIssueTime() == null ? null : claims.getIssueTime().toInstant();
        Instant expiresAt = claims.getExpirationTime().toInstant();
        Object session = claims.getClaim("session_id");
        if (session instanceof String id && !id.isBlank()) {
            return new RevokeTokens.Presented("sid:" + hash(id), issuedAt, expiresAt, true);
        }
        String jti = claims.getJWTID();
        if (jti != null && !jti.isBlank()) {
            return new RevokeTokens.Presented("jti:" + hash(jti), issuedAt, expiresAt, false);
        }
        return new RevokeTokens.Presented("tok:" + hash(token), issuedAt, expiresAt, false);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
