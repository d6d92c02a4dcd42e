package me.minav3.mma.studio;

import java.time.Instant;
import java.util.Optional;
import me.minav3.mma.common.PassId;
import me.minav3.mma.customers.Customer;
import me.minav3.mma.customers.CustomerProfile;
import me.minav3.mma.customers.CustomerStore;

/**
 * Spec §11.1 on every authenticated call: the pass id of a login. A login already linked to a customer keeps it;
 * a first login whose email belongs to a customer created by a purchase ({@code pass:shopify:<id>}) is linked to
 * that customer, so matcha bought before signing in is there; otherwise {@code pass:shopify:<id>} when the login
 * carries a real Shopify id, else {@code pass:user:<user id>}.
 */
public final class ResolvePassId {

    private final CustomerStore customers;

    public ResolvePassId(CustomerStore customers) {
        this.customers = customers;
    }

    /** The pass id, with the customer row created or linked as needed. */
    public Customer resolve(Identity identity, Instant now) {
        CustomerProfile profile = new CustomerProfile(identity.email(), identity.userId(), identity.shopifyCustomerId());
        if (identity.shopifyCustomerId() != null) {
            return customers.ensure(PassId.shopify(identity.shopifyCustomerId()), profile, now);
        }
        Optional<Customer> linked = customers.findByUserId(identity.userId());
        if (linked.isPresent()) {
            return linked.get();
        }
        if (identity.email() != null) {
            Optional<Customer> byEmail = customers.findByEmail(identity.email())
                    .filter(c -> c.userId() == null || c.userId().equals(identity.userId()));
            if (byEmail.isPresent()) {
                return customers.ensure(byEmail.get().passId(), profile, now);
            }
        }
        return customers.ensure(PassId.user(identity.userId()), profile, now);
    }
}
