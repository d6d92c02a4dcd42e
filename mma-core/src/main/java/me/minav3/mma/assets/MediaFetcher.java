package me.minav3.mma.assets;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Downloads media from an http(s) URL (a pasted link, or a provider's temporary output URL) without letting the
 * URL reach private, local or metadata addresses. The core never opens sockets; adapters implement this.
 */
public interface MediaFetcher {

    /** Bounds for one download: body size, redirects followed, and total time including every redirect. */
    record Limits(long maxBytes, int maxRedirects, Duration timeout) {
        public Limits {
            Objects.requireNonNull(timeout, "timeout");
            if (maxBytes < 1 || maxRedirects < 0 || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("fetch limits must be positive");
            }
        }
    }

    /** Why a download did not happen; the core turns it into a sentence for people. */
    enum Problem {
        /** Not http or https, or not an absolute URL with a host. */
        UNSUPPORTED_URL,
        /** The host is, or resolves to, a loopback, private, link-local, multicast or otherwise non-public address. */
        NOT_PUBLIC_ADDRESS,
        UNKNOWN_HOST,
        TOO_MANY_REDIRECTS,
        TOO_LARGE,
        TIMEOUT,
        /** The server answered with a status other than 2xx or a followed 3xx. */
        HTTP_ERROR,
        /** The connection failed or broke off. */
        UNREACHABLE
    }

    /** The outcome of {@link #fetch}. */
    sealed interface Result permits Fetched, NotFetched {}

    /** The body, read completely within the limits, and the URL it finally came from after redirects. */
    record Fetched(byte[] bytes, URI finalUrl) implements Result {
        public Fetched {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(finalUrl, "final url");
        }
    }

    /**
     * @param detail     for logs: never contains the URL's query (which may hold a provider's token)
     * @param httpStatus the status for {@link Problem#HTTP_ERROR}, else 0
     */
    record NotFetched(Problem problem, String detail, int httpStatus) implements Result {
        public NotFetched {
            Objects.requireNonNull(problem, "problem");
            detail = detail == null ? "" : detail;
        }
    }

    /** Downloads the URL within the limits, re-checking the address of every redirect before connecting to it. */
    Result fetch(URI url, Limits limits);
}
