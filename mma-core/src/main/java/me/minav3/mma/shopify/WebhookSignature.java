package me.minav3.mma.shopify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@code X-Shopify-Hmac-Sha256}: the base64 HMAC-SHA256 of the raw request body with the webhook secret.
 * Run it on the bytes as received, before parsing anything. Without a secret every delivery is refused.
 */
public final class WebhookSignature {

    private static final String ALGORITHM = "HmacSHA256";
    private final @Nullable SecretKeySpec key;

    /** @param secret {@code SHOPIFY_WEBHOOK_SECRET}; null or blank refuses every delivery */
    public WebhookSignature(@Nullable String secret) {
        this.key = secret == null || secret.isBlank()
                ? null
                : new SecretKeySpec(secret.strip().getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public boolean configured() {
        return key != null;
    }

    /** True only when {@code header} is the signature of exactly these bytes; compared in constant time. */
    public boolean verify(byte[] rawBody, String header) {
        if (key == null || rawBody == null || header == null || header.isBlank()) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = Base64.getDecoder().decode(header.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(rawBody), claimed);
    }

    /** The header value Shopify would send for these bytes (tests, and tools that replay deliveries). */
    public String sign(byte[] rawBody) {
        if (key == null) {
            throw new IllegalStateException("no webhook secret configured");
        }
        return Base64.getEncoder().encodeToString(mac(rawBody));
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSignature[" + (key == null ? "no secret" : "secret set") + "]";
    }
}
