package me.minav3.mma.shopify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import me.minav3.mma.common.PassId;
import me.minav3.mma.customers.Customer;
import me.minav3.mma.customers.CustomerProfile;
import me.minav3.mma.customers.CustomerStore;

/**
 * Whose matcha a paid order buys (docs/decisions/005-shopify-orders.md), first rule that applies:
 * <ol>
 *   <li>{@code mina_pass_id} from the checkout link, when it is a well-formed, non-anonymous pass id of an
 *       existing customer (anything else is ignored, with a note, and the next rule applies);</li>
 *   <li>the customer {@code pass:shopify:<customer id>}, or the customer already linked to that Shopify id;</li>
 *   <li>the existing customer with the order's email;</li>
 *   <li>a new {@code pass:shopify:<customer id>};</li>
 *   <li>a guest with an email only: {@code pass:user:<uuid derived from the email>}, so every delivery of the
 *       order picks the same new customer and a later sign-in with that email finds it;</li>
 *   <li>nobody: the order is acknowledged and nothing is credited (never an anonymous id).</li>
 * </ol>
 * Identity facts (email, Shopify customer id) are recorded only on a customer the buyer's own identity chose
 * (rules 2, 4, 5): a note or an email typed at checkout can name someone, but must never attach the buyer's
 * email to that someone's account.
 */
final class OrderOwner {

    static final String PASS_ID_ATTRIBUTE = "mina_pass_id";

    /** Which rule chose the owner. */
    enum Rule {
        NOTE_ATTRIBUTE,
        SHOPIFY_CUSTOMER,
        LINKED_CUSTOMER,
        EMAIL_MATCH,
        NEW_SHOPIFY_CUSTOMER,
        GUEST_EMAIL;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** An owner, or nobody; {@code notes} say why candidates were passed over. */
    sealed interface Resolution permits Owner, Nobody {
        List<String> notes();
    }

    /** The chosen customer and the facts to record on it. */
    record Owner(PassId passId, Rule rule, CustomerProfile profile, List<String> notes) implements Resolution {
        Owner {
            notes = List.copyOf(notes);
        }
    }

    /** No identity that may be credited. */
    record Nobody(List<String> notes) implements Resolution {
        Nobody {
            notes = List.copyOf(notes);
        }
    }

    private final CustomerStore customers;

    OrderOwner(CustomerStore customers) {
        this.customers = customers;
    }

    Resolution resolve(ShopifyOrder order) {
        List<String> notes = new ArrayList<>();
        Optional<PassId> fromNote = fromNote(order, notes);
        if (fromNote.isPresent()) {
            return new Owner(fromNote.get(), Rule.NOTE_ATTRIBUTE, CustomerProfile.NONE, notes);
        }
        CustomerProfile own = new CustomerProfile(order.email(), null, order.customerId());
        if (order.customerId() != null) {
            PassId shopify = PassId.shopify(order.customerId());
            if (customers.find(shopify).isPresent()) {
                return new Owner(shopify, Rule.SHOPIFY_CUSTOMER, own, notes);
            }
            Optional<Customer> linked = customers.findByShopifyCustomerId(order.customerId());
            if (linked.isPresent()) {
                return new Owner(linked.get().passId(), Rule.LINKED_CUSTOMER, CustomerProfile.NONE, notes);
            }
        }
        if (order.email() != null) {
            Optional<Customer> byEmail = customers.findByEmail(order.email());
            if (byEmail.isPresent()) {
                return new Owner(byEmail.get().passId(), Rule.EMAIL_MATCH, CustomerProfile.NONE, notes);
            }
        }
        if (order.customerId() != null) {
            return new Owner(PassId.shopify(order.customerId()), Rule.NEW_SHOPIFY_CUSTOMER, own, notes);
        }
        if (order.email() != null) {
            return new Owner(guestPassId(order.email()), Rule.GUEST_EMAIL, own, notes);
        }
        notes.add("the order has no Shopify customer, no email and no usable " + PASS_ID_ATTRIBUTE);
        return new Nobody(notes);
    }

    /** {@code pass:user:<name-based UUID of the normalized email>}: the same email always gives the same id. */
    static PassId guestPassId(String email) {
        String normalized = CustomerProfile.ofEmail(email).email();
        return PassId.user(UUID.nameUUIDFromBytes(("mina:shopify-guest:" + normalized).getBytes(StandardCharsets.UTF_8))
                .toString());
    }

    private Optional<PassId> fromNote(ShopifyOrder order, List<String> notes) {
        Optional<String> raw = order.noteAttribute(PASS_ID_ATTRIBUTE);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        PassId passId;
        try {
            passId = PassId.parse(raw.get());
        } catch (IllegalArgumentException e) {
            notes.add(PASS_ID_ATTRIBUTE + " ignored: not a pass id");
            return Optional.empty();
        }
        if (passId.kind() == PassId.Kind.ANON) {
            notes.add(PASS_ID_ATTRIBUTE + " " + passId.value() + " ignored: anonymous ids are never credited");
            return Optional.empty();
        }
        if (customers.find(passId).isEmpty()) {
            notes.add(PASS_ID_ATTRIBUTE + " " + passId.value() + " ignored: no such customer");
            return Optional.empty();
        }
        return Optional.of(passId);
    }
}
