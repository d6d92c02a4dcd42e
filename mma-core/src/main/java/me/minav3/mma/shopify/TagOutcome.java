package me.minav3.mma.shopify;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How tagging a Shopify customer ended.
 *
 * @param provider the commerce gateway that was used ({@code shopify}, or {@code local}, which only logs)
 * @param attempts calls made to the gateway (each may have retried inside the adapter)
 * @param error    the last failure's {@code kind: message}; null unless failed
 */
public record TagOutcome(
        Status status,
        @Nullable Long customerId,
        @Nullable String tag,
        @Nullable String provider,
        int attempts,
        @Nullable String error) {

    /** The end state. */
    public enum Status {
        TAGGED,
        FAILED,
        /** A guest order without a Shopify customer: nothing to tag. */
        NOT_NEEDED,
        /** This process tagged the customer moments ago (a duplicate delivery). */
        RECENTLY_TAGGED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static TagOutcome notNeeded() {
        return new TagOutcome(Status.NOT_NEEDED, null, null, null, 0, null);
    }
}
