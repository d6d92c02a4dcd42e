package me.minav3.adapters.postgres;

import me.minav3.mma.testing.MegaStores;

/** The MEGA-table ports of one {@link MegaDatabase}, as the shared contract tests and the pipeline fixture take them. */
final class PostgresStores {

    private PostgresStores() {}

    static MegaStores of(MegaDatabase db) {
        return new MegaStores(
                db.customers(),
                db.credits(),
                db.generationQueue(),
                db.generations(),
                db.sessions(),
                db.events(),
                db.config(),
                db.audit(),
                db.costs());
    }
}
