package me.minav3.mma.error;

import org.jspecify.annotations.Nullable;

/**
 * The one hierarchy of faults and refusals the apps translate for people. app-http maps it to an HTTP status and
 * app-cli to an exit code, each with one exhaustive switch. Expected business outcomes (not enough matcha on a
 * debit, an id applied twice) are return types, not exceptions; each app maps them in the same one place.
 */
public abstract sealed class MinaException extends RuntimeException
        permits InvalidInput,
                NotFound,
                Conflict,
                GenerationFailed,
                ProviderFailure,
                AccessDenied,
                ConfigurationError,
                StorageFailure {

    protected MinaException(@Nullable String message) {
        super(message);
    }

    protected MinaException(@Nullable String message, Throwable cause) {
        super(message, cause);
    }
}
