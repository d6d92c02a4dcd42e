package me.minav3.mma.studio;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import me.minav3.mma.common.PassId;
import me.minav3.mma.customers.Customer;
import me.minav3.mma.customers.CustomerProfile;
import me.minav3.mma.customers.CustomerStore;

/**
 * Spec §11.1 on every authenticated call: the pass id of a login. A login already linked to a customer keeps it;
 * a first login whose <em>verified</em> email belongs to a customer created by a purchase ({@code pass:shopify:<id>})
 * is linked to that customer, so matcha bought before signing in is there (an unverified email links nothing: anyone
 * can type an address, so it is not stored on the customer either); otherwise {@code pass:shopify:<id>} when the
 * login carries a real Shopify id, else {@code pass:user:<user id>}.
 */
public final class ResolvePassId {

    private final CustomerStore customers;

    public ResolvePassId(CustomerStore customers) {
        this.customers = customers;
    }

    /** The pass id, with the customer row created or linked as needed. */
    public Customer resolve(Identity identity, Instant now) {
        // An unproven email is not stored either: a purchase matched by email must not credit whoever typed it.
        CustomerProfile profile = new CustomerProfile(
                identity.emailVerified() ? identity.email() : null, identity.userId(), identity.shopifyCustomerId());
        if (identity.shopifyCustomerId() != null) {
            return live(customers.ensure(PassId.shopify(identity.shopifyCustomerId()), profile, now), profile, now);
        }
        // Without a Shopify id an identity has a user id (Identity refuses one with neither).
        String userId = Objects.requireNonNull(identity.userId(), "user id");
        Optional<Customer> linked = customers.findByUserId(userId);
        if (linked.isPresent()) {
            return linked.get();
        }
        Optional<Customer> byEmail = unclaimedByEmail(identity);
        if (byEmail.isPresent()) {
            return customers.ensure(byEmail.get().passId(), profile, now);
        }
        return live(customers.ensure(PassId.user(userId), profile, now), profile, now);
    }

    /**
     * A deleted account is never signed in to again (decision 022): the same login starts a new, empty account whose
     * pass id follows from the deleted one and its deletion time, so concurrent first sign-ins agree on it.
     */
    private Customer live(Customer customer, CustomerProfile profile, Instant now) {
        Customer current = customer;
        for (int hops = 0; current.deleted(); hops++) {
            if (hops == MAX_DELETIONS) {
                throw new IllegalStateException("more than " + MAX_DELETIONS + " deleted accounts for one login");
            }
            current = customers.ensure(successorOf(current), profile, now);
        }
        return current;
    }

    private static final int MAX_DELETIONS = 100;

    /** The pass id of the account a login gets after {@code deleted} was deleted. */
    static PassId successorOf(Customer deleted) {
        String seed = "after-deletion:" + deleted.passId().value() + ":" + deleted.deletedAt();
        return PassId.anon(UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)));
    }

    private Optional<Customer> unclaimedByEmail(Identity identity) {
        if (identity.email() == null || !identity.emailVerified()) {
            return Optional.empty();
        }
        return customers
                .findByEmail(identity.email())
                .filter(c -> c.userId() == null || c.userId().equals(identity.userId()));
    }
}
