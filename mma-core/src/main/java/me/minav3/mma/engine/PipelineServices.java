package me.minav3.mma.engine;

import me.minav3.mma.assets.IngestMedia;
import me.minav3.mma.common.Clock;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.customers.CustomerStore;
import me.minav3.mma.generation.GenerationQueue;
import me.minav3.mma.generation.Generations;
import me.minav3.mma.providers.GptContexts;
import me.minav3.mma.providers.ProviderRegistry;
import me.minav3.mma.studio.StudioEvents;

/** The collaborators stages use. */
public record PipelineServices(
        ProviderRegistry providers,
        GptContexts contexts,
        IngestMedia media,
        GenerationQueue queue,
        Generations generations,
        StudioEvents events,
        CustomerStore customers,
        ConfigService config,
        Clock clock) {}
