package me.minav3.mma.testing;

import me.minav3.mma.audit.AuditLog;
import me.minav3.mma.config.ConfigStore;
import me.minav3.mma.credits.Credits;
import me.minav3.mma.customers.CustomerStore;
import me.minav3.mma.generation.GenerationQueue;
import me.minav3.mma.generation.Generations;
import me.minav3.mma.pricing.ProviderCosts;
import me.minav3.mma.studio.Sessions;
import me.minav3.mma.studio.StudioEvents;

/** The MEGA-table ports of one storage implementation, for the shared contract tests and the pipeline fixture. */
public record MegaStores(
        CustomerStore customers,
        Credits credits,
        GenerationQueue queue,
        Generations generations,
        Sessions sessions,
        StudioEvents events,
        ConfigStore config,
        AuditLog audit,
        ProviderCosts costs) {

    /** The same stores with another generation queue (a test that intercepts the job side). */
    public MegaStores withQueue(GenerationQueue replacement) {
        return new MegaStores(customers, credits, replacement, generations, sessions, events, config, audit, costs);
    }
}
