package me.minav3.adapters.r2;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import me.minav3.mma.assets.MediaFetcher;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads media over http(s) without letting a URL reach private networks (SSRF). Host names are resolved by a
 * {@link VettingDnsResolver} inside the HTTP client, which refuses non-public addresses and hands the client only
 * the addresses it checked, so the connection goes to a vetted address and DNS cannot change in between.
 * Redirects are followed here, one hop at a time, each hop checked again. The body is read up to the size limit
 * and the whole download, redirects included, is cut off at the time limit.
 */
final class SafeHttpMediaFetcher implements MediaFetcher, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SafeHttpMediaFetcher.class);

    /** The first buffer for a body of unknown length. */
    private static final int FIRST_BUFFER = 16 * 1024;
    /** The most a sender's announced length sizes the first buffer to, before any byte arrived. */
    private static final int TRUSTED_LENGTH = 256 * 1024;
    /** The largest array the JVM reliably allocates. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private sealed interface Hop {}

    private record Redirect(String location) implements Hop {}

    private record Body(byte[] bytes) implements Hop {}

    private record Failed(NotFetched why) implements Hop {}

    private final FetcherSettings settings;
    private final VettingDnsResolver resolver;
    /**
     * Built on the first download: its TLS set-up (the trust store read and parsed) was a tenth of a warm CLI call
     * that downloads nothing, e.g. {@code mina credits} or a local still (decision 050).
     */
    private @Nullable CloseableHttpClient client;

    private final ScheduledExecutorService deadlines;
    private final String userAgent;

    SafeHttpMediaFetcher(FetcherSettings settings, VettingDnsResolver resolver) {
        this.userAgent = settings.userAgent();
        this.settings = settings;
        this.resolver = resolver;
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "media-fetch-deadline");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.deadlines = timer;
    }

    private synchronized CloseableHttpClient client() {
        if (client == null) {
            client = newClient(settings, resolver);
        }
        return client;
    }

    private static CloseableHttpClient newClient(FetcherSettings settings, VettingDnsResolver resolver) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(resolver)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                                // A pooled connection is checked before reuse (at most a millisecond): servers close
                                // idle ones.
                                .setValidateAfterInactivity(TimeValue.ofMilliseconds(1))
                                .build())
                        .setMaxConnTotal(128)
                        // Every provider output comes from one or two hosts: many generations download at once.
                        .setMaxConnPerRoute(32)
                        .build())
                .disableRedirectHandling()
                .setRetryStrategy(new StaleConnectionRetry())
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
    }

    /**
     * Retries a GET (twice at most) when a kept-alive connection turns out to have been closed by the server
     * before it answered (HTTP/1.1 lets a client do this for idempotent requests). Servers and CDNs close idle connections
     * whenever they like; without this a busy moment fails downloads that would have worked. Nothing else is
     * retried here: redirects, statuses and timeouts are this fetcher's own decisions.
     */
    private static final class StaleConnectionRetry implements HttpRequestRetryStrategy {
        @Override
        public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
            return exception instanceof NoHttpResponseException && execCount < 3 && "GET".equals(request.getMethod());
        }

        @Override
        public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
            return false;
        }

        @Override
        public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
            return TimeValue.ZERO_MILLISECONDS;
        }
    }

    @Override
    public Result fetch(URI url, Limits limits) {
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        URI current = url;
        for (int redirects = 0; ; redirects++) {
            if (!isHttp(current)) {
                return new NotFetched(Problem.UNSUPPORTED_URL, "scheme or host missing", 0);
            }
            Hop hop = get(current, limits.maxBytes(), deadline);
            switch (hop) {
                case Body body -> {
                    return new Fetched(body.bytes(), current);
                }
                case Failed failed -> {
                    LOG.info(
                            "fetch.refused host={} problem={} detail={}",
                            current.getHost(),
                            failed.why().problem(),
                            failed.why().detail());
                    return failed.why();
                }
                case Redirect redirect -> {
                    if (redirects >= limits.maxRedirects()) {
                        return new NotFetched(Problem.TOO_MANY_REDIRECTS, "more than " + limits.maxRedirects(), 0);
                    }
                    try {
                        current = current.resolve(redirect.location().strip());
                    } catch (IllegalArgumentException e) {
                        return new NotFetched(Problem.UNSUPPORTED_URL, "unparseable redirect location", 0);
                    }
                }
            }
        }
    }

    private Hop get(URI url, long maxBytes, long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return new Failed(new NotFetched(Problem.TIMEOUT, "time limit reached", 0));
        }
        HttpGet request = new HttpGet(url);
        request.setConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(remaining, TimeUnit.NANOSECONDS))
                .setConnectionRequestTimeout(Timeout.of(remaining, TimeUnit.NANOSECONDS))
                .build());
        request.setHeader("User-Agent", userAgent);
        request.setHeader("Accept", "image/*, video/mp4;q=0.9, */*;q=0.1");
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> alarm = deadlines.schedule(
                () -> {
                    timedOut.set(true);
                    request.cancel();
                },
                remaining,
                TimeUnit.NANOSECONDS);
        ClassicHttpResponse response = null;
        try {
            response = client().executeOpen(null, request, HttpClientContext.create());
            return read(response, request, maxBytes);
        } catch (IOException | RuntimeException e) {
            return new Failed(classify(e, timedOut.get()));
        } finally {
            alarm.cancel(false);
            closeQuietly(response);
        }
    }

    private static void closeQuietly(@Nullable ClassicHttpResponse response) {
        if (response != null) {
            try {
                response.close();
            } catch (IOException ignored) {
                // the connection was already dropped on purpose (cancelled after a refusal or at the deadline)
            }
        }
    }

    private static Hop read(ClassicHttpResponse response, HttpGet request, long maxBytes) throws IOException {
        boolean complete = false;
        try {
            int status = response.getCode();
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                Header location = response.getFirstHeader("Location");
                return location == null
                        ? new Failed(new NotFetched(Problem.HTTP_ERROR, "redirect without location", status))
                        : new Redirect(location.getValue());
            }
            if (status < 200 || status > 299) {
                return new Failed(new NotFetched(Problem.HTTP_ERROR, "status " + status, status));
            }
            HttpEntity entity = response.getEntity();
            if (entity == null) {
                complete = true;
                return new Body(new byte[0]);
            }
            if (entity.getContentLength() > maxBytes) {
                return new Failed(new NotFetched(Problem.TOO_LARGE, "declared " + entity.getContentLength(), 0));
            }
            byte[] body = readAtMost(entity.getContent(), maxBytes, entity.getContentLength());
            if (body == null) {
                return new Failed(new NotFetched(Problem.TOO_LARGE, "more than " + maxBytes + " bytes", 0));
            }
            complete = true;
            return new Body(body);
        } finally {
            if (!complete) {
                // drop the connection instead of letting the client drain an unwanted (maybe endless) body
                request.cancel();
            }
        }
    }

    /**
     * The whole stream, or null as soon as it passes {@code maxBytes} (reading at most one byte past it). The body is
     * read straight into the array it is returned in: {@code announced} (the sender's Content-Length, or -1) sizes
     * that array, so a body of the announced length is read without a copy, but never to more than {@link
     * #TRUSTED_LENGTH} at first (a sender may announce the limit and send nothing); past that it grows as the bytes
     * arrive, by doubling, up to the announced length or the limit.
     */
    static byte @Nullable [] readAtMost(InputStream in, long maxBytes, long announced) throws IOException {
        int limit = (int) Math.min(maxBytes, MAX_ARRAY);
        long expected = announced >= 0 ? announced : FIRST_BUFFER;
        byte[] body = new byte[(int) Math.min(expected, Math.min(TRUSTED_LENGTH, limit))];
        int length = 0;
        while (true) {
            if (length == body.length) {
                int next = in.read();
                if (next == -1) {
                    return body;
                }
                if (length == limit) {
                    return null;
                }
                long target = announced > length ? Math.min(announced, limit) : limit;
                body = Arrays.copyOf(body, (int) Math.min(Math.max(2L * length, FIRST_BUFFER), target));
                body[length++] = (byte) next;
            }
            int n = in.read(body, length, body.length - length);
            if (n == -1) {
                return length == body.length ? body : Arrays.copyOf(body, length);
            }
            length += n;
        }
    }

    private static NotFetched classify(Exception e, boolean timedOut) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof VettingDnsResolver.NotPublicAddress refused) {
                return new NotFetched(Problem.NOT_PUBLIC_ADDRESS, String.valueOf(refused.getMessage()), 0);
            }
        }
        if (timedOut
                || e instanceof SocketTimeoutException
                || e instanceof ConnectTimeoutException
                || e instanceof InterruptedIOException) {
            return new NotFetched(Problem.TIMEOUT, e.getClass().getSimpleName(), 0);
        }
        if (e instanceof UnknownHostException) {
            return new NotFetched(Problem.UNKNOWN_HOST, "host not found", 0);
        }
        return new NotFetched(Problem.UNREACHABLE, e.getClass().getSimpleName() + ": " + e.getMessage(), 0);
    }

    private static boolean isHttp(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https"))
                && url.getHost() != null
                && url.getRawUserInfo() == null;
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        CloseableHttpClient built;
        synchronized (this) {
            built = client;
        }
        if (built != null) {
            built.close();
        }
    }
}
