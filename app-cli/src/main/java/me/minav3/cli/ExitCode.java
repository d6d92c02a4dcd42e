package me.minav3.cli;

import java.util.function.ToIntFunction;
import me.minav3.mma.error.AccessDenied;
import me.minav3.mma.error.ConfigurationError;
import me.minav3.mma.error.Conflict;
import me.minav3.mma.error.GenerationFailed;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.error.MinaException;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.error.StorageFailure;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.Generation;

/** The exit codes of INTERFACE.md, and the one place that maps failures and business refusals to them. */
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

    /** What the CLI tells a person about a create the business refused, and the exit code it ends with. */
    record Refusal(int code, String message) {}

    private ExitCode() {}

    /** The exit code's name in a {@code --json} failure document: {@code not_enough_matcha}. */
    static String name(int exitCode) {
        return switch (exitCode) {
            case OK -> "ok";
            case CHECK_FAILED -> "check_failed";
            case USAGE -> "usage";
            case NOT_ENOUGH_MATCHA -> "not_enough_matcha";
            case NOT_FOUND -> "not_found";
            case GENERATION_FAILED -> "generation_failed";
            case INVALID_INPUT -> "invalid_input";
            case UNAVAILABLE -> "unavailable";
            default -> "exit_" + exitCode;
        };
    }

    public static int of(MinaException failure) {
        return switch (failure) {
            case InvalidInput e -> INVALID_INPUT;
            case Conflict e -> INVALID_INPUT;
            case AccessDenied e -> INVALID_INPUT;
            case NotFound e -> NOT_FOUND;
            case GenerationFailed e -> GENERATION_FAILED;
            case ProviderFailure e -> UNAVAILABLE;
            case ConfigurationError e -> UNAVAILABLE;
            case StorageFailure e -> UNAVAILABLE;
        };
    }

    static Refusal of(CreateOutcome.Refused refused) {
        return switch (refused) {
            case CreateOutcome.InsufficientMatcha r ->
                new Refusal(
                        NOT_ENOUGH_MATCHA,
                        "I need matcha: this costs " + r.needed() + " and the balance is " + r.balance()
                                + (r.offer() == null
                                        ? ""
                                        : "; the " + r.offer().label() + " engine costs "
                                                + r.offer().cost() + " (--engine "
                                                + r.offer().engine() + ")"));
            case CreateOutcome.Expired r ->
                new Refusal(NOT_ENOUGH_MATCHA, "I need matcha: the balance expired at " + r.expiredAt());
        };
    }

    /**
     * Goes on with the generation a create queued (or had queued before, for a retried request id); a refused
     * create is told on stderr ({@code mina: I need matcha…}, and as the one document of a {@code --json} run) and
     * ends with its exit code.
     */
    static int whenQueued(CreateOutcome outcome, Output out, boolean json, ToIntFunction<Generation> then) {
        return switch (outcome) {
            case CreateOutcome.Created created -> then.applyAsInt(created.generation());
            case CreateOutcome.AlreadyExists existing -> then.applyAsInt(existing.generation());
            case CreateOutcome.Refused refused -> {
                Refusal refusal = of(refused);
                yield out.failure(refusal.code(), refusal.message(), json);
            }
        };
    }
}
