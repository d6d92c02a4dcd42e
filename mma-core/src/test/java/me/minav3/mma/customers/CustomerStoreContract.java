package me.minav3.mma.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.testing.MegaContract;
import org.junit.jupiter.api.Test;

/** What every {@link CustomerStore} must do. */
public abstract class CustomerStoreContract extends MegaContract {

    private static PassId newPassId() {
        return PassId.user("c-" + UUID.randomUUID().toString().substring(0, 13));
    }

    @Test
    void ensureCreatesAnEmptyCustomerOnce() {
        PassId passId = newPassId();
        Customer first = stores.customers().ensure(passId, CustomerProfile.NONE, T0);
        Customer second = stores.customers().ensure(passId, CustomerProfile.NONE, T0.plusSeconds(60));

        assertThat(first.credits()).isZero();
        assertThat(first.expiresAt()).isNull();
        assertThat(first.preferences()).isEqualTo(Preferences.NONE);
        assertThat(second.createdAt()).isEqualTo(T0);
    }

    @Test
    void ensureFillsMissingFactsAndNeverErasesKnownOnes() {
        PassId passId = newPassId();
        String email = passId.localId() + "@Example.com";
        stores.customers().ensure(passId, new CustomerProfile(email, null, null), T0);
        Customer filled = stores.customers().ensure(passId, new CustomerProfile(null, "user-1", 42L), T0);
        Customer kept = stores.customers().ensure(passId, new CustomerProfile("other@example.com", "user-2", 43L), T0);

        assertThat(filled.email()).isEqualTo(email.toLowerCase());
        assertThat(filled.userId()).isEqualTo("user-1");
        assertThat(filled.shopifyCustomerId()).isEqualTo(42L);
        assertThat(kept.email()).isEqualTo(email.toLowerCase());
        assertThat(kept.userId()).isEqualTo("user-1");
        assertThat(kept.shopifyCustomerId()).isEqualTo(42L);
    }

    @Test
    void concurrentEnsuresOfOnePassIdMakeOneCustomer() throws Exception {
        PassId passId = newPassId();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Customer>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> stores.customers().ensure(passId, CustomerProfile.NONE, T0)));
            }
            for (Future<Customer> result : results) {
                assertThat(result.get().passId()).isEqualTo(passId);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(stores.customers().list(null, 100_000))
                .filteredOn(c -> c.passId().equals(passId))
                .hasSize(1);
    }

    @Test
    void findsByEmailAndByShopifyCustomerId() {
        PassId passId = newPassId();
        long shopifyId = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + 1;
        String email = passId.localId() + "@example.com";
        stores.customers().ensure(passId, new CustomerProfile(email, null, shopifyId), T0);

        assertThat(stores.customers().findByEmail(email.toUpperCase()))
                .get()
                .extracting(Customer::passId)
                .isEqualTo(passId);
        assertThat(stores.customers().findByShopifyCustomerId(shopifyId))
                .get()
                .extracting(Customer::passId)
                .isEqualTo(passId);
        assertThat(stores.customers().findByEmail("nobody-" + UUID.randomUUID() + "@example.com"))
                .isEmpty();
    }

    @Test
    void searchFindsByEmailPrefixInAnyCasePassIdAndShopifyIdPageByPage() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long shopifyId = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + 1;
        PassId ann = PassId.user("s-" + run + "-a");
        PassId bob = PassId.user("s-" + run + "-b");
        PassId other = PassId.user("s-" + run + "-c");
        stores.customers().ensure(ann, new CustomerProfile("Ann." + run + "@Example.com", null, shopifyId), T0);
        stores.customers().ensure(bob, CustomerProfile.ofEmail("ann." + run + "+2@example.com"), T0);
        stores.customers().ensure(other, CustomerProfile.ofEmail("zed." + run + "@example.com"), T0);

        assertThat(stores.customers().search("ANN." + run, null, 10))
                .extracting(Customer::passId)
                .containsExactly(ann, bob);
        assertThat(stores.customers().search("ann." + run, null, 1))
                .extracting(Customer::passId)
                .containsExactly(ann);
        assertThat(stores.customers().search("ann." + run, ann, 10))
                .extracting(Customer::passId)
                .containsExactly(bob);
        assertThat(stores.customers().search(bob.value(), null, 10))
                .extracting(Customer::passId)
                .containsExactly(bob);
        assertThat(stores.customers().search(other.localId(), null, 10))
                .extracting(Customer::passId)
                .containsExactly(other);
        assertThat(stores.customers().search(Long.toString(shopifyId), null, 10))
                .extracting(Customer::passId)
                .containsExactly(ann);
        assertThat(stores.customers().search("%" + run, null, 10))
                .as("no wildcards")
                .isEmpty();
        assertThat(stores.customers().search("nobody-" + run, null, 10)).isEmpty();
    }

    @Test
    void findsByLoginUserId() {
        PassId passId = newPassId();
        String userId = UUID.randomUUID().toString();
        stores.customers().ensure(passId, new CustomerProfile(null, userId, null), T0);

        assertThat(stores.customers().findByUserId(userId))
                .get()
                .extracting(Customer::passId)
                .isEqualTo(passId);
        assertThat(stores.customers().findByUserId(UUID.randomUUID().toString()))
                .isEmpty();
    }

    @Test
    void metaIsReplacedOnlyWhenItStillHoldsTheExpectedValue() {
        PassId passId = newPassId();
        stores.customers().ensure(passId, CustomerProfile.NONE, T0);
        Map<String, Object> first = Map.of("code_hash", "abc", "attempts", 0);
        Map<String, Object> second = Map.of("code_hash", "abc", "attempts", 1);

        assertThat(stores.customers().compareAndSetMeta(passId, "login", null, first, T0))
                .isTrue();
        assertThat(stores.customers().compareAndSetMeta(passId, "login", null, second, T0))
                .isFalse();
        assertThat(stores.customers().compareAndSetMeta(passId, "login", first, second, T0))
                .isTrue();
        assertThat(stores.customers().compareAndSetMeta(passId, "login", first, second, T0))
                .isFalse();
        assertThat(stores.customers().find(passId).orElseThrow().meta().get("login"))
                .isEqualTo(second);
        assertThat(stores.customers().compareAndSetMeta(passId, "login", second, null, T0))
                .isTrue();
        assertThat(stores.customers().find(passId).orElseThrow().meta()).doesNotContainKey("login");
    }

    @Test
    void lastActiveOnlyMovesForward() {
        PassId passId = newPassId();
        stores.customers().ensure(passId, CustomerProfile.NONE, T0);
        stores.customers().touch(passId, T0.plusSeconds(100));
        stores.customers().touch(passId, T0.plusSeconds(50));

        assertThat(stores.customers().find(passId).orElseThrow().lastActive()).isEqualTo(T0.plusSeconds(100));
    }

    @Test
    void preferencesAreReplacedAsOneSnapshot() {
        PassId passId = newPassId();
        stores.customers().ensure(passId, CustomerProfile.NONE, T0);
        Preferences preferences =
                new Preferences(List.of("neon", "people"), Map.of("soft light", 2.0, "clutter", -1.5));

        Customer saved = stores.customers().savePreferences(passId, preferences, T0.plusSeconds(5));

        assertThat(saved.preferences()).isEqualTo(preferences);
        assertThat(saved.preferencesUpdatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(stores.customers().find(passId).orElseThrow().preferences()).isEqualTo(preferences);
        assertThatThrownBy(() -> stores.customers().savePreferences(newPassId(), preferences, T0))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void listPagesInPassIdOrder() {
        String prefix = "p" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 5; i++) {
            stores.customers().ensure(PassId.user(prefix + "-" + i), CustomerProfile.NONE, T0);
        }
        List<Customer> firstTwo = stores.customers().list(PassId.user(prefix), 2);
        List<Customer> nextTwo = stores.customers().list(firstTwo.get(1).passId(), 2);

        assertThat(firstTwo).extracting(c -> c.passId().localId()).containsExactly(prefix + "-0", prefix + "-1");
        assertThat(nextTwo).extracting(c -> c.passId().localId()).containsExactly(prefix + "-2", prefix + "-3");
    }
}
