package me.minav3.http;

/** A refusal at the HTTP level (malformed body, wrong content type, rate limit) with its status. */
final class HttpProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final Long retryAfterSeconds;

    HttpProblem(int status, String title, String detail) {
        this(status, title, detail, null);
    }

    HttpProblem(int status, String title, String detail, Long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.title = title;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds for a {@code Retry-After} header, or null. */
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
