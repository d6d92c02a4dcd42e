package me.minav3.mma.engine;

import me.minav3.mma.assets.IngestMedia;
import me.minav3.mma.assets.SvgSanitizer;
import me.minav3.mma.common.Clock;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.customers.CustomerStore;
import me.minav3.mma.error.InvalidUpload;
import me.minav3.mma.generation.GenerationQueue;
import me.minav3.mma.generation.Generations;
import me.minav3.mma.providers.GptContexts;
import me.minav3.mma.providers.ProviderRegistry;
import me.minav3.mma.studio.StudioEvents;

/**
 * The collaborators stages use.
 *
 * @param svg rebuilds every SVG an edit tool returns before it is stored (decision 045)
 */
public record PipelineServices(
        ProviderRegistry providers,
        GptContexts contexts,
        IngestMedia media,
        GenerationQueue queue,
        Generations generations,
        StudioEvents events,
        CustomerStore customers,
        ConfigService config,
        Clock clock,
        SvgSanitizer svg) {

    /** Services whose edit runs store no SVG: every vectorize result is refused (a pipeline without edit tools). */
    public PipelineServices(
            ProviderRegistry providers,
            GptContexts contexts,
            IngestMedia media,
            GenerationQueue queue,
            Generations generations,
            StudioEvents events,
            CustomerStore customers,
            ConfigService config,
            Clock clock) {
        this(providers, contexts, media, queue, generations, events, customers, config, clock, REFUSE_SVG);
    }

    private static final SvgSanitizer REFUSE_SVG = svg -> {
        throw new InvalidUpload("this process stores no SVG (no sanitiser is wired)");
    };
}
