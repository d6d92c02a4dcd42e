package me.minav3.mma.pipeline;

import me.minav3.mma.asset.IngestMedia;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.port.Clock;
import me.minav3.mma.port.CustomerStore;
import me.minav3.mma.port.GenerationQueue;
import me.minav3.mma.port.Generations;
import me.minav3.mma.port.StudioEvents;

/** The collaborators stages use. */
public record PipelineServices(ProviderRegistry providers, GptContexts contexts, IngestMedia media, GenerationQueue queue,
                               Generations generations, StudioEvents events, CustomerStore customers,
                               ConfigService config, Clock clock) {
}
