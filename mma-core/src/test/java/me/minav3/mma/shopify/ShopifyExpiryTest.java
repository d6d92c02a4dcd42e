package me.minav3.mma.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.ChargeCredits;
import me.minav3.mma.credits.CreditOutcome;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTransaction;
import me.minav3.mma.credits.ExpireCredits;
import me.minav3.mma.credits.GrantCredits;
import org.junit.jupiter.api.Test;

/** Spec §5.2 at the exact boundaries, on a clock the test moves. */
class ShopifyExpiryTest {

    private static final Duration DAYS_30 = Duration.ofDays(30);
    private final ShopifyFixture shop = new ShopifyFixture();
    private final ChargeCredits charges = new ChargeCredits(shop.mega, shop.clock);
    private final Instant t = shop.clock.now();

    private OrderOutcome.Credited buy(long orderId, long customerId, String sku, Instant processedAt) {
        return shop.credited(Orders.paid(orderId)
                .customer(customerId)
                .line(orderId * 10, sku, 1)
                .processedAt(processedAt)
                .build());
    }

    private CreditOutcome spendOne(PassId passId) {
        return charges.charge(
                passId, GenerationId.parse(java.util.UUID.randomUUID().toString()), Matcha.of(1));
    }

    @Test
    void aPurchaseAtTIsSpendableAtThirtyDaysMinusOneSecondAndExpiredAtThirtyDays() {
        PassId reader = buy(1, 1, "MINA-50", t).passId();
        PassId spender = buy(2, 2, "MINA-50", t).passId();
        assertThat(shop.balances.of(reader).expiresAt()).isEqualTo(t.plus(DAYS_30));

        shop.clock.set(t.plus(DAYS_30).minusSeconds(1));
        assertThat(shop.balances.of(reader).credits()).isEqualTo(50);
        assertThat(shop.balances.of(reader).expired()).isFalse();
        assertThat(spendOne(spender)).isInstanceOf(CreditOutcome.Applied.class);

        shop.clock.set(t.plus(DAYS_30));
        assertThat(spendOne(spender)).isInstanceOf(CreditOutcome.Expired.class);
        var balance = shop.balances.of(reader);
        assertThat(balance.credits()).isZero();
        assertThat(balance.expired()).isTrue();
        assertThat(shop.mega.history(reader, 1).get(0).reason()).isEqualTo(CreditReason.EXPIRED);
        assertThat(shop.mega.drifts()).isEmpty();
    }

    @Test
    void freeCreditsExpireThirtyDaysAfterTheAccountWasCreatedNotAfterTheGrant() {
        PassId alice = PassId.user("alice");
        shop.mega.ensure(alice, me.minav3.mma.customers.CustomerProfile.NONE, t);
        shop.clock.set(t.plus(Duration.ofDays(5)));
        shop.grants.grant(
                new GrantCredits.Request(alice, Matcha.of(5), CreditReason.GRANT, "test", null, null, null),
                Actor.SYSTEM);

        shop.clock.set(t.plus(DAYS_30).minusSeconds(1));
        assertThat(shop.balances.of(alice).credits()).isEqualTo(5);
        shop.clock.set(t.plus(DAYS_30));
        assertThat(shop.balances.of(alice).credits()).isZero();
    }

    @Test
    void theLatestPurchaseMovesTheWholeBalancesExpiry() {
        buy(1, 555, "MINA-50", t);
        shop.clock.set(t.plus(Duration.ofDays(10)));
        var later = buy(2, 555, "MINA-10", shop.clock.now());

        assertThat(later.expiresAt()).isEqualTo(t.plus(Duration.ofDays(40)));
        shop.clock.set(t.plus(Duration.ofDays(35)));
        assertThat(shop.balances.of(later.passId()).credits()).isEqualTo(60);
    }

    @Test
    void aLateDeliveryOfAnOlderOrderOrAReplayNeverShortensTheExpiry() {
        shop.clock.set(t.plus(Duration.ofDays(10)));
        var newer = buy(2, 555, "MINA-10", shop.clock.now());
        shop.clock.set(t.plus(Duration.ofDays(12)));

        var older = buy(1, 555, "MINA-50", t);
        shop.clock.set(t.plus(Duration.ofDays(20)));
        var replay = buy(2, 555, "MINA-10", t.plus(Duration.ofDays(10)));

        assertThat(older.expiresAt()).isEqualTo(newer.expiresAt()).isEqualTo(t.plus(Duration.ofDays(40)));
        assertThat(replay.alreadyCredited()).isTrue();
        assertThat(replay.expiresAt()).isEqualTo(t.plus(Duration.ofDays(40)));
        assertThat(replay.balance()).isEqualTo(60);
    }

    @Test
    void matchaAreCountedFromThePaymentSoAnOrderFirstDeliveredAfterThirtyDaysBuysExpiredMatcha() {
        shop.clock.set(t.plus(Duration.ofDays(31)));

        var late = buy(1, 555, "MINA-50", t);

        assertThat(late.newlyCredited()).isEqualTo(50);
        assertThat(late.expiresAt()).isEqualTo(t.plus(DAYS_30));
        assertThat(late.balance()).as("spendable").isZero();
        assertThat(new ExpireCredits(shop.mega, shop.clock).run()).isEqualTo(1);
        assertThat(shop.mega.history(late.passId(), 5))
                .extracting(CreditTransaction::reason)
                .containsExactlyInAnyOrder(CreditReason.EXPIRED, CreditReason.PURCHASE);
    }

    @Test
    void aPaymentTimeAheadOfOurClockCountsFromNow() {
        var outcome = buy(1, 555, "MINA-50", t.plus(Duration.ofDays(3)));

        assertThat(outcome.expiresAt()).isEqualTo(t.plus(DAYS_30));
    }

    @Test
    void aNewPurchaseNeverRevivesMatchaThatAlreadyExpired() {
        buy(1, 555, "MINA-50", t);
        shop.clock.set(t.plus(Duration.ofDays(31)));

        var fresh = buy(2, 555, "MINA-10", shop.clock.now());

        assertThat(fresh.balance()).isEqualTo(10);
        assertThat(shop.mega.drifts()).isEmpty();
    }

    @Test
    void theSweepZeroesEveryExpiredBalanceOnce() {
        buy(1, 1, "MINA-50", t);
        shop.clock.set(t.plus(Duration.ofDays(1)));
        buy(2, 2, "MINA-10", shop.clock.now());
        ExpireCredits sweep = new ExpireCredits(shop.mega, shop.clock);

        shop.clock.set(t.plus(DAYS_30));
        assertThat(sweep.run()).isEqualTo(1);
        shop.clock.set(t.plus(Duration.ofDays(31)));
        assertThat(sweep.run()).isEqualTo(1);
        assertThat(sweep.run()).isZero();
        assertThat(shop.mega.drifts()).isEmpty();
    }
}
