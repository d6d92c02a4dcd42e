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
import me.minav3.mma.customers.Customer;
import me.minav3.mma.customers.CustomerStore;
import me.minav3.mma.error.InvalidInput;

/**
 * The embedded default's email one-time-code login: a 6-digit code, kept only as a keyed hash on the customer
 * row ({@code mg_meta.login_code}, so any process can check it), valid 10 minutes, 5 attempts, at most 5 codes per
 * email per hour. Counting uses an atomic compare-and-set, so parallel guesses cannot exceed the attempts.
 */
public final class EmailLogin {

    public static final Duration VALIDITY = Duration.ofMinutes(10);
    public static final int ATTEMPTS = 5;
    public static final int CODES_PER_HOUR = 5;
    private static final String META_KEY = "login_code";

    /** The result of asking for a code. */
    public sealed interface Started {
        record Sent(Instant expiresAt) implements Started {
        }

        record TooManyCodes(Instant retryAfter) implements Started {
        }
    }

    /** The result of entering a code. */
    public sealed interface Verified {
        record Accepted(Identity identity) implements Verified {
        }

        record Rejected(String reason, int attemptsLeft) implements Verified {
        }
    }

    private final CustomerStore customers;
    private final ResolvePassId passIds;
    private final Mailer mailer;
    private final byte[] secret;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public EmailLogin(CustomerStore customers, ResolvePassId passIds, Mailer mailer, byte[] secret, Clock clock) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the login secret needs at least 32 bytes");
        }
        this.customers = customers;
        this.passIds = passIds;
        this.mailer = mailer;
        this.secret = secret.clone();
        this.clock = clock;
    }

    /** The stable user id of an email address for local logins (a name-based UUID). */
    public static String userIdOf(String email) {
        return UUID.nameUUIDFromBytes(("mina-local-login:" + email).getBytes(StandardCharsets.UTF_8)).toString();
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
    private Started tryStart(String email) {
        Instant now = clock.now();
        Customer customer = passIds.resolve(new Identity(userIdOf(email), email, null, false), now);
        Map<String, Object> current = challenge(customer);
        Instant windowStart = instant(current, "window_started_at", now);
        long sentInWindow = Json.number(current, "codes_in_window", 0);
        if (windowStart.plus(Duration.ofHours(1)).isAfter(now)) {
            if (sentInWindow >= CODES_PER_HOUR) {
                return new Started.TooManyCodes(windowStart.plus(Duration.ofHours(1)));
            }
        } else {
            windowStart = now;
            sentInWindow = 0;
        }
        String code = "%06d".formatted(random.nextInt(1_000_000));
        Instant expiresAt = now.plus(VALIDITY);
        Map<String, Object> next = Json.obj("code_hash", hash(email, code), "expires_at", expiresAt.toString(),
                "attempts_left", ATTEMPTS, "window_started_at", windowStart.toString(), "codes_in_window", sentInWindow + 1);
        if (!customers.compareAndSetMeta(customer.passId(), META_KEY, current.isEmpty() ? null : current, next, now)) {
            return null;
        }
        mailer.sendLoginCode(email, code, expiresAt);
        return new Started.Sent(expiresAt);
    }

    public Verified verify(String rawEmail, String code) {
        String email = email(rawEmail);
        if (code == null || !code.strip().matches("[0-9]{6}")) {
            return new Verified.Rejected("the code is 6 digits", -1);
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
    private Verified tryVerify(String email, String code) {
        Instant now = clock.now();
        Identity identity = new Identity(userIdOf(email), email, null, false);
        Customer customer = passIds.resolve(identity, now);
        Map<String, Object> current = challenge(customer);
        if (current.get("code_hash") == null) {
            return new Verified.Rejected("ask for a new code", 0);
        }
        long attemptsLeft = Json.number(current, "attempts_left", 0);
        if (attemptsLeft <= 0) {
            return new Verified.Rejected("too many attempts; ask for a new code", 0);
        }
        if (!instant(current, "expires_at", now).isAfter(now)) {
            return new Verified.Rejected("the code expired; ask for a new one", 0);
        }
        boolean matches = MessageDigest.isEqual(hash(email, code).getBytes(StandardCharsets.UTF_8),
                current.get("code_hash").toString().getBytes(StandardCharsets.UTF_8));
        var next = Json.mutableCopy(current);
        if (matches) {
            next.remove("code_hash");
            next.put("attempts_left", 0);
        } else {
            next.put("attempts_left", attemptsLeft - 1);
        }
        if (!customers.compareAndSetMeta(customer.passId(), META_KEY, current, next, now)) {
            return null;
        }
        return matches ? new Verified.Accepted(identity)
                : new Verified.Rejected("wrong code", (int) (attemptsLeft - 1));
    }

    private static String email(String raw) {
        try {
            return Emails.normalize(raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
    }

    private static Map<String, Object> challenge(Customer customer) {
        return Json.object(customer.meta(), META_KEY);
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
