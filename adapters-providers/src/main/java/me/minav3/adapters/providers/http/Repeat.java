package me.minav3.adapters.providers.http;

/**
 * What sending a request a second time does at the provider. Every request is classed; the class decides which
 * faults {@link ProviderHttp} may retry.
 */
public enum Repeat {

    /** Nothing more than sending it once: reads, polls, lookups, cancels, adding tags. Retried on any passing fault. */
    IDEMPOTENT,

    /**
     * A second answer, billed again, and nothing else: a chat completion keeps no state at the provider and a lost
     * answer cannot be fetched, so it is sent again on passing faults (every attempt is in the trace).
     */
    REBILLED,

    /**
     * A second job, billed again: a video task, a prediction, an image. Sent again only after a fault that proves
     * the provider did nothing ({@link Fault#unsent()}); after any other fault the outcome is unknown and is left to
     * the adapter ({@link ProviderHttp#create}), which may look the job up by its own dedupe key.
     */
    DUPLICATES
}
