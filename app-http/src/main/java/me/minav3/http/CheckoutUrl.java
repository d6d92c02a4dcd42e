package me.minav3.http;

import me.minav3.mma.common.PassId;
import org.jspecify.annotations.Nullable;

/** Where "I need matcha" leads a customer: the shop's checkout for their pass id, or null when no shop is set up. */
@FunctionalInterface
public interface CheckoutUrl {

    @Nullable
    String forCustomer(PassId passId);
}
