package me.minav3.bootstrap;

import me.minav3.adapters.postgres.EmbeddedPostgresServer;

/**
 * The embedded PostgreSQL as an operator sees it from the CLI: {@code mina db stop} ends a server kept warm between
 * calls (decision 039) without starting the product.
 */
public final class EmbeddedDatabase {

    /** What {@link #stop} did. */
    public enum Stopped {
        /** {@code DATABASE_URL} is set: there is no embedded server. */
        NOT_EMBEDDED,
        NOT_RUNNING,
        STOPPED,
        /** Another {@code mina} process (a {@code serve}, a batch) still uses it; nothing was stopped. */
        IN_USE
    }

    private EmbeddedDatabase() {}

    /** Stops the data directory's embedded server cleanly; with {@code force} even while another process uses it. */
    public static Stopped stop(MinaSettings settings, boolean force) {
        if (settings.databaseUrl() != null) {
            return Stopped.NOT_EMBEDDED;
        }
        return switch (EmbeddedPostgresServer.stopUnused(settings.dataDir(), force)) {
            case STOPPED -> Stopped.STOPPED;
            case NOT_RUNNING -> Stopped.NOT_RUNNING;
            case IN_USE -> Stopped.IN_USE;
        };
    }
}
