package me.minav3.cli;

import me.minav3.mma.error.AccessDenied;
import me.minav3.mma.error.ConfigurationError;
import me.minav3.mma.error.Conflict;
import me.minav3.mma.error.GenerationFailed;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.error.MinaException;
import me.minav3.mma.error.NotEnoughMatcha;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.error.StorageFailure;

/** The exit codes of INTERFACE.md, and the one place that maps failures to them. */
public final class ExitCode {

    public static final int OK = 0;
    public static final int CHECK_FAILED = 1;
    public static final int USAGE = 2;
    public static final int NOT_ENOUGH_MATCHA = 3;
    public static final int NOT_FOUND = 4;
    public static final int GENERATION_FAILED = 5;
    public static final int INVALID_INPUT = 6;
    /** The product could not run: database or storage unreachable, a provider down, a bad configuration. */
    public static final int UNAVAILABLE = 7;

    private ExitCode() {
    }

    public static int of(MinaException failure) {
        return switch (failure) {
            case InvalidInput e -> INVALID_INPUT;
            case Conflict e -> INVALID_INPUT;
            case AccessDenied e -> INVALID_INPUT;
            case NotFound e -> NOT_FOUND;
            case NotEnoughMatcha e -> NOT_ENOUGH_MATCHA;
            case GenerationFailed e -> GENERATION_FAILED;
            case ProviderFailure e -> UNAVAILABLE;
            case ConfigurationError e -> UNAVAILABLE;
            case StorageFailure e -> UNAVAILABLE;
        };
    }
}
