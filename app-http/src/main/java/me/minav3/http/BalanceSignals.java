package me.minav3.http;

import me.minav3.mma.common.PassId;

/**
 * Word that a customer's balance moved (a credit row was written for them, on this process or, through PostgreSQL
 * NOTIFY, on another): what a balance stream listens to before it reads the balance again.
 */
public interface BalanceSignals {

    /** Calls {@code changed} (on the publisher's thread: it must not block) whenever {@code passId}'s balance moves. */
    AutoCloseable subscribe(PassId passId, Runnable changed);
}
