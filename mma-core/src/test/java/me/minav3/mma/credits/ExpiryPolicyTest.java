package me.minav3.mma.credits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import me.minav3.mma.common.PassId;
import me.minav3.mma.customers.Customer;
import me.minav3.mma.customers.Preferences;
import org.junit.jupiter.api.Test;

class ExpiryPolicyTest {

    private static final Instant CREATED = Instant.parse("2026-10-01T00:00:00Z");
    private final ExpiryPolicy policy = new ExpiryPolicy();

    private static Customer customer(Instant expiresAt) {
        return new Customer(
                PassId.user("x"),
                3,
                expiresAt,
                null,
                null,
                null,
                null,
                Preferences.NONE,
                null,
                Map.of(),
                CREATED,
                CREATED,
                false);
    }

    @Test
    void purchasedMatchaExpiresThirtyDaysAfterThePurchase() {
        Instant bought = Instant.parse("2026-11-20T12:00:00Z");
        assertThat(policy.expiryFor(CreditReason.PURCHASE, customer(null), bought))
                .isEqualTo(bought.plus(Duration.ofDays(30)));
    }

    @Test
    void freeMatchaExpiresThirtyDaysAfterTheAccountWasCreated() {
        assertThat(policy.expiryFor(CreditReason.GRANT, customer(null), Instant.parse("2026-10-15T00:00:00Z")))
                .isEqualTo(CREATED.plus(Duration.ofDays(30)));
    }

    @Test
    void theLatestExpiryWins() {
        Instant later = Instant.parse("2026-12-30T00:00:00Z");
        Instant earlier = Instant.parse("2026-12-01T00:00:00Z");
        assertThat(policy.extend(later, earlier)).isEqualTo(later);
        assertThat(policy.extend(earlier, later)).isEqualTo(later);
        assertThat(policy.extend(null, earlier)).isEqualTo(earlier);
    }

    @Test
    void creditsCannotBeSpentFromTheMomentTheyExpire() {
        Instant expiry = Instant.parse("2026-12-01T00:00:00Z");
        assertThat(policy.canSpend(customer(expiry), expiry.minusMillis(1))).isTrue();
        assertThat(policy.canSpend(customer(expiry), expiry)).isFalse();
        assertThat(customer(expiry).spendableAt(expiry)).isZero();
        assertThat(policy.canSpend(customer(null), expiry)).isTrue();
    }

    @Test
    void theValidityIsThirtyDaysUnlessConfigured() {
        assertThat(policy.validity()).isEqualTo(Duration.ofDays(30));
        assertThat(new ExpiryPolicy(Duration.ofDays(7)).validity()).isEqualTo(Duration.ofDays(7));
    }
}
