package me.minav3.http;

import java.util.function.Consumer;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.engine.LiveEvent;

/** The live pipeline lines of one generation, as they happen (this process's and, when connected, other processes'). */
@FunctionalInterface
public interface LiveLines {

    /** Listens to one generation until the returned handle is closed. */
    AutoCloseable subscribe(GenerationId id, Consumer<LiveEvent> listener);
}
