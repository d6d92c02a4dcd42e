package me.minav3.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.AccessDenied;
import me.minav3.mma.studio.Identity;
import me.minav3.mma.studio.RevokeTokens;

/**
 * Stream tickets (decision 016): EventSource cannot send an Authorization header, so the page trades its bearer
 * token for a ticket bound to one generation and one customer, valid {@link #TTL} to open (and re-open) that
 * generation's stream, and accepted nowhere else. Signed with a key derived from the login secret, for an audience
 * login tokens never carry, so a ticket is no bearer token and a bearer token no ticket.
 */
public final class StreamTickets {

    static final Duration TTL = Duration.ofSeconds(60);
    private static final String AUDIENCE = "mina-stream";

    /** The target of a balance stream's ticket (never a generation id, which starts with {@code mg_}). */
    static final String BALANCE = "balance";

    /** A valid ticket: whose stream it opens, and the login token it was traded for (still checked for revocation). */
    record Ticket(PassId passId, Identity identity, RevokeTokens.Presented login) {}

    private final byte[] key;
    private final Clock clock;

    public StreamTickets(byte[] authSecret, Clock clock) {
        this.key = derive(authSecret);
        this.clock = clock;
    }

    /** A ticket for {@code generation}'s stream, for the caller who presented {@code login}. */
    String issue(Caller caller, RevokeTokens.Presented login, GenerationId generation) {
        return issue(caller, login, generation.mgId());
    }

    /** A ticket for the stream named {@code target}: a generation's id, or {@link #BALANCE}. */
    String issue(Caller caller, RevokeTokens.Presented login, String target) {
        Instant now = clock.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(Tokens.LOCAL_ISSUER)
                .audience(AUDIENCE)
                .subject(caller.passId().value())
                .claim("gen", target)
                .claim("uid", caller.identity().userId())
                .claim("tid", login.tokenId())
                .claim("tsess", login.session())
                .claim("texp", login.expiresAt().getEpochSecond())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TTL)))
                .jwtID(UUID.randomUUID().toString());
        if (login.issuedAt() != null) {
            claims.claim("tiat", login.issuedAt().getEpochSecond());
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a stream ticket", e);
        }
    }

    /** The ticket's holder when it is ours, unexpired and for {@code generation}; {@link AccessDenied} (401) otherwise. */
    @SuppressWarnings("NullAway") // nulls the called code does not yet declare @Nullable: listed in the issue 25 report
    Ticket verify(String ticket, GenerationId generation) {
        return verify(ticket, generation.mgId());
    }

    /** As {@link #verify(String, GenerationId)} for the stream named {@code target}. */
    @SuppressWarnings("NullAway")
    Ticket verify(String ticket, String target) {
        JWTClaimsSet claims;
        try {
            SignedJWT jwt = SignedJWT.parse(ticket);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(key))) {
                throw denied("the stream ticket's signature is not valid");
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw denied("the stream ticket is not valid");
        } catch (JOSEException e) {
            throw denied("the stream ticket's signature is not valid");
        }
        Instant now = clock.now();
        if (claims.getExpirationTime() == null
                || !claims.getExpirationTime().toInstant().isAfter(now)) {
            throw denied("the stream ticket expired; ask for a new one");
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(AUDIENCE) || !target.equals(claims.getClaim("gen"))) {
            throw denied("the stream ticket is not for this stream");
        }
        try {
            PassId passId = PassId.parse(claims.getSubject());
            String userId = claims.getStringClaim("uid");
            Long issued = claims.getLongClaim("tiat");
            Boolean session = claims.getBooleanClaim("tsess");
            var login = new RevokeTokens.Presented(
                    claims.getStringClaim("tid"),
                    issued == null ? null : Instant.ofEpochSecond(issued),
                    Instant.ofEpochSecond(claims.getLongClaim("texp")),
                    Boolean.TRUE.equals(session));
            return new Ticket(passId, new Identity(userId == null ? passId.value() : userId, null, null, false), login);
        } catch (ParseException | RuntimeException e) {
            throw denied("the stream ticket is not valid");
        }
    }

    private static byte[] derive(byte[] authSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(authSecret, "HmacSHA256"));
            return mac.doFinal("mina stream tickets v1".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the stream ticket key", e);
        }
    }

    private static AccessDenied denied(String why) {
        return new AccessDenied(AccessDenied.Reason.UNAUTHENTICATED, why);
    }
}
