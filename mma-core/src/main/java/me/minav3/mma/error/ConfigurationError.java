package me.minav3.mma.error;

/** The product is configured in a way it cannot run with (a missing setting, an invalid config row). */
public final class ConfigurationError extends MinaException {

    public ConfigurationError(String message) {
        super(message);
    }

    public ConfigurationError(String message, Throwable cause) {
        super(message, cause);
    }
}
