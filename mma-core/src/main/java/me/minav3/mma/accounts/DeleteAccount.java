package me.minav3.mma.accounts;

import java.time.Instant;
import java.util.List;
import me.minav3.mma.assets.AssetKey;
import me.minav3.mma.assets.AssetStore;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.customers.Customer;
import me.minav3.mma.customers.CustomerStore;
import me.minav3.mma.error.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes an account (issue 17.5, decision 022): disables it and refunds what is unfinished, erases its personal data
 * from the three MEGA tables and hides its generations, then removes its uploads and outputs from the asset store.
 * Credit rows stay, with their amounts, so every balance still equals its ledger sum. Deleting again finishes a
 * deletion the asset store interrupted.
 */
public final class DeleteAccount {

    private static final Logger log = LoggerFactory.getLogger(DeleteAccount.class);

    /** What a deletion did. */
    public record Deleted(PassId passId, int refunded, int mediaDeleted, Instant deletedAt) {}

    private final CustomerStore customers;
    private final Accounts accounts;
    private final DisableAccount disable;
    private final AssetStore store;
    private final Clock clock;

    public DeleteAccount(
            CustomerStore customers, Accounts accounts, DisableAccount disable, AssetStore store, Clock clock) {
        this.customers = customers;
        this.accounts = accounts;
        this.disable = disable;
        this.store = store;
        this.clock = clock;
    }

    /** Deletes the account; audited with {@code actor} (the customer, an admin or the CLI). */
    public Deleted delete(PassId passId, Actor actor) {
        Customer customer = customers.find(passId).orElseThrow(() -> new NotFound("no customer " + passId.value()));
        Instant now = clock.now();
        int refunded = 0;
        if (!customer.deleted()) {
            accounts.setDisabled(passId, true, now);
            refunded = disable.endUnfinished(passId);
            accounts.erase(passId, now);
        }
        // After the erasure, so a failing store leaves no personal data in the tables; a repeat deletes what is left.
        List<AssetKey> media = AccountMedia.of(store, passId, accounts.generationIds(passId));
        media.forEach(store::delete);
        Instant deletedAt = customers.find(passId).map(Customer::deletedAt).orElse(now);
        disable.record(
                actor,
                "account.delete",
                Json.obj("pass_id", passId.value(), "refunded_generations", refunded, "media_deleted", media.size()),
                clock.now());
        log.info("account_deleted pass_id={} refunded={} media_deleted={}", passId.value(), refunded, media.size());
        return new Deleted(passId, refunded, media.size(), deletedAt);
    }
}
