package me.minav3.bootstrap;

import java.time.Duration;
import java.util.List;
import me.minav3.http.MinaServer;
import me.minav3.mma.engine.MmaWorkers;

/** A running {@code mina serve}: the HTTP server and this process's workers. */
public final class Serving {

    private final MinaServer server;
    private final MmaWorkers workers;
    private final String description;
    private final String loginMail;
    private final List<String> warnings;

    Serving(MinaServer server, MmaWorkers workers, String description, String loginMail, List<String> warnings) {
        this.server = server;
        this.workers = workers;
        this.description = description;
        this.loginMail = loginMail;
        this.warnings = List.copyOf(warnings);
    }

    /** What the start found an operator should fix (storage not answering, an out-of-support Shopify version). */
    public List<String> warnings() {
        return warnings;
    }

    /** "database: …, assets: …, providers: …". */
    public String description() {
        return description;
    }

    /** Where login codes go: "email codes are sent through smtp://host:port as …" or "… written to the log …". */
    public String loginMail() {
        return loginMail;
    }

    public int port() {
        return server.port();
    }

    /** Stops taking requests, then gives running generations {@code drain} to finish (the rest go back to the queue). */
    public void stop(Duration drain) {
        server.close();
        workers.stop(drain);
    }
}
