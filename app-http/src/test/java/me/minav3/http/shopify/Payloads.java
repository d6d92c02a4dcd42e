package me.minav3.http.shopify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The Shopify order payloads under src/test/resources/shopify, as raw bytes (exactly what Shopify would send). */
final class Payloads {

    static final String PACKS = "order-paid-packs.json";
    static final String NOTE = "order-paid-note.json";
    static final String GUEST = "order-paid-guest.json";
    static final String NO_PACK = "order-paid-no-pack.json";

    private Payloads() {}

    static byte[] bytes(String name) {
        try (InputStream in = Payloads.class.getResourceAsStream("/shopify/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test payload " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }
}
