package me.minav3.http;

import me.minav3.mma.common.PassId;

/** Where "I need matcha" leads a customer: the shop's checkout for their pass id, or null when no shop is set up. */
@FunctionalInterface
public interface CheckoutUrl {

    String forCustomer(PassId passId);
}
