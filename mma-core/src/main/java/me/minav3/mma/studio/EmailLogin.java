package me.minav3.mma.studio;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.Emails;
import me.minav3.mma.common.Json;
import me.minav3.mma.error.InvalidInput;
import org.jspecify.annotations.Nullable;

/**
 * The embedded default's email one-time-code login: a 6-digit code, kept only as a keyed hash in {@link LoginCodes}
 * (so any process can check it, and no customer exists before the code is right), valid 10 minutes, 5 attempts per
 * code. Codes for one email slow down instead of locking out: the first comes at once, each further one after a wait
 * that doubles (30 s, 1 min, 2 min … at most 15 min) and resets after an hour without codes, so whoever floods an
 * address only delays its owner. Every refused code gets the same answer, whether a code is pending or not. Counting uses an
 * atomic compare-and-set, so parallel guesses cannot exceed the attempts. The customer comes with the first signed-in
 * call, linked to a purchase's customer with the same email then ({@link ResolvePassId}: the email is verified).
 */
public final class EmailLogin {

    public static final Duration VALIDITY = Duration.ofMinutes(10);
    public static final int ATTEMPTS = 5;
    public static final Duration FIRST_WAIT = Duration.ofSeconds(30);
    public static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    /** After this long without a code the waits start again from none. */
    public static final Duration QUIET = Duration.ofHours(1);
    /** The one answer to every refused code (wrong, expired, used up, none pending, unknown email). */
    public static final String REFUSED = "that code is not valid; check it, or ask for a new one";

    /** The result of asking for a code. */
    public sealed interface Started {
        record Sent(Instant expiresAt) implements Started {}

        /** Codes for this email come too fast: the next one can be sent at {@code retryAfter} (minutes away at most). */
        record TooSoon(Instant retryAfter) implements Started {}
    }

    /** The result of entering a code. */
    public sealed interface Verified {
        record Accepted(Identity identity) implements Verified {}

        /** Always {@link #REFUSED}: nothing tells a guesser whether a code is pending. */
        record Rejected(String reason) implements Verified {}
    }

    private final LoginCodes codes;
    private final Mailer mailer;
    private final byte[] secret;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public EmailLogin(LoginCodes codes, Mailer mailer, byte[] secret, Clock clock) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the login secret needs at least 32 bytes");
        }
        this.codes = codes;
        this.mailer = mailer;
        this.secret = secret.clone();
        this.clock = clock;
    }

    /** The stable user id of an email address for local logins (a name-based UUID). */
    public static String userIdOf(String email) {
        return UUID.nameUUIDFromBytes(("mina-local-login:" + email).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** The wait before the next code after {@code sent} codes in a row (none before the first). */
    static Duration waitAfter(long sent) {
        if (sent <= 0) {
            return Duration.ZERO;
        }
        Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(sent - 1, 20));
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    public Started start(String rawEmail) {
        String email = email(rawEmail);
        for (int attempt = 0; attempt < 5; attempt++) {
            Started started = tryStart(email);
            if (started != null) {
                return started;
            }
        }
        throw new me.minav3.mma.error.Conflict("too many login requests at once for this email; try again");
    }

    /** One decision on the current state; null when a concurrent request changed it first. */
    private @Nullable Started tryStart(String email) {
        Instant now = clock.now();
        String key = key(email);
        Map<String, Object> current = codes.find(key);
        Object lastSent = current.get("sent_at");
        long inARow = 0;
        if (lastSent != null && Instant.parse(lastSent.toString()).plus(QUIET).isAfter(now)) {
            inARow = Json.number(current, "codes_in_a_row", 0);
            Instant next = Instant.parse(lastSent.toString()).plus(waitAfter(inARow));
            if (next.isAfter(now)) {
                return new Started.TooSoon(next);
            }
        }
        String code = "%06d".formatted(random.nextInt(1_000_000));
        Instant expiresAt = now.plus(VALIDITY);
        Map<String, Object> next = Json.obj(
                "code_hash",
                hash(email, code),
                "expires_at",
                expiresAt.toString(),
                "attempts_left",
                ATTEMPTS,
                "sent_at",
                now.toString(),
                "codes_in_a_row",
                inARow + 1);
        if (!codes.compareAndSet(key, current, next, now)) {
            return null;
        }
        mailer.sendLoginCode(email, code, expiresAt);
        return new Started.Sent(expiresAt);
    }

    public Verified verify(String rawEmail, String code) {
        String email = email(rawEmail);
        if (code == null || !code.strip().matches("[0-9]{6}")) {
            throw new InvalidInput("the code is 6 digits");
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            Verified verified = tryVerify(email, code.strip());
            if (verified != null) {
                return verified;
            }
        }
        throw new me.minav3.mma.error.Conflict("too many attempts at once for this email; try again");
    }

    /** One check against the current state; null when another attempt changed it first. */
    private @Nullable Verified tryVerify(String email, String code) {
        Instant now = clock.now();
        String key = key(email);
        Map<String, Object> current = codes.find(key);
        if (current.get("code_hash") == null
                || Json.number(current, "attempts_left", 0) <= 0
                || !instant(current, "expires_at", now).isAfter(now)) {
            return new Verified.Rejected(REFUSED);
        }
        long attemptsLeft = Json.number(current, "attempts_left", 0);
        boolean matches = MessageDigest.isEqual(
                hash(email, code).getBytes(StandardCharsets.UTF_8),
                current.get("code_hash").toString().getBytes(StandardCharsets.UTF_8));
        var next = Json.mutableCopy(current);
        if (matches) {
            next.remove("code_hash");
            next.put("attempts_left", 0);
        } else {
            next.put("attempts_left", attemptsLeft - 1);
        }
        if (!codes.compareAndSet(key, current, next, now)) {
            return null;
        }
        return matches
                ? new Verified.Accepted(new Identity(userIdOf(email), email, null, false, true))
                : new Verified.Rejected(REFUSED);
    }

    /** The address as {@link LoginCodes} knows it: a keyed hash, so the store never holds it in clear. */
    private String key(String email) {
        return hash("address", email);
    }

    private static String email(String raw) {
        try {
            return Emails.normalize(raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
    }

    private static Instant instant(Map<String, Object> map, String key, Instant fallback) {
        Object value = map.get(key);
        return value == null ? fallback : Instant.parse(value.toString());
    }

    private String hash(String email, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((email + ":" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
