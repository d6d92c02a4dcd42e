package me.minav3.mma.engine;

import java.util.Locale;
import java.util.Map;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.error.MinaException;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.error.StorageFailure;
import me.minav3.mma.generation.GenerationKind;
import org.jspecify.annotations.Nullable;

/** Turns a stage failure into the step's {@code error} payload and a readable {@code mg_error} for the user. */
final class Failures {

    private Failures() {}

    static Map<String, Object> payload(Throwable failure) {
        if (failure instanceof ProviderFailure provider) {
            var payload = Json.mutableCopy(provider.toPayload());
            payload.put("response", provider.trace().response());
            return payload;
        }
        var payload = Json.obj(
                "kind",
                failure instanceof MinaException ? kind(failure) : "internal",
                "message",
                String.valueOf(failure.getMessage()),
                "type",
                failure.getClass().getSimpleName());
        if (failure instanceof StorageFailure && failure.getCause() != null) {
            payload.put("cause", failure.getCause().getClass().getName());
        }
        return payload;
    }

    /** What the user reads about a generation charged whole matcha; never a stack trace, never a secret. */
    static String readable(String stepType, MmaMode mode, Throwable failure) {
        return readable(stepType, mode, null, failure);
    }

    /**
     * What the user reads; never a stack trace, never a secret. A tool run's share goes back to the tool pool, not
     * to the balance (decision 042), and the line says so.
     */
    static String readable(String stepType, MmaMode mode, @Nullable GenerationKind kind, Throwable failure) {
        return why(stepType, mode, failure) + " " + refunded(kind);
    }

    /** The refund sentence for a generation of {@code kind} that failed or was given up. */
    static String refunded(@Nullable GenerationKind kind) {
        return (kind == null ? GenerationKind.CREATE : kind).refundSentence();
    }

    private static String why(String stepType, MmaMode mode, Throwable failure) {
        String what = switch (stepType.replaceAll("^[a-z0-9]+_(generate|generate_feedback)$", "generate")) {
            case "generate" -> mode == MmaMode.VIDEO ? "the video service" : "the image service";
            case "gpt_reader", "gpt_feedback_still", "gpt_reader_motion", "gpt_feedback_motion" -> "the prompt writer";
            default ->
                stepType.startsWith("scan") ? "the image reader" : stepType.endsWith("_edit") ? "the edit tool" : "MMA";
        };
        String why;
        if (failure instanceof ProviderFailure provider) {
            why = switch (provider.kind()) {
                case TIMEOUT -> what + " did not answer in time";
                case RATE_LIMITED -> what + " is busy right now";
                case QUOTA, AUTH, CONFIGURATION -> what + " is not available right now";
                case MALFORMED_REPLY -> what + " gave an answer we could not use";
                case TASK_FAILED -> what + " could not make this one" + reason(provider.getMessage());
                case OUTPUT_UNAVAILABLE -> "the result could not be downloaded from " + what;
                default -> what + " failed";
            };
        } else if (failure instanceof StorageFailure) {
            // Whatever the stage: the provider did its part, our storage did not (details are in the step).
            why = "our storage is not available right now"
                    + (what.endsWith("service")
                            ? ", so " + (mode == MmaMode.VIDEO ? "your video" : "your image") + " could not be saved"
                            : "");
        } else if (failure instanceof InvalidInput invalid && invalid.getMessage() != null) {
            why = invalid.getMessage();
        } else {
            why = "something went wrong in " + what;
        }
        return capitalize(why) + ".";
    }

    private static String reason(@Nullable String message) {
        return message == null || message.isBlank() ? "" : " (" + abbreviate(message) + ")";
    }

    private static String kind(Throwable failure) {
        return failure.getClass()
                .getSimpleName()
                .replaceAll("([a-z])([A-Z])", "$1_$2")
                .toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String text) {
        String line = text.lines().findFirst().orElse(text);
        return line.length() <= 160 ? line : line.substring(0, 157) + "...";
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
