package me.minav3.mma.submit;

import java.util.Objects;
import java.util.regex.Pattern;
import me.minav3.mma.error.InvalidInput;
import org.jspecify.annotations.Nullable;

/**
 * An idempotency key: the same key from the same user always means the same generation. 1-120 plain characters
 * (it ends up in ids and logs); anything else is refused.
 */
public record RequestId(String value) {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._:-]{1,120}");

    public RequestId {
        Objects.requireNonNull(value, "request id");
        if (!ALLOWED.matcher(value).matches()) {
            throw new InvalidInput("a request id is 1-120 letters, digits or . _ : -");
        }
    }

    /** The key a caller sent, or null when it sent none. */
    public static @Nullable RequestId ofNullable(@Nullable String value) {
        return value == null ? null : new RequestId(value);
    }

    /** The key as stored ({@code inputs.request_id}), or null for none. */
    static @Nullable String valueOf(@Nullable RequestId requestId) {
        return requestId == null ? null : requestId.value();
    }
}
