package me.minav3.mma.pipeline;

import me.minav3.mma.asset.IngestMedia;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.port.Clock;
import me.minav3.mma.port.CustomerStore;
import me.minav3.mma.port.Ledger;

/** The collaborators stages use. */
public record PipelineServices(ProviderRegistry providers, GptContexts contexts, IngestMedia media, Ledger ledger,
                               CustomerStore customers, ConfigService config, Clock clock) {
}
