package me.minav3.adapters.providers;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import me.minav3.mma.common.Clock;
import me.minav3.mma.error.ConfigurationError;

/**
 * The bearer token of Kling's official API: an HS256 JWT with header {@code {alg: HS256, typ: JWT}}, issued by the
 * access key, valid from 5 s ago (clock skew) for 30 minutes, signed with the secret key.
 */
final class KlingToken {

    static final long LIFETIME_SECONDS = 1_800;
    static final long SKEW_SECONDS = 5;

    private final String accessKey;
    private final MACSigner signer;
    private final Clock clock;

    KlingToken(String accessKey, String secretKey, Clock clock) {
        this.accessKey = accessKey;
        this.clock = clock;
        try {
            this.signer = new MACSigner(secretKey.getBytes(StandardCharsets.UTF_8));
        } catch (JOSEException e) {
            // The message names only the required key length, never the key.
            throw new ConfigurationError("KLING_SECRET_KEY cannot sign HS256 tokens: it must be at least 32 bytes");
        }
    }

    /** A fresh token; made for each request, so a long poll never outlives one. */
    String next() {
        Instant now = clock.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(accessKey)
                .expirationTime(Date.from(now.plusSeconds(LIFETIME_SECONDS)))
                .notBeforeTime(Date.from(now.minusSeconds(SKEW_SECONDS)))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
        return jwt.serialize();
    }
}
