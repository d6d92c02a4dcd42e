package me.minav3.mma.shopify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.InvalidInput;
import org.jspecify.annotations.Nullable;

/**
 * The links behind "I need matcha" (spec §4.3): a Shopify cart permalink
 * {@code https://<shop>/cart/<variant id>:<quantity>?attributes[mina_pass_id]=<pass id>} that opens checkout
 * with the pack in the cart and the buyer's pass id as a cart attribute, which the order webhook reads back.
 * Variant ids come from {@code mma.shopify.variants}; the shop from {@code mma.shopify.storefront_domain}, else
 * {@code SHOPIFY_STORE_DOMAIN}. With no shop or no variant for a pack there is no link (empty), and the studio
 * shows no checkout button. Anonymous pass ids are left out of the link: they are never credited.
 */
public final class CheckoutLinks {

    public static final int MAX_QUANTITY = 99;
    private static final String HOST = "[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]{1,5})?";

    private final @Nullable String storeDomain;
    private final Supplier<ShopifyConfig> config;

    /** @param storeDomain {@code SHOPIFY_STORE_DOMAIN} (a host, or an http(s) base URL); null when unset */
    public CheckoutLinks(@Nullable String storeDomain, Supplier<ShopifyConfig> config) {
        this.storeDomain = storeDomain == null || storeDomain.isBlank() ? null : storeDomain.strip();
        this.config = config;
    }

    /** The cart permalink for {@code quantity} of a pack; empty when the shop or the pack's variant is not configured. */
    public Optional<String> forPack(String sku, int quantity, PassId passId) {
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw new InvalidInput("quantity must be between 1 and " + MAX_QUANTITY + ", was " + quantity);
        }
        ShopifyConfig settings = config.get();
        Optional<String> base = base(settings);
        Optional<String> variant = variant(settings.variants(), sku);
        if (base.isEmpty() || variant.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder url = new StringBuilder(base.get())
                .append("/cart/")
                .append(variant.get())
                .append(':')
                .append(quantity);
        if (passId != null && passId.kind() != PassId.Kind.ANON) {
            url.append("?attributes%5B")
                    .append(OrderOwner.PASS_ID_ATTRIBUTE)
                    .append("%5D=")
                    .append(URLEncoder.encode(passId.value(), StandardCharsets.UTF_8));
        }
        return Optional.of(url.toString());
    }

    /** The {@code checkout_url} of {@code /api/me}: one unit of the default pack, or empty when unconfigured. */
    public Optional<String> forDefaultPack(PassId passId) {
        return defaultPack().flatMap(sku -> forPack(sku, 1, passId));
    }

    /** {@code mma.shopify.default_pack} when it has a variant, else the first configured pack. */
    public Optional<String> defaultPack() {
        ShopifyConfig settings = config.get();
        if (settings.defaultPack() != null
                && variant(settings.variants(), settings.defaultPack()).isPresent()) {
            return Optional.of(settings.defaultPack());
        }
        return settings.variants().keySet().stream().findFirst();
    }

    /** The packs that have a variant id (what {@code GET /api/checkout?pack=} accepts). */
    public Set<String> packs() {
        return config.get().variants().keySet();
    }

    /** Whether any link can be made. */
    public boolean configured() {
        return base(config.get()).isPresent() && !packs().isEmpty();
    }

    private Optional<String> base(ShopifyConfig settings) {
        String domain = settings.storefrontDomain() != null ? settings.storefrontDomain() : storeDomain;
        if (domain == null) {
            return Optional.empty();
        }
        String base = domain.matches("https?://" + HOST + "/?")
                ? domain
                : domain.matches(HOST + "/?") ? "https://" + domain : null;
        return Optional.ofNullable(base).map(b -> b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    }

    private static Optional<String> variant(Map<String, String> variants, String sku) {
        if (sku == null || sku.isBlank()) {
            return Optional.empty();
        }
        String wanted = sku.strip();
        String exact = variants.get(wanted);
        if (exact != null) {
            return Optional.of(exact);
        }
        return variants.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(wanted))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
