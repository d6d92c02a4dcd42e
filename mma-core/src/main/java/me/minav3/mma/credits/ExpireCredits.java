package me.minav3.mma.credits;

import java.time.Instant;
import java.util.List;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.PassId;

/** The periodic job (and {@code mina credits expire}): zero every balance past its expiry. */
public final class ExpireCredits {

    private static final int BATCH = 500;

    private final Credits credits;
    private final Clock clock;

    public ExpireCredits(Credits credits, Clock clock) {
        this.credits = credits;
        this.clock = clock;
    }

    /** Returns how many balances were zeroed. */
    public int run() {
        Instant now = clock.now();
        int expired = 0;
        while (true) {
            List<PassId> due = credits.expiredWithBalance(now, BATCH);
            int before = expired;
            for (PassId passId : due) {
                if (credits.expireIfDue(passId, now)
                        .filter(CreditOutcome.Applied.class::isInstance)
                        .isPresent()) {
                    expired++;
                }
            }
            if (due.size() < BATCH || expired == before) {
                return expired;
            }
        }
    }
}
