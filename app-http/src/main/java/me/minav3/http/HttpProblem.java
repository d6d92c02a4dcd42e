package me.minav3.http;

import org.jspecify.annotations.Nullable;

/** A refusal at the HTTP level (malformed body, wrong content type, rate limit) with its status. */
final class HttpProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final @Nullable Long retryAfterSeconds;

    HttpProblem(int status, String title, String detail) {
        this(status, title, detail, null);
    }

    HttpProblem(int status, String title, String detail, @Nullable Long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.title = title;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds for a {@code Retry-After} header, or null. */
    @Nullable
    Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    static HttpProblem badRequest(String detail) {
        return new HttpProblem(400, "Malformed request", detail);
    }

    int status() {
        return status;
    }

    String title() {
        return title;
    }
}
