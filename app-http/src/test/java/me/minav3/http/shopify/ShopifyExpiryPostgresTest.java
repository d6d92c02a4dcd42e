package me.minav3.http.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditOutcome;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.ExpiryJob;
import me.minav3.mma.credits.GrantCredits;
import me.minav3.mma.customers.CustomerProfile;
import me.minav3.mma.shopify.Delivery;
import me.minav3.mma.shopify.OrderOutcome;
import me.minav3.mma.shopify.ShopifyOrder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec §5.2 on the real PostgreSQL ledger, at the exact second, on a clock the test moves. */
class ShopifyExpiryPostgresTest extends ShopifyAppTest {

    private static final Duration DAYS_30 = Duration.ofDays(30);
    private Instant t;

    @BeforeEach
    void startClock() {
        t = app.clock.now();
    }

    private OrderOutcome.Credited buy(long orderId, long customerId, long matcha, Instant processedAt) {
        ShopifyOrder order = new ShopifyOrder(
                orderId,
                customerId,
                null,
                Map.of(),
                List.of(new ShopifyOrder.LineItem(orderId * 10, "MINA-" + matcha, 1, "Matcha pack")),
                processedAt,
                processedAt,
                false,
                "paid");
        return (OrderOutcome.Credited)
                app.wiring.shopify().orders().apply(order, Delivery.webhook("orders/paid", "wh", null));
    }

    private CreditOutcome spendOne(PassId passId) {
        return app.wiring
                .chargeCredits()
                .charge(passId, GenerationId.parse(UUID.randomUUID().toString()), Matcha.of(1));
    }

    @Test
    void aPurchaseIsSpendableAtThirtyDaysMinusOneSecondAndExpiredAtThirtyDays() {
        PassId reader = buy(1, 1, 50, t).passId();
        PassId spender = buy(2, 2, 50, t).passId();

        app.clock.set(t.plus(DAYS_30).minusSeconds(1));
        assertThat(app.wiring.creditBalance().of(reader).credits()).isEqualTo(50);
        assertThat(spendOne(spender)).isInstanceOf(CreditOutcome.Applied.class);

        app.clock.set(t.plus(DAYS_30));
        assertThat(spendOne(spender)).isInstanceOf(CreditOutcome.Expired.class);
        assertThat(app.wiring.creditBalance().of(reader).credits()).isZero();
        assertThat(app.wiring.database().credits().history(reader, 1).get(0).reason())
                .isEqualTo(CreditReason.EXPIRED);
        assertThat(app.wiring.database().credits().drifts()).isEmpty();
    }

    @Test
    void freeCreditsExpireThirtyDaysAfterTheAccountWasCreated() {
        PassId alice = PassId.user("alice");
        app.wiring.database().customers().ensure(alice, CustomerProfile.NONE, t);
        app.clock.set(t.plus(Duration.ofDays(12)));
        app.wiring
                .grantCredits()
                .grant(
                        new GrantCredits.Request(alice, Matcha.of(5), CreditReason.GRANT, "test", null, null, null),
                        Actor.SYSTEM);

        app.clock.set(t.plus(DAYS_30).minusSeconds(1));
        assertThat(app.wiring.creditBalance().of(alice).credits()).isEqualTo(5);
        app.clock.set(t.plus(DAYS_30));
        assertThat(app.wiring.creditBalance().of(alice).credits()).isZero();
    }

    @Test
    void theLatestPurchaseWinsAndALateOlderOrderNeverShortensIt() {
        buy(1, 555, 50, t);
        app.clock.set(t.plus(Duration.ofDays(10)));
        buy(2, 555, 10, app.clock.now());
        app.clock.set(t.plus(Duration.ofDays(11)));

        var older = buy(3, 555, 30, t.plus(Duration.ofDays(1)));

        assertThat(older.expiresAt()).isEqualTo(t.plus(Duration.ofDays(40)));
        app.clock.set(t.plus(Duration.ofDays(40)).minusSeconds(1));
        assertThat(app.wiring.creditBalance().of(PassId.shopify(555)).credits()).isEqualTo(90);
    }

    @Test
    void thePeriodicSweepZeroesExpiredBalancesOnItsInterval() {
        buy(1, 1, 50, t);
        app.clock.set(t.plus(Duration.ofDays(1)));
        buy(2, 2, 10, app.clock.now());
        ExpiryJob job = new ExpiryJob(app.wiring.expireCredits()::run, () -> Duration.ofHours(1), app.clock);

        assertThat(job.tick()).hasValue(0);
        app.clock.set(t.plus(DAYS_30));
        assertThat(job.tick()).hasValue(1);
        app.clock.set(t.plus(Duration.ofDays(31)));
        assertThat(job.tick()).hasValue(1);
        assertThat(job.tick()).isEmpty();
        assertThat(app.wiring.database().customers().list(null, 10))
                .allSatisfy(c -> assertThat(c.credits()).isZero());
        assertThat(app.wiring.database().credits().drifts()).isEmpty();
    }
}
