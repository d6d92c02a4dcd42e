package me.minav3.adapters.providers;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import me.minav3.adapters.providers.http.ProviderCall;
import me.minav3.mma.common.Json;
import me.minav3.mma.error.ProviderFailure.Kind;
import me.minav3.mma.providers.ImageRef;

/**
 * Decides how an input image reaches a provider: by its URL, or inline (base64) when the provider could not fetch
 * the URL, as with a local asset URL on a developer machine. The {@code inline_images} default of each provider says
 * {@code auto} (inline when the host is loopback, private or local), {@code always} or {@code never}.
 */
final class InlineImages {

    enum Mode {
        AUTO,
        ALWAYS,
        NEVER
    }

    private final Mode mode;

    private InlineImages(Mode mode) {
        this.mode = mode;
    }

    static InlineImages from(Map<String, ?> defaults) {
        String value = Json.string(defaults, "inline_images", "auto").strip().toUpperCase(Locale.ROOT);
        try {
            return new InlineImages(Mode.valueOf(value));
        } catch (IllegalArgumentException e) {
            return new InlineImages(Mode.AUTO);
        }
    }

    /** The URL, or a {@code data:<type>;base64,…} URL of the image's bytes. */
    String dataUrlOrUrl(ImageRef image, ProviderCall call) {
        if (!inline(image.url())) {
            return image.url();
        }
        byte[] bytes = bytes(image, call);
        return "data:" + contentType(bytes) + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    /** The URL, or the bare base64 of the image's bytes (Kling takes base64 without a {@code data:} prefix). */
    String base64OrUrl(ImageRef image, ProviderCall call) {
        return inline(image.url()) ? Base64.getEncoder().encodeToString(bytes(image, call)) : image.url();
    }

    boolean inline(String url) {
        return switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> !isPublic(url);
        };
    }

    /** Whether a provider on the internet can be expected to fetch this URL. No DNS lookup is made. */
    static boolean isPublic(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || host.isEmpty()) {
            return false;
        }
        if (host.equals("localhost")
                || host.endsWith(".localhost")
                || host.endsWith(".local")
                || host.endsWith(".internal")
                || host.endsWith(".lan")) {
            return false;
        }
        if (host.startsWith("[") || host.matches("[0-9.]+")) {
            return isPublicAddress(host.replace("[", "").replace("]", ""));
        }
        // A single-label name (a container or machine name) only resolves inside its own network.
        return host.contains(".");
    }

    private static boolean isPublicAddress(String literal) {
        InetAddress address;
        try {
            address = InetAddress.getByName(literal); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return false;
        }
        byte[] raw = address.getAddress();
        boolean uniqueLocalV6 = raw.length == 16 && (raw[0] & 0xfe) == 0xfc;
        boolean carrierNat = raw.length == 4 && (raw[0] & 0xff) == 100 && (raw[1] & 0xc0) == 64;
        return !(address.isLoopbackAddress()
                || address.isSiteLocalAddress()
                || address.isLinkLocalAddress()
                || address.isAnyLocalAddress()
                || address.isMulticastAddress()
                || uniqueLocalV6
                || carrierNat);
    }

    static byte[] bytes(ImageRef image, ProviderCall call) {
        byte[] bytes;
        try {
            bytes = image.bytes().get();
        } catch (RuntimeException e) {
            throw call.failure(
                    Kind.CLIENT_ERROR,
                    "could not read the bytes of input image " + image.url() + " to send it inline: " + e.getMessage(),
                    e);
        }
        if (bytes == null || bytes.length == 0) {
            throw call.failure(Kind.CLIENT_ERROR, "input image " + image.url() + " has no bytes to send inline");
        }
        return bytes;
    }

    /** The image type by its magic bytes; providers accept PNG, JPEG, WebP and GIF. */
    static String contentType(byte[] bytes) {
        if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G')) {
            return "image/png";
        }
        if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(bytes, 0, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (startsWith(bytes, 0, 'R', 'I', 'F', 'F') && startsWith(bytes, 8, 'W', 'E', 'B', 'P')) {
            return "image/webp";
        }
        return "application/octet-stream";
    }

    private static boolean startsWith(byte[] bytes, int offset, int... magic) {
        if (bytes.length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((bytes[offset + i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
